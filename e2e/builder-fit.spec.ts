import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { BuilderPage } from "./pages/builder-page.ts";

/**
 * The embed's and the element's chrome (verdict, playback bar, narration, notices, footer) fits
 * at the embed's default 640 px and at 400 px: nothing runs past the frame's right edge. The
 * diagram's own geometry is the layout's (src/diagram) and is checked there.
 */
const CHROME = [".verdict-panel", ".playback", ".narration", ".url-notice", ".embed-footer"];

/** How far each visible box runs past `right` (0: it fits). */
async function overflow(boxes: Locator, right: number): Promise<number[]> {
  const rights = await boxes.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
  return rights.map((r) => Math.max(0, Math.ceil(r - right)));
}

async function pageWidth(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
}

for (const width of [640, 400]) {
  test(`the embed's chrome fits at ${width} px, with a notice and every control`, async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.setViewportSize({ width, height: 900 });
    // A long bad value makes the longest notice line.
    const bad = "x".repeat(120);
    await page.goto(`/embed.html?publishQos=1&faults=PUBACK&controls=full&theme=${bad}`);
    await expect(page.getByTestId("diagram")).toBeVisible();
    await expect(page.getByTestId("url-notice")).toBeVisible();
    expect(await pageWidth(page)).toEqual({ scroll: width, client: width });
    for (const selector of CHROME) {
      const boxes = page.locator(selector);
      await expect(boxes.first()).toBeVisible();
      expect(await overflow(boxes, width), selector).toEqual(
        await boxes.evaluateAll((els) => els.map(() => 0)),
      );
    }
  });
}

test("the element's chrome fits in a 400 px column, with a notice and every control", async ({
  lab,
  page,
}) => {
  await page.setViewportSize({ width: 460, height: 1200 });
  await expect(lab.diagram.arrows.first()).toBeVisible();
  const builder = new BuilderPage(page);
  await builder.open();
  await builder.choice("controls.full").check();
  await builder.field("width").fill("400");
  await expect(builder.element).toHaveAttribute("controls", "full");
  // A bad attribute set by hand on the preview: the notice joins the chrome.
  await builder.element.evaluate((el) => el.setAttribute("theme", "y".repeat(120)));
  await expect(builder.element.locator('[role="alert"]')).toBeVisible();
  const right = await builder.element.evaluate((el) => el.getBoundingClientRect().right);
  for (const selector of [".problems", ".hint", ".controls", ".verdicts"]) {
    const boxes = builder.element.locator(selector);
    await expect(boxes.first()).toBeVisible();
    expect(await overflow(boxes, right), selector).toEqual([0]);
  }
  const svg = await builder.element.locator("svg.seq").evaluate((el) => el.getBoundingClientRect().right);
  expect(svg).toBeLessThanOrEqual(right + 0.5);
});
