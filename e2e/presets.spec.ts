import { PLANT_PRESETS as PRESETS } from "../src/app/presets.ts";
import { expect, test, type PacketType, type Verdict } from "./fixtures.ts";

/** What each plant example must show: the verdict of every message, and the packet it loses. */
const EXPECTED: Record<string, { verdicts: Verdict[]; lost: PacketType }> = {
  "temperature-qos0": { verdicts: ["once", "once", "lost", "once", "once"], lost: "PUBLISH" },
  "pump-qos1-puback-lost": { verdicts: ["duplicated"], lost: "PUBACK" },
  "batch-publish-lost": { verdicts: ["once"], lost: "PUBLISH" },
  "batch-pubrec-lost": { verdicts: ["once"], lost: "PUBREC" },
  "batch-pubrel-lost": { verdicts: ["once"], lost: "PUBREL" },
  "batch-pubcomp-lost": { verdicts: ["once"], lost: "PUBCOMP" },
  "downgrade-qos2-to-qos1": { verdicts: ["duplicated"], lost: "PUBACK" },
  "clean-session-qos2-lost": { verdicts: ["lost"], lost: "PUBREL" },
};

test.describe("presets", () => {
  test("every preset in presets.ts is covered here", () => {
    expect(PRESETS.map((p) => p.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const preset of PRESETS) {
    const expected = EXPECTED[preset.id];
    test(`${preset.id}: tells its story and shows ${expected?.verdicts.join(", ")}`, async ({ lab }) => {
      if (!expected) throw new Error(`no expectation for ${preset.id}`);
      await lab.choosePreset(preset.id);
      await expect(lab.story).toHaveText(preset.story);
      await expect(lab.verdict).toHaveRole("status");
      await lab.expectVerdicts(...expected.verdicts);
      // The lost packet is drawn, and its accessible name says so.
      await expect(lab.diagram.dropped(expected.lost)).toHaveCount(1);
      await expect(lab.diagram.dropped()).toHaveCount(1);
    });
  }

  test("temperature at QoS 0: message 3 is lost for good, nothing is resent", async ({ lab }) => {
    await lab.choosePreset("temperature-qos0");
    await expect(lab.verdictOf(3)).toContainText("not processed at all");
    await expect(lab.diagram.arrow("PUBLISH", 1, { message: 3 })).toHaveAccessibleName(/dropped/);
    await expect(lab.diagram.arrow("PUBLISH", 2, { message: 3 })).toHaveCount(0);
    await expect(lab.diagram.deliveriesAt("broker")).toHaveCount(4);
  });

  test("pump at QoS 1: the subscriber gets the command twice, the second marked duplicate", async ({
    lab,
  }) => {
    await lab.choosePreset("pump-qos1-puback-lost");
    await expect(lab.verdictOf(1)).toContainText("processed twice");
    const deliveries = lab.diagram.deliveriesAt("subscriber");
    await expect(deliveries).toHaveCount(2);
    await expect(deliveries.nth(0)).not.toHaveAttribute("data-duplicate");
    await expect(deliveries.nth(1)).toHaveAttribute("data-duplicate", "true");
    await expect(lab.diagram.arrow("PUBLISH", 2, { direction: "broker to subscriber" })).toContainText("DUP");
  });

  test("batch with PUBREL lost: PUBREL is resent, never the PUBLISH", async ({ lab }) => {
    await lab.choosePreset("batch-pubrel-lost");
    await expect(lab.diagram.arrow("PUBREL", 2, { direction: "publisher to broker" })).toBeVisible();
    await expect(lab.diagram.arrow("PUBLISH", 2)).toHaveCount(0);

    const rows = await lab.packetRows();
    const firstPubrel = rows.findIndex((row) => row.packet === "PUBREL");
    expect(firstPubrel).toBeGreaterThan(0);
    expect(rows.slice(firstPubrel).filter((row) => row.packet === "PUBLISH" && row.dup)).toEqual([]);
  });

  test("downgrade: QoS 2 in, QoS 1 out, the subscriber gets it twice", async ({ lab }) => {
    await lab.choosePreset("downgrade-qos2-to-qos1");
    await expect(lab.diagram.arrow("PUBLISH", 1, { direction: "broker to subscriber" })).toContainText(
      "QoS 1",
    );
    await expect(lab.diagram.deliveriesAt("subscriber")).toHaveCount(2);
  });

  test("clean session: the stored message is discarded and never processed", async ({ lab }) => {
    await lab.choosePreset("clean-session-qos2-lost");
    await expect(lab.verdictOf(1)).toContainText("not processed at all");
    await expect(lab.diagram.mark("session-discarded").first()).toBeVisible();
    await expect(lab.diagram.mark("session-discarded").first()).toContainText("clean session");
    await expect(lab.diagram.deliveriesAt("subscriber")).toHaveCount(0);
  });
});
