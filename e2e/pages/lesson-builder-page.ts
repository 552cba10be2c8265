import { expect, type Locator, type Page } from "@playwright/test";

/** The lesson builder beside the diagram (src/app/lessons/builder/): its steps, fields and Finish. */
export class LessonBuilderPage {
  readonly page: Page;
  readonly root: Locator;
  readonly verdict: Locator;
  readonly json: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId("lesson-builder");
    this.verdict = page.getByTestId("lesson-builder.verdict");
    this.json = page.getByTestId("lesson-builder.json");
  }

  async open(): Promise<void> {
    await this.page.getByTestId("record-lesson").click();
    await expect(this.root).toBeVisible();
  }

  /** A field by its path in the lesson (`title`, `steps[2].hint`, `steps[0].narration[0].until`). */
  field(path: string): Locator {
    return this.page.getByTestId(path.includes("[") || path.includes(".") ? path : `lesson-builder.${path}`);
  }

  problems(path: string): Locator {
    return this.page.getByTestId(
      path.includes("[") || path.includes(".") ? `${path}-problems` : `lesson-builder.${path}-problems`,
    );
  }

  step(index: number): Locator {
    return this.page.getByTestId(`lesson-builder.step.${index}`);
  }

  async addStep(kind: "show" | "predict" | "task" | "explain"): Promise<void> {
    const before = await this.root.getByTestId(/^lesson-builder\.step\.\d+$/).count();
    await this.page.getByTestId("lesson-builder.kind").selectOption(kind);
    await this.page.getByTestId("lesson-builder.add-step").click();
    await expect(this.step(before)).toBeVisible();
  }

  /** Picks the event whose label matches `label` in a beat's or a stop's list of events. */
  async pickEvent(path: string, label: RegExp): Promise<void> {
    const select = this.page.getByTestId(path);
    const options = await select.locator("option").allTextContents();
    const option = options.find((text) => label.test(text));
    if (!option) throw new Error(`no event matching ${String(label)} in ${options.join(" | ")}`);
    await select.selectOption({ label: option });
  }

  async finish(): Promise<void> {
    await this.page.getByTestId("lesson-builder.finish").click();
    await expect(this.verdict).toBeVisible();
  }

  async lessonJson(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.json.textContent()) ?? "") as Record<string, unknown>;
  }
}
