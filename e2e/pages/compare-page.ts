import { expect, type Locator, type Page } from "@playwright/test";

/** Compare mode (src/ui/compare/): columns of set-ups under one fault plan, one playback bar. */
export class ComparePage {
  readonly page: Page;
  readonly root: Locator;
  readonly toggle: Locator;
  readonly columns: Locator;
  readonly leave: Locator;
  readonly add: Locator;
  readonly next: Locator;
  readonly scrubber: Locator;
  readonly step: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId("compare");
    this.toggle = page.getByTestId("compare.toggle");
    this.columns = this.root.getByTestId("compare.column");
    this.leave = page.getByTestId("compare.leave");
    this.add = page.getByTestId("compare.add");
    this.next = this.root.getByTestId("playback.next");
    this.scrubber = this.root.getByTestId("playback.scrubber");
    this.step = this.root.getByTestId("playback.step");
  }

  column(n: number): Locator {
    return this.columns.nth(n - 1);
  }

  /** The headings of the columns, in order ("QoS 0", "QoS 1 · clean session"). */
  labels(): Promise<string[]> {
    return this.columns.getByTestId("compare.label").allTextContents();
  }

  /** Each column's verdicts, message by message. */
  async verdicts(): Promise<string[][]> {
    const count = await this.columns.count();
    const all: string[][] = [];
    for (let i = 0; i < count; i++) {
      const lines = this.columns.nth(i).locator("[data-verdict]");
      all.push(await lines.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.verdict ?? "")));
    }
    return all;
  }

  /** How many packet arrows each column draws now. */
  async arrowCounts(): Promise<number[]> {
    const count = await this.columns.count();
    const all: number[] = [];
    for (let i = 0; i < count; i++) all.push(await this.columns.nth(i).locator(".seq-arrow").count());
    return all;
  }

  async time(): Promise<number> {
    return Number(await this.scrubber.inputValue());
  }

  async expectColumns(labels: string[]): Promise<void> {
    await expect(this.columns.getByTestId("compare.label")).toHaveText(labels);
  }
}
