import { test as base, expect, type Locator, type Page } from "@playwright/test";

/** The lab page, as specs see it: test ids are dotted (area.thing). */
export class LabPage {
  readonly json: Locator;
  readonly problems: Locator;
  readonly outcome: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.json = page.getByLabel("Scenario JSON");
    this.problems = page.getByTestId("problems.alert");
    this.outcome = page.getByRole("status");
    this.table = page.getByTestId("trace.table");
    this.rows = this.table.getByTestId("trace.row");
  }

  async goto() {
    await this.page.goto("/");
    await expect(this.page).toHaveTitle("MQTT QoS Lab");
    await expect(this.table).toBeVisible();
  }

  async choosePreset(id: string) {
    await this.page.getByTestId(`preset.${id}`).click();
  }

  messageOutcome(message: number): Locator {
    return this.outcome.getByTestId("outcome.message").nth(message - 1);
  }

  /** Packet rows of one type, optionally only those with DUP set or dropped. */
  packetRows(packet: string, only: { dup?: boolean; dropped?: boolean } = {}): Locator {
    const dup = only.dup === undefined ? "" : `[data-dup="${only.dup ? 1 : 0}"]`;
    const dropped = only.dropped === undefined ? "" : `[data-dropped="${only.dropped ? 1 : 0}"]`;
    return this.table.locator(`[data-testid="trace.row"][data-packet="${packet}"]${dup}${dropped}`);
  }
}

interface Fixtures {
  lab: LabPage;
  consoleErrors: string[];
}

/**
 * `lab`: the page, loaded. `consoleErrors`: every console error and uncaught page error;
 * the fixture fails the test if any occurred.
 */
export const test = base.extend<Fixtures>({
  consoleErrors: async ({ page }, provide) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await provide(errors);
    expect(errors, "console errors during the test").toEqual([]);
  },
  lab: async ({ page, consoleErrors }, provide) => {
    void consoleErrors;
    const lab = new LabPage(page);
    await lab.goto();
    await provide(lab);
  },
});

export { expect };
