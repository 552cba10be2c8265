import type { Locator, Page } from "@playwright/test";
import { expect, LabPage, test } from "./fixtures.ts";

/**
 * Diagram first: on a 1280×720 projector the lab's first screen shows the lane headers and the
 * first arrows without scrolling, and the lane headers, the playback bar and the narration stay
 * in view while the diagram scrolls under them. Measured on a fresh visit (set-up folded, as a
 * first-time reader sees it).
 */
const VIEWPORT = { width: 1280, height: 720 };

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`no box for ${locator.toString()}`);
  return { top: b.y, bottom: b.y + b.height, left: b.x, right: b.x + b.width, height: b.height };
}

/** Fully inside the viewport's height (the page is not scrolled sideways). */
async function expectOnScreen(page: Page, locator: Locator, what: string) {
  const b = await box(locator);
  const height = page.viewportSize()?.height ?? 0;
  expect(b.top, `${what}: top`).toBeGreaterThanOrEqual(0);
  expect(b.bottom, `${what}: bottom`).toBeLessThanOrEqual(height);
}

async function openFresh(page: Page): Promise<LabPage> {
  await page.setViewportSize(VIEWPORT);
  const lab = new LabPage(page);
  await lab.goto({ setupOpen: false });
  return lab;
}

test.describe("first screen at 1280×720", () => {
  test("the lane headers and the first arrows are on screen without scrolling", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lab = await openFresh(page);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const lane of ["Publisher", "Broker", "Subscriber"] as const) {
      await expectOnScreen(page, lab.diagram.lane(lane), `lane header ${lane}`);
    }
    const strip = await box(lab.diagram.headers);
    // The first two arrows of the trace, whole, below the lane headers (not hidden under them).
    for (const index of [0, 1]) {
      const arrow = lab.diagram.arrows.nth(index);
      await expectOnScreen(page, arrow, `arrow ${index + 1}`);
      expect((await box(arrow)).top, `arrow ${index + 1} below the lane headers`).toBeGreaterThanOrEqual(
        strip.bottom - 1,
      );
    }
    // The page's set-up is folded to its one-line summary, the examples to one menu button.
    await expect(page.locator("details.setup-details")).not.toHaveAttribute("open");
    await expect(lab.preset("temperature-qos0")).toBeHidden();
    await expectOnScreen(page, lab.presetMenu, "the examples menu");
    await expectOnScreen(page, lab.setupSummary, "the set-up summary");
  });

  test("lane headers, playback bar and narration stay in view while the diagram scrolls", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lab = await openFresh(page);
    const sticky = [
      ["playback bar", lab.playback.bar],
      ["narration", lab.playback.narration],
      ["lane headers", lab.diagram.headers],
    ] as const;
    const diagram = await box(lab.diagram.root);
    expect(diagram.height, "the diagram is taller than the screen").toBeGreaterThan(VIEWPORT.height);
    const tops: number[] = [];
    const most = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(most, "the page scrolls past the top of the diagram").toBeGreaterThan(400);
    for (const by of [Math.round(most / 2), most]) {
      await page.evaluate((y) => window.scrollTo(0, y), by);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(by);
      for (const [what, locator] of sticky) await expectOnScreen(page, locator, `${what} at scrollY ${by}`);
      tops.push((await box(lab.playback.bar)).top);
      // The diagram really scrolled under the head: its top is hidden behind the lane headers.
      const strip = await box(lab.diagram.headers);
      expect((await box(lab.diagram.root)).top).toBeLessThan(strip.bottom - 40);
    }
    expect(tops[1], "the head stays where it stuck").toBeCloseTo(tops[0] ?? NaN, 0);
    // The side panel, sticky too, scrolls inside itself; each panel's heading stays at its top.
    await page.evaluate((y) => window.scrollTo(0, y), Math.round(most / 2));
    const side = page.locator("aside.side");
    const inspectorHeading = lab.inspector.getByRole("heading").first();
    await side.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    expect(await side.evaluate((el) => el.scrollTop), "the side panel scrolls").toBeGreaterThan(0);
    const [panel, heading] = [await box(side), await box(inspectorHeading)];
    expect(heading.top, "the inspector's heading at the side panel's top").toBeGreaterThanOrEqual(
      panel.top - 1,
    );
    await expectOnScreen(page, inspectorHeading, "the inspector's heading");
    // Still a working bar: Next steps playback while the page is scrolled.
    const before = await lab.playback.time();
    await lab.playback.restart.click();
    await lab.playback.next.click();
    expect(await lab.playback.time()).not.toBe(before);
    await expectOnScreen(page, lab.playback.bar, "playback bar after stepping");
  });

  test("the lane headers sit over their lanes, also when the diagram scrolls sideways", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.setViewportSize({ width: 360, height: 740 });
    const lab = new LabPage(page);
    await lab.goto({ setupOpen: false });
    const offsets = () =>
      page.evaluate(() => {
        const centre = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.left + r.width / 2;
        };
        const heads = [...document.querySelectorAll('[data-testid="lane-headers"] text')].map(centre);
        const lines = [...document.querySelectorAll('[data-testid="diagram"] .seq-lane line')].map(centre);
        return heads.map((x, i) => Math.abs(x - (lines[i] ?? Number.NaN)));
      });
    for (const offset of await offsets()) expect(offset).toBeLessThan(1.5);
    const scroller = page.locator(".diagram-scroll");
    const scrolled = await scroller.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
      return el.scrollLeft;
    });
    expect(scrolled, "the diagram is wider than a phone").toBeGreaterThan(0);
    await expect.poll(async () => Math.max(...(await offsets()))).toBeLessThan(1.5);
  });
});
