import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { LessonsPage } from "./pages/lessons-page.ts";

/** As in accessibility.spec.ts: the packet arrows' label-in-name has its own (failing) test there. */
const LABEL_IN_NAME = "label-content-name-mismatch";

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).disableRules([LABEL_IN_NAME]).analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}

// One step of each kind (lessons/pump-duplicate.json), answered where there is something to answer.
const STEPS = [
  { kind: "show", step: 1 },
  { kind: "predict", step: 2 },
  { kind: "explain", step: 4 },
  { kind: "task", step: 5 },
] as const;

test.describe("lessons: accessibility", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`no axe violations on the course page (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      const lessons = new LessonsPage(page);
      await lessons.goto();
      await expect(lessons.course).toBeVisible();
      await page.getByTestId("progress.reset").click();
      expect(await violations(page)).toEqual([]);
    });

    for (const { kind, step } of STEPS) {
      test(`no axe violations on a ${kind} step (${colorScheme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        const lessons = new LessonsPage(page);
        await lessons.goto(`?view=lessons&lesson=pump-duplicate&step=${step}`);
        await expect(page.getByTestId(`lesson.${kind}`)).toBeVisible();
        await page.getByTestId("lesson.steps").locator("summary").click();
        if (kind === "predict") {
          await expect(lessons.choices).toBeVisible();
          expect(await violations(page)).toEqual([]);
          await lessons.answer();
        }
        if (kind === "task") await page.getByTestId("lesson.hint").click();
        expect(await violations(page)).toEqual([]);
      });
    }
  }

  test("no axe violations in room mode, before and after the reveal", async ({ page }) => {
    const lessons = new LessonsPage(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await lessons.goto("?view=lessons&lesson=pump-duplicate&step=2&present=1");
    await page.keyboard.press("PageDown");
    await expect(page.getByTestId("room")).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.getByTestId("room.reveal").click();
    await expect(page.getByTestId("room.total")).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
});
