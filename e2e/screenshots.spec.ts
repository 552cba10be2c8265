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

/** Compare with profile columns and the inspector's MQTT 5 reason codes, on a projector and a big screen. */
test.describe("screenshots: profiles in compare and the inspector", () => {
  const SIZES = [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ];
  const NO_SUBSCRIBER = {
    protocol: "5.0",
    publishQos: 1,
    messages: [{ topic: "plant/line1/batch", payload: "42" }],
    faults: [],
    profiles: { broker: "mosquitto-2.0" },
  };
  for (const size of SIZES) {
    for (const scheme of ["light", "dark"] as const) {
      test(`compare and inspector, ${size.width} px, ${scheme}`, async ({ page }) => {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        for (const [i, columns] of [
          "2-spec,2-mosquitto-2.0",
          "2-spec,2-rabbitmq-3,2-aedes-1,2-hivemq-ce",
        ].entries()) {
          await page.goto(`/?compare=${columns}`);
          await expect(page.getByTestId("compare.label").first()).toBeVisible();
          await page.keyboard.press("End");
          await page.mouse.move(0, 0);
          await page.screenshot({ path: `/tmp/e2e-compare-${i}-${size.width}-${scheme}.png` });
        }
        await page.goto(`/?scenario=${encodeURIComponent(JSON.stringify(NO_SUBSCRIBER))}`);
        await expect(page.getByTestId("diagram")).toBeVisible();
        await page.keyboard.press("End");
        const inspector = page.getByTestId("inspector");
        await expect(inspector).toBeVisible();
        await inspector.scrollIntoViewIfNeeded();
        await page.mouse.move(0, 0);
        await inspector.screenshot({ path: `/tmp/e2e-inspector-${size.width}-${scheme}.png` });
        await page.screenshot({ path: `/tmp/e2e-inspector-page-${size.width}-${scheme}.png` });
      });
    }
  }
});
