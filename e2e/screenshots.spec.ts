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

/**
 * The real-world set-up (issue 14) as trainers see it: "More: real-world conditions" open on the
 * real-world presets (between them they set most of its controls), on a projector, a big screen
 * and a phone, light and dark; each group also alone, for a phone's long page.
 */
test.describe("screenshots: real-world set-up", () => {
  const SIZES = [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
    { width: 360, height: 740 },
  ];
  const PRESET_IDS = [
    "will-dead-sensor",
    "offline-queue-overflows",
    "broker-crash-loses-qos2",
    "cloud-refuses-qos2",
  ];
  for (const size of SIZES) {
    for (const scheme of ["light", "dark"] as const) {
      test(`more conditions open, ${size.width} px, ${scheme}`, async ({ lab, page }) => {
        test.setTimeout(90_000);
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        for (const id of PRESET_IDS) {
          await lab.choosePreset(id);
          const more = page.locator("details.setup-more");
          if ((await more.getAttribute("open")) === null) await page.getByTestId("setup.more").click();
          await expect(page.getByTestId("setup.profiles")).toBeVisible();
          await page.mouse.move(0, 0);
          const name = `/tmp/e2e-more-${size.width}-${scheme}-${id}`;
          await page.locator("details.setup-details").screenshot({ path: `${name}.png` });
          const groups = page.locator("details.setup-details fieldset");
          for (let i = 0; i < (await groups.count()); i++)
            await groups.nth(i).screenshot({ path: `${name}-group${i}.png` });
        }
      });
    }
  }
});
