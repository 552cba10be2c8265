import { AxeBuilder } from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { prepareLink, readUrl } from "../src/share/url.ts";
import { runScenario } from "../src/sim/runScenario.ts";
import { verdictSummary } from "../src/ui/verdictSummary.ts";
import { expect, LabPage, test } from "./fixtures.ts";
import { ComparePage } from "./pages/compare-page.ts";
import { Modes } from "./pages/modes.ts";

/**
 * The diagram is what the room sees first: at a projector's 1280×720 (and 1920×1080) the top of
 * the diagram, and its first arrows, are on the first screen on load, in compare mode (every
 * column) and for a long trace, whose verdict rows fold under one line of counts. Nothing folded
 * away is lost: the disclosures hold it, one click away.
 */
const SCREENS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const COMPARES = ["/?compare=0,1,2", "/?compare=2-persistent-rabbitmq-3,2-clean-hivemq-ce,2-aws-iot-core"];
const LONG = "?publishQos=2&subscriber.qos=2&messages=1000";

/** The arrows' label-in-name rule fails on the main page too (see accessibility.spec.ts). */
const LABEL_IN_NAME = "label-content-name-mismatch";

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).disableRules([LABEL_IN_NAME]).analyze();
  return results.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

/** Where a locator is on the page as it is scrolled now. */
async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`no box for ${locator.toString()}`);
  return { top: b.y, bottom: b.y + b.height };
}

/** Its top is on the first screen: below the page's top and above the viewport's bottom. */
async function expectTopOnScreen(page: Page, locator: Locator, what: string) {
  const { top } = await box(locator);
  const height = page.viewportSize()?.height ?? 0;
  expect(top, `${what}: top`).toBeGreaterThanOrEqual(0);
  expect(top, `${what}: top above the bottom of the ${height} px screen`).toBeLessThan(height);
}

/** Wholly on the first screen. */
async function expectOnScreen(page: Page, locator: Locator, what: string) {
  const { top, bottom } = await box(locator);
  expect(top, `${what}: top`).toBeGreaterThanOrEqual(0);
  expect(bottom, `${what}: bottom`).toBeLessThanOrEqual(page.viewportSize()?.height ?? 0);
}

