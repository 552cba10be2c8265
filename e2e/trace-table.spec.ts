import { expect, test } from "./fixtures.ts";

test.describe("trace table", () => {
  test("lists every packet; the resent PUBLISH has DUP set and the lost PUBACK is marked", async ({
    lab,
  }) => {
    await lab.choosePreset("pump-qos1-puback-lost");
    await lab.expectVerdicts("duplicated");
    await lab.openTable();

    const table = lab.page.getByTestId("trace.table");
    const publishes = table.locator('[data-testid="trace.row"][data-packet="PUBLISH"]');
    await expect(publishes).toHaveCount(3);
    const resent = table.locator('[data-testid="trace.row"][data-packet="PUBLISH"][data-dup="1"]');
    await expect(resent).toHaveCount(1);
    await expect(resent.getByTestId("trace.dup")).toHaveText("1");
    const lost = table.locator('[data-testid="trace.row"][data-packet="PUBACK"][data-dropped="1"]');
    await expect(lost).toHaveCount(1);
    await expect(lost).toContainText("lost: fault");

    // One row per arrow in the diagram.
    const rows = await lab.packetRows();
    await expect(lab.diagram.arrows).toHaveCount(rows.length);
  });

  test("follows a drop made in the diagram", async ({ lab }) => {
    await lab.loadScenario({ publishQos: 1, faults: [] });
    await lab.openTable();
    expect((await lab.packetRows()).map((r) => r.packet)).toEqual(["PUBLISH", "PUBACK"]);

    await lab.diagram.arrow("PUBACK", 1).click();
    await expect(lab.page.locator('[data-testid="trace.row"][data-dropped="1"]')).toHaveCount(1);
    const rows = await lab.packetRows();
    expect(rows.filter((r) => r.packet === "PUBLISH" && r.dup)).toHaveLength(1);
  });
});
