import { AxeBuilder } from "@axe-core/playwright";
import { expect, LabPage, test } from "./fixtures.ts";

/**
 * The compact top of the lab: the plant examples as one menu with their stories, the chosen
 * story on one line that unfolds (remembered), the set-up as a one-line summary (remembered),
 * and axe on each of these states.
 */
/** The arrows' label-in-name rule has its own test (accessibility.spec.ts). */
const LABEL_IN_NAME = "label-content-name-mismatch";

test.describe("examples menu and one-line set-up", () => {
  test("the menu lists every example with its story, picks one and closes", async ({ lab, page }) => {
    await expect(lab.preset("temperature-qos0")).toBeHidden();
    await lab.presetMenu.click();
    const option = lab.preset("pump-qos1-puback-lost");
    await expect(option).toBeVisible();
    await expect(option).toContainText("Start Pump P-101");
    await expect(option).toContainText("SCADA sends Start Pump P-101");
    await option.click();
    await expect(option).toBeHidden();
    await expect(lab.presetMenu).toContainText("Start Pump P-101, QoS 1");
    await lab.expectVerdicts("duplicated");
    await expect(page.locator("details.preset-menu")).not.toHaveAttribute("open");
  });

  test("Escape closes the menu and gives focus back to its button; so does a click elsewhere", async ({
    lab,
    page,
  }) => {
    await lab.presetMenu.click();
    await lab.preset("temperature-qos0").focus();
    await page.keyboard.press("Escape");
    await expect(lab.preset("temperature-qos0")).toBeHidden();
    await expect(lab.presetMenu).toBeFocused();
    // Escape did not change the example.
    await expect(lab.preset("batch-pubrec-lost")).toHaveAttribute("aria-pressed", "true");

    await lab.presetMenu.click();
    await expect(lab.preset("temperature-qos0")).toBeVisible();
    await page.getByRole("heading", { name: "MQTT QoS Lab" }).click();
    await expect(lab.preset("temperature-qos0")).toBeHidden();
  });

  test("the story shows on one line, unfolds, and stays unfolded after a reload", async ({ lab, page }) => {
    const story = page.locator("details.story");
    const oneLine = async () => {
      const { height, lineHeight } = await lab.story.evaluate((el) => ({
        height: el.getBoundingClientRect().height,
        lineHeight: parseFloat(getComputedStyle(el).lineHeight),
      }));
      return height < lineHeight * 1.5;
    };
    await expect(story).not.toHaveAttribute("open");
    expect(await oneLine()).toBe(true);
    await lab.story.click();
    await expect(story).toHaveAttribute("open", "");
    expect(await oneLine()).toBe(false);
    await page.reload();
    await expect(lab.diagram.arrows.first()).toBeVisible();
    await expect(story).toHaveAttribute("open", "");
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`no axe violations: menu open, set-up folded, story unfolded (${colorScheme})`, async ({
      page,
      consoleErrors,
    }) => {
      void consoleErrors;
      await page.emulateMedia({ colorScheme });
      const lab = new LabPage(page);
      await lab.goto({ setupOpen: false });
      await lab.story.click();
      await lab.presetMenu.click();
      await expect(lab.preset("temperature-qos0")).toBeVisible();
      const results = await new AxeBuilder({ page }).disableRules([LABEL_IN_NAME]).analyze();
      expect(results.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }))).toEqual(
        [],
      );
    });
  }
});
