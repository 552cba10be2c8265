import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, type LabPage } from "./fixtures.ts";
import { Modes } from "./pages/modes.ts";

/** Checked on its own in accessibility.spec.ts (the packet arrows' names). */
const LABEL_IN_NAME = "label-content-name-mismatch";

async function axeIds(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).disableRules([LABEL_IN_NAME]).analyze();
  return results.violations.map((v) => v.id);
}

/** Steps with Next until the question is asked (at most every step of the trace). */
async function nextUntilAsked(lab: LabPage, modes: Modes): Promise<void> {
  for (let i = 0; i < 60 && !(await modes.question.isVisible()); i++) await lab.playback.next.click();
  await expect(modes.question).toBeVisible();
}

test.describe("predict, then reveal", () => {
  test("a link with predict=1 starts at t = 0, stops before the decisive moment, and compares the room's answer", async ({
    lab,
    page,
  }) => {
    const modes = new Modes(page);
    await page.goto("/?predict=1");
    await expect(lab.diagram.root).toBeVisible();
    await expect(modes.plan).toContainText("Lost: PUBREC");
    await expect.poll(() => lab.playback.time()).toBe(0);
    await expect(lab.verdict).toHaveCount(0);
    await expect(modes.question).toBeHidden();

    // Four times as fast: the room's pace is not what is tested.
    await lab.playback.speed.selectOption("4");
    await lab.playback.play.click();
    await expect(modes.question).toBeVisible({ timeout: 20_000 });
    await lab.playback.expectPlaying(false);
    const stop = await lab.playback.time();
    expect(stop).toBeGreaterThan(0);
    expect(stop).toBeLessThan(await lab.playback.duration());
    await expect(lab.verdict).toHaveCount(0);
    // Not past the question before it is answered.
    await lab.playback.next.click();
    await expect.poll(() => lab.playback.time()).toBe(stop);

    await expect(modes.revealAnswer).toBeDisabled();
    await modes.choice("processed", "once").click();
    await expect(modes.revealAnswer).toBeDisabled();
    await modes.choice("handOn", "PUBREL").click();
    await modes.revealAnswer.click();
    await lab.playback.expectPlaying(true);
    await expect(lab.verdict).toHaveCount(0);
    await modes.showOutcomeNow();
    await expect(modes.result).toBeVisible();
    await expect(page.getByTestId("predict.result.processed")).toContainText("Right");
    await expect(page.getByTestId("predict.result.handOn")).toContainText(
      "the broker handed it on on PUBREL",
    );
    await lab.expectVerdicts("once");
    expect(modes.param("predict")).toBe("1");
  });

  test("the Predict control asks about the preset on screen; a wrong answer is said to be wrong", async ({
    lab,
    page,
  }) => {
    const modes = new Modes(page);
    await lab.choosePreset("pump-qos1-puback-lost");
    await lab.expectVerdicts("duplicated");
    await modes.predict.click();
    await expect(modes.predict).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => lab.playback.time()).toBe(0);
    await expect(lab.verdict).toHaveCount(0);
    await expect.poll(() => modes.param("predict")).toBe("1");

    await nextUntilAsked(lab, modes);
    // The room has not seen the subscriber's application get it yet.
    await expect(lab.diagram.deliveriesAt("subscriber")).toHaveCount(0);
    await expect(page.getByTestId("predict.handOn")).toHaveCount(0);
    await modes.choice("processed", "once").click();
    await modes.revealAnswer.click();
    await modes.showOutcomeNow();
    await expect(page.getByTestId("predict.result.processed")).toContainText(
      "Not quite: the room said once; the application processed message 1 twice or more",
    );
    await lab.expectVerdicts("duplicated");

    await modes.predict.click();
    await expect(modes.panel).toHaveCount(0);
    await expect.poll(() => modes.param("predict")).toBeNull();
  });

  test("dropping a packet replays from just before it and asks again", async ({ lab, page }) => {
    const modes = new Modes(page);
    await page.goto("/?predict=1");
    await lab.playback.speed.selectOption("4");
    await lab.playback.play.click();
    await expect(modes.question).toBeVisible({ timeout: 20_000 });
    await modes.choice("processed", "once").click();
    await modes.choice("handOn", "PUBREL").click();
    await modes.revealAnswer.click();
    await modes.showOutcomeNow();
    await expect(modes.result).toBeVisible();

    const pubcomp = lab.diagram.arrow("PUBCOMP", 1, { direction: "broker to publisher" });
    await pubcomp.click();
    // Back to just before the PUBCOMP left: it is not drawn yet, and the outcome is hidden again.
    await expect(pubcomp).toHaveCount(0);
    await expect(lab.diagram.arrow("PUBREC", 2, { direction: "broker to publisher" })).toBeVisible();
    const replay = await lab.playback.time();
    expect(replay).toBeGreaterThan(0);
    expect(replay).toBeLessThan(await lab.playback.duration());
    await expect(modes.question).toBeVisible();
    await expect(lab.verdict).toHaveCount(0);
    await expect(modes.plan).toContainText("PUBCOMP");

    await modes.choice("processed", "once").click();
    await modes.choice("handOn", "PUBREL").click();
    await modes.revealAnswer.click();
    await expect(lab.diagram.dropped("PUBCOMP")).toHaveCount(1);
    await modes.showOutcomeNow();
    await expect(modes.result).toBeVisible();
  });

  test("works inside presentation mode", async ({ lab, page }) => {
    const modes = new Modes(page);
    await page.goto("/?present=1&predict=1");
    await modes.expectPresenting(true);
    await expect(modes.reveal).toHaveCount(0);
    await page.keyboard.press("PageDown");
    await nextUntilAsked(lab, modes);
    await expect(lab.verdict).toHaveCount(0);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`no axe violations while asking and after the reveal (${colorScheme})`, async ({ lab, page }) => {
      await page.emulateMedia({ colorScheme });
      const modes = new Modes(page);
      await modes.predict.click();
      await nextUntilAsked(lab, modes);
      await modes.choice("processed", "duplicated").click();
      expect(await axeIds(page)).toEqual([]);
      await modes.choice("handOn", "PUBLISH").click();
      await modes.revealAnswer.click();
      await modes.showOutcomeNow();
      await expect(modes.result).toBeVisible();
      expect(await axeIds(page)).toEqual([]);
    });
  }
});
