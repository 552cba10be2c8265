import { test as base, expect } from "@playwright/test";
import { LabPage } from "./pages/lab-page.ts";

export { LabPage };
export type { PacketType, Verdict } from "./pages/lab-page.ts";

interface Fixtures {
  lab: LabPage;
  consoleErrors: string[];
}

/**
 * `lab`: the page, loaded, with its first diagram drawn. `consoleErrors`: every console error and
 * uncaught page error; the fixture fails the test if any occurred.
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
