import { expect, test } from "./fixtures.ts";
import { axeViolations } from "./details-helpers.ts";

/** How far the inspector's content reaches past its own box, in px (0: it fits). */
async function overflow(page: import("@playwright/test").Page): Promise<number> {
  return page.getByTestId("inspector").evaluate((section) => {
    const box = section.getBoundingClientRect();
    let worst = section.scrollWidth - section.clientWidth;
    for (const el of section.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0) worst = Math.max(worst, r.right - box.right, box.left - r.left);
    }
    return worst;
  });
}

for (const { width, height } of [
  { width: 1366, height: 900 },
  { width: 360, height: 740 },
]) {
  test(`the inspector's fields, meanings and spec references fit its panel at ${width} px`, async ({
    lab,
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await lab.choosePreset("batch-pubrec-lost");
    await lab.diagram.arrow("PUBLISH", 1, { direction: "publisher to broker" }).hover();
    await expect(lab.inspector.getByTestId("inspector.summary")).toContainText("PUBLISH");
    const fields = lab.inspector.getByTestId("inspector.field");
    await expect(fields).not.toHaveCount(0);
    // Stacked rows: each field's meaning and spec are on screen inside the panel, no table to scroll.
    await expect(lab.inspector.locator("table")).toHaveCount(0);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    const topic = fields.filter({ hasText: "Topic name" }).first();
    await expect(topic.locator(".inspector-meaning")).toBeVisible();
    await expect(topic.locator(".inspector-spec")).toContainText("§");
    if (width === 1366) expect(await axeViolations(page)).toEqual([]);
  });
}
