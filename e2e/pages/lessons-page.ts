import { expect, type Locator, type Page } from "@playwright/test";

/** The Lessons view: the course page and the lesson runner (src/app/lessons, src/ui/lessons). */
export class LessonsPage {
  readonly course: Locator;
  readonly lesson: Locator;
  readonly where: Locator;
  readonly next: Locator;
  readonly back: Locator;
  readonly beat: Locator;
  readonly choices: Locator;
  readonly check: Locator;
  readonly judged: Locator;
  readonly goalStatus: Locator;
  readonly notice: Locator;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.course = page.getByTestId("course");
    this.lesson = page.getByTestId("lesson");
    this.where = page.getByTestId("lesson.where");
    this.next = page.getByTestId("lesson.next");
    this.back = page.getByTestId("lesson.back");
    this.beat = page.getByTestId("lesson.beat");
    this.choices = page.getByTestId("lesson.choices");
    this.check = page.getByTestId("lesson.check");
    this.judged = page.getByTestId("lesson.judged");
    this.goalStatus = page.getByTestId("lesson.goal.status");
    this.notice = page.locator(".url-notice");
  }

  async goto(search = "?view=lessons"): Promise<void> {
    await this.page.goto(`/${search}`);
  }

  status(id: string): Locator {
    return this.page.getByTestId(`course.status.${id}`);
  }

  open(id: string): Locator {
    return this.page.getByTestId(`course.open.${id}`);
  }

  /** "Step k of n" of the lesson on screen. */
  async expectStep(k: number, n: number): Promise<void> {
    await expect(this.where).toContainText(`Step ${k} of ${n}`);
    await expect(this.lesson).toHaveAttribute("data-step", String(k));
  }

  param(name: string): Promise<string | null> {
    return this.page.evaluate((key) => new URLSearchParams(window.location.search).get(key), name);
  }

  /** Answers the predict step on screen: picks `choice`, or else the first, then Check. */
  async answer(choice?: string): Promise<void> {
    const button = choice
      ? this.choices.locator(`button[data-value="${choice}"]`)
      : this.choices.locator("button[data-value]").first();
    await button.click();
    await this.check.click();
    await expect(this.judged).toBeVisible();
  }

  /** The choice the simulator says is right, once the step is checked. */
  rightChoice(): Locator {
    return this.choices.locator("button.is-right").first();
  }
}