test.describe("the diagram on the first screen", () => {
  for (const screen of SCREENS) {
    for (const scheme of ["light", "dark"] as const) {
      for (const link of COMPARES) {
        test(`compare ${link} at ${screen.width}×${screen.height} (${scheme}): every column's diagram and first arrow`, async ({
          page,
          consoleErrors,
        }) => {
          void consoleErrors;
          await page.setViewportSize(screen);
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(link);
          const compare = new ComparePage(page);
          await expect(compare.columns).toHaveCount(3);
          await expect(compare.columns.locator("[data-verdict]")).toHaveCount(3);
          // On load, before any scrolling: each diagram's top, then at the end its first arrow.
          expect(await page.evaluate(() => window.scrollY)).toBe(0);
          for (let n = 1; n <= 3; n++) {
            const column = compare.column(n);
            await expectTopOnScreen(page, column.getByTestId("diagram"), `column ${n}'s diagram`);
            // The verdict's outcome stays in sight above it: badge and headline.
            await expectOnScreen(page, column.locator("[data-verdict]"), `column ${n}'s verdict`);
          }
          await page.keyboard.press("End");
          for (let n = 1; n <= 3; n++) {
            const arrow = compare.column(n).locator(".seq-arrow").first();
            await expectOnScreen(page, arrow, `column ${n}'s first arrow`);
          }
        });
      }
    }
  }

  test("compare: the why, each planned loss and the narration open together below the headlines", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto("/?compare=0,1,2&t=0");
    const compare = new ComparePage(page);
    await expect(compare.columns).toHaveCount(3);
    const more = compare.columns.getByTestId("compare.more");
    await expect(compare.column(1).getByTestId("compare.fault")).toBeHidden();
    await compare.column(2).getByText("Why, planned losses and narration").click();
    for (let n = 1; n <= 3; n++) {
      await expect(more.nth(n - 1)).toHaveAttribute("open", "");
      await expect(compare.column(n).getByTestId("verdict.reasons")).toContainText(/^Message 1: \S/);
      await expect(compare.column(n).getByTestId("compare.fault")).toBeVisible();
    }
    await compare.next.click();
    await expect(compare.column(1).getByTestId("compare.narration")).toContainText("message 1");
    // Open, the diagrams still start level in every column.
    const tops = [];
    for (let n = 1; n <= 3; n++) tops.push((await box(compare.column(n).getByTestId("diagram"))).top);
    expect(new Set(tops).size).toBe(1);
  });

  test("a 1,000-message link: one line of counts, the diagram and its first arrows on the first screen", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    test.setTimeout(180_000);
    await prepareLink(LONG);
    const scenario = readUrl(LONG).scenario;
    if (!scenario) throw new Error("the link gives no scenario");
    const expected = verdictSummary(runScenario(scenario).outcome.messages).text;

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/${LONG}`);
    const lab = new LabPage(page);
    await expect(lab.diagram.root).toBeVisible({ timeout: 120_000 });
    const summary = page.getByTestId("verdict.summary");
    await expect(summary).toBeVisible({ timeout: 60_000 });
    const words = await summary.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const icon of copy.querySelectorAll('[aria-hidden="true"]')) icon.remove();
      return copy.textContent;
    });
    expect(words).toBe(expected);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expectTopOnScreen(page, lab.diagram.root, "the diagram");
    await expectOnScreen(page, summary, "the verdict's counts");
    for (const index of [0, 1])
      await expectOnScreen(page, lab.diagram.arrows.nth(index), `arrow ${index + 1}`);
    // The rows are one click away, every one the page told before.
    const rows = page.getByTestId("verdict.rows");
    await expect(rows.locator("[data-verdict]").first()).toBeHidden();
    await rows.locator("summary").click();
    await expect(rows.locator("[data-verdict]")).toHaveCount(12);
    await expect(rows.locator("[data-verdict]").first()).toBeVisible();
    await expect(rows.locator(".verdict-more")).toHaveText("…and 988 more messages.");
  });

  test("a short trace keeps a row a message, without counts", async ({ lab, page }) => {
    await lab.expectVerdicts("once");
    await expect(page.getByTestId("verdict.summary")).toHaveCount(0);
    await expect(lab.verdictOf(1)).toBeVisible();
  });

  test("predict mode keeps the counts back until the outcome is revealed", async ({ lab, page }) => {
    const modes = new Modes(page);
    await page.goto("/?publishQos=1&messages=5&faults=PUBACK&predict=1");
    await expect(lab.diagram.root).toBeVisible();
    await expect(modes.plan).toBeVisible();
    await expect(page.getByTestId("verdict.summary")).toHaveCount(0);
    await lab.playback.speed.selectOption("4");
    await lab.playback.play.click();
    await expect(modes.question).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("verdict.summary")).toHaveCount(0);
    await page.getByTestId("predict.processed").locator("button").first().click();
    await modes.revealAnswer.click();
    await expect(page.getByTestId("verdict.summary")).toHaveCount(0);
    await modes.showOutcomeNow();
    await expect(modes.result).toBeVisible();
    await expect(page.getByTestId("verdict.summary")).toHaveText(
      /^5 messages: .*4 once, .*1 more than once$/,
    );
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`no axe violations with the counts and the disclosures, closed and open (${scheme})`, async ({
      page,
      consoleErrors,
    }) => {
      void consoleErrors;
      // Four scans of whole pages: some 20 s on a quiet machine, more on a loaded one.
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/?publishQos=1&messages=5&faults=PUBACK");
      await expect(page.getByTestId("verdict.summary")).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId("verdict.rows").locator("summary").click();
      await expect(page.getByTestId("verdict.rows").locator("[data-verdict]").first()).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await page.goto("/?publishQos=1&messages=5&faults=PUBACK&compare=0,1,2");
      const compare = new ComparePage(page);
      await expect(compare.columns.getByTestId("verdict.summary")).toHaveCount(3);
      expect(await axeViolations(page)).toEqual([]);
      await compare.column(1).getByTestId("compare.more").locator("summary").click();
      await expect(compare.column(3).getByTestId("verdict.reasons")).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
