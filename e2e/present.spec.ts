import { AxeBuilder } from "@axe-core/playwright";
import { expect, test } from "./fixtures.ts";
import { Modes } from "./pages/modes.ts";

/** Checked on its own in accessibility.spec.ts (the packet arrows' names). */
const LABEL_IN_NAME = "label-content-name-mismatch";

test.describe("presentation mode", () => {
  test("fills the screen, hides the set-up and the verdict until revealed; Escape leaves", async ({
    lab,
    page,
  }) => {
    const modes = new Modes(page);
    await lab.expectVerdicts("once");
    await modes.present.click();
    await modes.expectPresenting(true);
    await expect.poll(() => modes.param("present")).toBe("1");
    const box = await modes.workspace.boundingBox();
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    expect(box).toMatchObject({ x: 0, y: 0, height: viewport.height });
    // Full screen in a test browser may keep the page's scrollbar beside it.
    expect(box?.width).toBeGreaterThanOrEqual(viewport.width - 20);
    // The set-up and the tools below the diagram are out of the room's sight.
    await expect(lab.restoreAll).toBeHidden();
    await expect(lab.statePanel).toBeHidden();
    await expect(lab.verdict).toHaveCount(0);
    await expect(modes.step).toBeVisible();

    await page.keyboard.press(".");
    await expect(modes.reveal).toHaveAttribute("aria-pressed", "true");
    await lab.expectVerdicts("once");
    await page.keyboard.press(".");
    await expect(lab.verdict).toHaveCount(0);
    await modes.reveal.click();
    await lab.expectVerdicts("once");

    await page.keyboard.press("Escape");
    await modes.expectPresenting(false);
    await expect.poll(() => modes.param("present")).toBeNull();
    await lab.expectVerdicts("once");
    await expect(lab.statePanel).toBeVisible();
  });

  test("the P key presents; Leave presentation leaves", async ({ lab, page }) => {
    const modes = new Modes(page);
    await lab.focusBody();
    await page.keyboard.press("p");
    await modes.expectPresenting(true);
    await modes.exit.click();
    await modes.expectPresenting(false);
  });

  test("presenter: with the Publish QoS select focused, Page Down and Page Up step playback and never change the scenario", async ({
    lab,
    page,
  }) => {
    const modes = new Modes(page);
    // In the window (as a link opens it): the set-up is then still in the page, behind the stage.
    await modes.refuseFullscreen();
    await lab.goto();
    await modes.present.click();
    await modes.expectPresenting(true);
    await expect(modes.fallback).toBeVisible();
    const { playback, setup } = lab;
    await playback.seek(0);
    const qos = await setup.publishQos.inputValue();
    const search = new URL(page.url()).search;
    // The set-up is out of sight behind the stage, but a focus left on it must not take the keys.
    await setup.publishQos.focus();
    await expect(setup.publishQos).toBeFocused();
    const first = await modes.stepShown();
    await page.keyboard.press("PageDown");
    await expect.poll(() => modes.stepShown()).toBe(first + 1);
    await page.keyboard.press("PageDown");
    await expect.poll(() => modes.stepShown()).toBe(first + 2);
    await page.keyboard.press("PageUp");
    await expect.poll(() => modes.stepShown()).toBe(first + 1);
    // A clicker's arrows too, even in a select, in presentation mode.
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => modes.stepShown()).toBe(first + 2);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => modes.stepShown()).toBe(first + 1);
    await expect(setup.publishQos).toHaveValue(qos);
    await expect(setup.publishQos).toBeFocused();
    expect(new URL(page.url()).search).toBe(search);

    // B blanks the screen; the next key brings the diagram back without stepping.
    await page.keyboard.press("b");
    await expect(modes.blank).toBeVisible();
    await page.keyboard.press("PageDown");
    await expect(modes.blank).toHaveCount(0);
    expect(await modes.stepShown()).toBe(first + 1);
    await expect(setup.publishQos).toHaveValue(qos);

    // On the scrubber a Page key would move it by a tenth, backwards for Page Down: it steps instead.
    await playback.scrubber.focus();
    await page.keyboard.press("PageDown");
    await expect.poll(() => modes.stepShown()).toBe(first + 2);
    await page.keyboard.press("PageUp");
    await expect.poll(() => modes.stepShown()).toBe(first + 1);
    expect(new URL(page.url()).search).toBe(search);
  });

  test("in the normal view, the page says when the keys drive a form field", async ({ lab, page }) => {
    const hint = page.getByTestId("keys.hint");
    await expect(hint).toHaveCount(0);
    await lab.setup.publishQos.focus();
    await expect(hint).toHaveText(/^Keys: form field/);
    await lab.focusBody();
    await expect(hint).toHaveCount(0);
  });

  test("packet labels are at least 24 px on a 1920×1080 projector", async ({ lab, page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const modes = new Modes(page);
    await modes.present.click();
    await modes.expectPresenting(true);
    const label = lab.diagram.root.locator(".seq-label").first();
    await expect(label).toBeVisible();
    const sizes = await label.evaluate((text) => {
      const svg = (text as SVGTextElement).ownerSVGElement as SVGSVGElement;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return {
        font: parseFloat(getComputedStyle(text).fontSize) * scale,
        box: text.getBoundingClientRect().height,
      };
    });
    expect(sizes.font).toBeGreaterThanOrEqual(24);
    expect(sizes.box).toBeGreaterThanOrEqual(24);
  });

  test("a link with present=1 opens presenting, in the window when full screen is refused", async ({
    page,
  }) => {
    const modes = new Modes(page);
    await modes.refuseFullscreen();
    await page.goto("/?present=1");
    await modes.expectPresenting(true);
    // The notice says what happens instead, and the stage still fills the window.
    await expect(modes.fallback).toContainText("fills the window");
    const box = await modes.workspace.boundingBox();
    expect(box).toEqual({
      x: 0,
      y: 0,
      width: page.viewportSize()?.width,
      height: page.viewportSize()?.height,
    });
  });

  test("a bad present value is named in the notice", async ({ page }) => {
    const modes = new Modes(page);
    await page.goto("/?present=yes");
    await expect(page.getByText('present: expected 1 (on) or 0 (off); got "yes"')).toBeVisible();
    await modes.expectPresenting(false);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`no axe violations while presenting (${colorScheme})`, async ({ lab, page }) => {
      await page.emulateMedia({ colorScheme });
      const modes = new Modes(page);
      await modes.present.click();
      await modes.expectPresenting(true);
      await expect(modes.presentBar).toBeVisible();
      let results = await new AxeBuilder({ page }).disableRules([LABEL_IN_NAME]).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
      await modes.reveal.click();
      await lab.expectVerdicts("once");
      results = await new AxeBuilder({ page }).disableRules([LABEL_IN_NAME]).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
    });
  }
});
