import { expect, type Locator, type Page } from "@playwright/test";

/** Presentation mode and predict-then-reveal: their controls, bars and panels. */
export class Modes {
  readonly page: Page;
  readonly workspace: Locator;
  readonly present: Locator;
  readonly predict: Locator;
  readonly presentBar: Locator;
  readonly reveal: Locator;
  readonly exit: Locator;
  readonly fallback: Locator;
  readonly blank: Locator;
  readonly step: Locator;
  readonly panel: Locator;
  readonly plan: Locator;
  readonly question: Locator;
  readonly revealAnswer: Locator;
  readonly showNow: Locator;
  readonly result: Locator;

  constructor(page: Page) {
    this.page = page;
    this.workspace = page.getByTestId("workspace");
    this.present = page.getByTestId("mode.present");
    this.predict = page.getByTestId("mode.predict");
    this.presentBar = page.getByTestId("present.bar");
    this.reveal = page.getByTestId("present.reveal");
    this.exit = page.getByTestId("present.exit");
    this.fallback = page.getByTestId("present.fallback");
    this.blank = page.getByTestId("present.blank");
    this.step = page.getByTestId("playback.step");
    this.panel = page.getByTestId("predict");
    this.plan = page.getByTestId("predict.plan");
    this.question = page.getByTestId("predict.question");
    this.revealAnswer = page.getByTestId("predict.reveal");
    this.showNow = page.getByTestId("predict.showNow");
    this.result = page.getByTestId("predict.result");
  }

  /** The step counter's n of "Step n of N". */
  async stepShown(): Promise<number> {
    return Number(/^Step (\d+) of \d+$/.exec((await this.step.textContent()) ?? "")?.[1]);
  }

  async expectPresenting(on: boolean): Promise<void> {
    // Presenting once its bar is in: the mode's code (and its keys) load when first used.
    if (on) {
      await expect(this.workspace).toHaveClass(/\bpresenting\b/);
      await expect(this.page.getByTestId("present.bar")).toBeVisible();
    } else await expect(this.workspace).not.toHaveClass(/\bpresenting\b/);
  }

  /** One answer button of the question: `group` is "processed" or "handOn". */
  choice(group: "processed" | "handOn", value: string): Locator {
    return this.page.getByTestId(`predict.${group}`).locator(`button[data-value="${value}"]`);
  }

  /**
   * From the next page load on, the browser refuses full screen (as it does for a page opened
   * without a click), whatever the test browser would allow.
   */
  async refuseFullscreen(): Promise<void> {
    await this.page.addInitScript(() => {
      Element.prototype.requestFullscreen = () => Promise.reject(new TypeError("Permissions check failed"));
    });
  }

  /**
   * Presses "Show the outcome now" from the keyboard: while playing, the page scrolls after the
   * playhead, so a pointer would chase the button.
   */
  async showOutcomeNow(): Promise<void> {
    await this.showNow.focus();
    await this.page.keyboard.press("Enter");
  }

  /** The URL's value of a parameter, or null. */
  param(name: string): string | null {
    return new URL(this.page.url()).searchParams.get(name);
  }
}
