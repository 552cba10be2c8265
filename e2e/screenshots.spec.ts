import { expect, test } from "./fixtures.ts";

/**
 * Pictures for a person to look at (light on a projector-sized screen, dark, a phone, and a
 * diagram with two drops); they assert only that the page is in the state being pictured.
 */
test.describe("screenshots", () => {
  test("light, 1280×800 projector", async ({ lab, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: "light" });
    await lab.expectVerdicts("once");
    await page.screenshot({ path: "/tmp/e2e-light-1280.png" });
    await page.screenshot({ path: "/tmp/e2e-light-1280-full.png", fullPage: true });
  });

  test("dark", async ({ lab, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: "dark" });
    await lab.choosePreset("downgrade-qos2-to-qos1");
    await lab.expectVerdicts("duplicated");
    await page.screenshot({ path: "/tmp/e2e-dark-1280-full.png", fullPage: true });
  });

  test("360 px phone", async ({ lab, page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await lab.choosePreset("pump-qos1-puback-lost");
    await lab.expectVerdicts("duplicated");
    await page.screenshot({ path: "/tmp/e2e-phone-360.png" });
    await page.screenshot({ path: "/tmp/e2e-phone-360-full.png", fullPage: true });
  });

  test("PUBREC dropped twice", async ({ lab, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await lab.loadScenario({ publishQos: 2, subscriber: { qos: 2 }, faults: [] });
    await lab.diagram.arrow("PUBREC", 1, { direction: "broker to publisher" }).click();
    await lab.diagram.arrow("PUBREC", 2, { direction: "broker to publisher" }).click();
    await expect(lab.diagram.dropped("PUBREC")).toHaveCount(2);
    await lab.expectVerdicts("once");
    await page.mouse.move(0, 0);
    await lab.diagram.root.screenshot({ path: "/tmp/e2e-pubrec-dropped-twice.png" });
    await page.screenshot({ path: "/tmp/e2e-pubrec-dropped-twice-page.png", fullPage: true });
  });

  test("clean session (marks)", async ({ lab, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await lab.choosePreset("clean-session-qos2-lost");
    await lab.expectVerdicts("lost");
    await lab.diagram.root.screenshot({ path: "/tmp/e2e-clean-session.png" });
  });

  test("a refused set-up with its hint open", async ({ lab, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await lab.setup.retransmit.selectOption("on-timeout");
    await expect(lab.problems).toContainText("retransmit");
    await lab.setup.protocol.focus();
    await expect(page.getByRole("tooltip", { name: /MQTT 5.0 forbids/ })).toBeVisible();
    await page.screenshot({ path: "/tmp/e2e-problem-and-hint.png" });
  });
});
