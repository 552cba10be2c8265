import type { Page } from "@playwright/test";
import { REAL_WORLD_PRESETS } from "../src/app/presets.realWorld.ts";
import { expect, test, type LabPage } from "./fixtures.ts";

/** Opens the set-up and its "More: real-world conditions" disclosure. */
async function openMore(lab: LabPage, page: Page): Promise<void> {
  await lab.openSetup();
  const more = page.locator("details.setup-more");
  if ((await more.getAttribute("open")) === null) await page.getByTestId("setup.more").click();
  await expect(page.getByTestId("setup.profiles")).toBeVisible();
}

/** The scenario as the JSON editor shows it. */
async function scenarioJson(lab: LabPage): Promise<Record<string, unknown>> {
  await lab.openJson();
  return JSON.parse(await lab.json.inputValue()) as Record<string, unknown>;
}

test.describe("real-world conditions in the set-up", () => {
  test("the profile picker writes profiles, says what differs, and Not set removes the field", async ({
    lab,
    page,
  }) => {
    await openMore(lab, page);
    await page.getByTestId("setup.profiles.broker").selectOption("mosquitto-2.0");
    await expect(page.getByTestId("setup.profiles.broker.note")).toContainText("PUBREL");
    await expect
      .poll(async () => (await scenarioJson(lab)).profiles)
      .toEqual({
        broker: "mosquitto-2.0",
        publisher: "spec",
        subscriber: "spec",
      });
    // Once profiles is given every party is "spec" by default: Not set with nothing else set removes it.
    await page.getByTestId("setup.profiles.subscriber").selectOption("mqttjs-5");
    await page.getByTestId("setup.profiles.broker").selectOption({ index: 0 });
    await expect
      .poll(async () => (await scenarioJson(lab)).profiles)
      .toEqual({
        broker: "spec",
        publisher: "spec",
        subscriber: "mqttjs-5",
      });
    await page.getByTestId("setup.profiles.subscriber").selectOption({ index: 0 });
    await expect.poll(async () => "profiles" in (await scenarioJson(lab))).toBe(false);
  });

  test("several messages back to back, each with its own QoS, and the JSON editor reads back into the form", async ({
    lab,
    page,
  }) => {
    await openMore(lab, page);
    const count = page.getByTestId("setup.messages.count");
    await count.fill("3");
    await count.press("Enter");
    await page.getByTestId("setup.messages.schedule").selectOption("back-to-back");
    await page.getByTestId("setup.messages.2.qos").selectOption("1");
    await expect
      .poll(async () => (await scenarioJson(lab)).messages)
      .toEqual([
        expect.objectContaining({ atMs: 0 }),
        expect.objectContaining({ atMs: 0, qos: 1 }),
        expect.objectContaining({ atMs: 0 }),
      ]);
    // The form follows a hand edit: a Receive Maximum typed in the JSON shows in its box.
    const scenario = await scenarioJson(lab);
    await lab.loadScenario({ ...scenario, receiveMaximum: { broker: 2 } });
    await expect(page.getByTestId("setup.receiveMaximum.broker")).toHaveValue("2");
    // Clearing the box removes the field.
    await page.getByTestId("setup.receiveMaximum.broker").fill("");
    await page.getByTestId("setup.receiveMaximum.broker").press("Enter");
    await expect.poll(async () => "receiveMaximum" in (await scenarioJson(lab))).toBe(false);
  });

  test("5.0-only controls are disabled with a reason under MQTT 3.1.1", async ({ lab, page }) => {
    await openMore(lab, page);
    await expect(page.getByTestId("setup.retainHandling")).toBeEnabled();
    await page.getByTestId("setup.protocol").selectOption("3.1.1");
    await expect(page.getByTestId("setup.retainHandling")).toBeDisabled();
    await expect(page.getByTestId("setup.will.on")).toBeEnabled();
    const hint = page
      .locator(".field", { has: page.getByTestId("setup.retainHandling") })
      .locator('[role="tooltip"]');
    await expect(hint).toContainText("MQTT 5.0 only");
  });

  test("offline periods, restarts and the will add and remove their fields", async ({ lab, page }) => {
    await openMore(lab, page);
    await page.getByTestId("setup.offline.add").click();
    await page.getByTestId("setup.restart.add").click();
    await page.getByTestId("setup.will.on").check();
    await expect
      .poll(async () => {
        const s = await scenarioJson(lab);
        return [
          (s.subscriber as { offline?: unknown[] }).offline?.length,
          (s.broker as { restarts?: unknown[] })?.restarts?.length,
          typeof s.will,
        ];
      })
      .toEqual([1, 1, "object"]);
    await page.getByTestId("setup.offline.1.remove").click();
    await page.getByTestId("setup.restart.1.remove").click();
    await page.getByTestId("setup.will.on").uncheck();
    await expect
      .poll(async () => {
        const s = await scenarioJson(lab);
        return ["broker" in s, "will" in s, "offline" in (s.subscriber as object)];
      })
      .toEqual([false, false, false]);
  });

  test("the real-world presets sit in their own group and tell what to look for", async ({ lab }) => {
    for (const preset of REAL_WORLD_PRESETS) {
      await lab.choosePreset(preset.id);
      await expect(lab.story).toHaveText(preset.story);
    }
  });
});

const SIZES = [
  { name: "1280x720", width: 1280, height: 720 },
  { name: "1920x1080", width: 1920, height: 1080 },
  { name: "360", width: 360, height: 780 },
] as const;

test.describe("screenshots for review (not baselines)", () => {
  for (const size of SIZES) {
    for (const colorScheme of ["light", "dark"] as const) {
      test(`set-up with real-world conditions, ${size.name} ${colorScheme}`, async ({ lab, page }) => {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.emulateMedia({ colorScheme });
        await lab.choosePreset("mosquitto-qos1-overtakes-qos2");
        await openMore(lab, page);
        await page.getByTestId("setup.offline.add").click();
        await page.getByTestId("setup.restart.add").click();
        await page.getByTestId("setup.will.on").check();
        await page.getByTestId("setup.broker.persistence").selectOption("autosave");
        await expect(page.getByTestId("setup.broker.autosaveMs")).toBeVisible();
        // No hint left open by the last focused control.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.mouse.move(0, 0);
        for (const group of [
          "setup.profiles",
          "setup.messages",
          "setup.subscriber",
          "setup.broker",
          "setup.will",
        ]) {
          await page
            .getByTestId(group)
            .screenshot({ path: `/tmp/u/group-${size.name}-${colorScheme}-${group}.png` });
        }
        await page
          .locator("details.setup-details")
          .screenshot({ path: `/tmp/u/setup-${size.name}-${colorScheme}.png` });
        await lab.presetMenu.click();
        await page.screenshot({ path: `/tmp/u/presets-${size.name}-${colorScheme}.png` });
      });
    }
  }
});
