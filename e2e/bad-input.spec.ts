import { expect, LabPage, test } from "./fixtures.ts";

test.describe("bad input never breaks the page", () => {
  test("invalid JSON lists the problem and keeps the last good diagram", async ({ lab }) => {
    await lab.choosePreset("pump-qos1-puback-lost");
    await lab.expectVerdicts("duplicated");
    const arrows = await lab.diagram.arrows.count();

    await lab.typeJson('{ "publishQos": 1, ');
    await expect(lab.problems).toHaveRole("alert");
    await expect(lab.problems.getByRole("listitem")).not.toHaveCount(0);
    await expect(lab.problems).toContainText(/JSON/i);
    await expect(lab.problems).toContainText("showing the last valid trace");

    await expect(lab.diagram.arrows).toHaveCount(arrows);
    await lab.expectVerdicts("duplicated");
    await expect(lab.preset("pump-qos1-puback-lost")).toHaveAttribute("aria-pressed", "false");

    await lab.typeJson(JSON.stringify({ publishQos: 0 }));
    await expect(lab.problems.getByRole("listitem")).toHaveCount(0);
    await expect(lab.diagram.arrows).toHaveCount(1);
    await lab.expectVerdicts("once");
  });

  test("a scenario the core refuses names the field and keeps the last good diagram", async ({ lab }) => {
    await lab.choosePreset("batch-pubrec-lost");
    const arrows = await lab.diagram.arrows.count();

    await lab.typeJson(
      JSON.stringify({ publishQos: 1, faults: [{ hop: "publisher-broker", packet: "PUBAK" }] }),
    );
    await expect(lab.problems).toContainText("faults[0].packet");
    await expect(lab.diagram.arrows).toHaveCount(arrows);
    await lab.expectVerdicts("once");

    // Fixing the typo recovers.
    await lab.typeJson(
      JSON.stringify({ publishQos: 1, faults: [{ hop: "publisher-broker", packet: "PUBACK" }] }),
    );
    await expect(lab.problems.getByRole("listitem")).toHaveCount(0);
    await lab.expectVerdicts("duplicated");
    await expect(lab.diagram.dropped("PUBACK")).toHaveCount(1);
  });

  test("on-timeout with MQTT 5.0 from the set-up bar is refused until the protocol is fixed", async ({
    lab,
  }) => {
    await lab.choosePreset("pump-qos1-puback-lost");
    const arrows = await lab.diagram.arrows.count();

    await lab.setup.retransmit.selectOption("on-timeout");
    await expect(lab.problems).toContainText("retransmit");
    await expect(lab.problems).toContainText("MQTT-4.4.0-1");
    // The form keeps showing the refused choice, the diagram the last good trace.
    await expect(lab.setup.retransmit).toHaveValue("on-timeout");
    await expect(lab.diagram.arrows).toHaveCount(arrows);
    await expect(lab.diagram.mark("timeout")).toHaveCount(0);
    await lab.expectVerdicts("duplicated");

    await lab.setup.protocol.selectOption("3.1.1");
    await expect(lab.problems.getByRole("listitem")).toHaveCount(0);
    await expect(lab.diagram.mark("timeout").first()).toBeVisible();
    await expect(lab.diagram.mark("connection-lost")).toHaveCount(0);
  });
});

test("a packet encoder that cannot be fetched is named, and the diagram stays", async ({ page }) => {
  // The first diagram needs no bytes (src/sim/deferredBytes.ts); the encoder is fetched after it.
  await page.route("**/assets/wire-*.js", (route) => route.abort());
  const lab = new LabPage(page);
  await lab.goto();
  await expect(page.getByTestId("load-error")).toHaveRole("alert");
  await expect(page.getByTestId("load-error")).toContainText("The packet encoder could not be loaded");
  await expect(lab.diagram.arrows).not.toHaveCount(0);
});
