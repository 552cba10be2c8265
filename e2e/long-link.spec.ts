/**
 * A long trace from a link: its first diagram is the top of the trace laid out alone
 * (src/diagram/layoutHead.ts, marked `data-part="top"`), then the whole layout takes its place in
 * the task after (src/app/useWholeLayout.ts). What the first screen showed must not move when the
 * whole comes in, and the page must never show a page without a diagram first. No timings are
 * asserted, only what is drawn.
 */
import { expect, test } from "./fixtures.ts";

const LINK = "/?publishQos=2&subscriber.qos=2&messages=1000";
const ARROWS = "8000";

interface Drawn {
  part: string | null;
  /** Each arrow drawn: its test id and where its line and label are, in the SVG's own units. */
  arrows: Record<string, string>;
  /** Whether a diagram-less workspace was ever in the page before the diagram. */
  emptyFirst: boolean;
}

declare global {
  interface Window {
    __drawn: Drawn[];
  }
}

/** Planted before the page's scripts: every state of the diagram as it is first drawn and replaced. */
function recordDiagrams() {
  window.__drawn = [];
  let emptyFirst = false;
  const seen = new Set<string>();
  new MutationObserver(() => {
    const diagram = document.querySelector('[data-testid="diagram"]');
    if (!diagram) {
      // The page's "Loading the simulator…" in the diagram's place.
      if (document.querySelector('[data-testid="placeholder"]')) emptyFirst = true;
      return;
    }
    const part = diagram.getAttribute("data-part");
    const key = `${diagram.getAttribute("data-arrows")}|${part}|${diagram.getAttribute("height")}`;
    if (seen.has(key)) return;
    seen.add(key);
    const arrows: Record<string, string> = {};
    for (const arrow of diagram.querySelectorAll('[data-testid^="packet-"]')) {
      const line = arrow.querySelector(".seq-hit");
      const label = arrow.querySelector(".seq-label");
      arrows[arrow.getAttribute("data-testid") ?? ""] = [
        line?.getAttribute("x1"),
        line?.getAttribute("y1"),
        line?.getAttribute("x2"),
        line?.getAttribute("y2"),
        label?.getAttribute("x"),
        label?.getAttribute("y"),
      ].join(",");
    }
    window.__drawn.push({ part, arrows, emptyFirst });
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

test("a 1,000-message link draws its top first, then the whole in its place, without moving the first screen", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.addInitScript(recordDiagrams);
  await page.goto(LINK);
  const diagram = page.getByTestId("diagram");
  await expect(diagram).toHaveAttribute("data-arrows", ARROWS, { timeout: 120_000 });
  // The whole layout comes in: no part mark, the full height.
  await expect(diagram).not.toHaveAttribute("data-part", /./, { timeout: 120_000 });
  const drawn = await page.evaluate(() => window.__drawn);
  const first = drawn[0];
  if (!first) throw new Error("no diagram recorded");
  expect(first.emptyFirst, "a page without its diagram came first").toBe(false);
  expect(first.part, "the first diagram is the trace's top").toBe("top");
  const whole = drawn.find((d) => d.part === null);
  if (!whole) throw new Error("the whole diagram was not recorded");
  // The whole draws the band on screen (the first diagram drew the first band, 2,400 px): every
  // arrow on screen was drawn by the first diagram, at the same place, label and all.
  const onScreen = Object.keys(whole.arrows);
  expect(onScreen.length).toBeGreaterThan(5);
  for (const id of onScreen) expect(first.arrows[id], id).toBe(whole.arrows[id]);
  // The whole diagram is far taller than the top alone.
  const height = Number(await diagram.getAttribute("height"));
  expect(height).toBeGreaterThan(100_000);
});
