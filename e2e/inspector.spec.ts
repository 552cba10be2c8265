import { expect, test } from "./fixtures.ts";

test.describe("packet inspector", () => {
  test("hovering a PUBLISH arrow shows its summary, bytes and fields", async ({ lab }) => {
    await lab.choosePreset("batch-pubrec-lost");
    await expect(lab.inspector).toBeVisible();
    const publish = lab.diagram.arrow("PUBLISH", 1, { direction: "publisher to broker" });
    await publish.hover();

    const summary = lab.inspector.getByTestId("inspector.summary");
    await expect(summary).toContainText("PUBLISH");
    await expect(summary).toContainText("QoS 2");
    const bytes = lab.inspector.getByTestId("inspector.byte");
    await expect(bytes.first()).toHaveText("34");
    await expect(bytes).toHaveCount(44);
    await expect(
      lab.inspector.locator('[data-testid="inspector.field"][data-field="Packet identifier"]'),
    ).toContainText("00 01");
  });

  test("focusing an arrow by keyboard inspects it too", async ({ lab }) => {
    await lab.choosePreset("pump-qos1-puback-lost");
    await lab.diagram.arrow("PUBLISH", 2, { direction: "broker to subscriber" }).focus();
    const summary = lab.inspector.getByTestId("inspector.summary");
    await expect(summary).toContainText("PUBLISH");
    await expect(summary).toContainText("QoS 1");
    await expect(lab.inspector.getByTestId("inspector.field").first()).toContainText("DUP 1");

    await lab.diagram.arrow("PUBACK", 1, { direction: "broker to publisher" }).focus();
    await expect(summary).toContainText("PUBACK");
    await expect(
      lab.inspector.getByTestId("inspector.field").filter({ hasText: "Packet identifier" }),
    ).toHaveCount(1);
  });
});
