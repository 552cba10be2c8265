import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Frame, Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { LAB_ORIGIN, ROOT, serveDirs, serveLab } from "./serve-static.ts";

/**
 * The README's "plain HTML" recipe (recipes/plain-html/index.html): one docs page with two
 * <mqtt-qos-handshake> elements and one iframe of the embed page, exactly as a reader would copy
 * them. The page is served from disk under a made-up origin, with the element's script falling
 * back to dist-element/ (`npm run build:element`, run by `npm run test:e2e`), and the iframe's
 * LAB_ORIGIN proxied to the preview server of dist/. Requests anywhere else fail the test.
 */
const DOCS = "http://docs.test";
const SCRIPT = "dist-element/mqtt-qos-handshake.iife.js";

interface HostWindow {
  reportedHeights: number[];
}

/** The iframe's size on the host page and the last height the embed reported. */
function iframeState(page: Page) {
  return page.locator("iframe").evaluate((frame: HTMLIFrameElement) => {
    const reported = (window as unknown as HostWindow).reportedHeights;
    return {
      reported: reported.at(-1) ?? null,
      attribute: frame.getAttribute("height"),
      offsetHeight: frame.offsetHeight,
      width: frame.clientWidth,
    };
  });
}

/** How far the embed's own document scrolls, down and sideways (0 when it fits its iframe). */
function innerOverflow(frame: Frame) {
  return frame.evaluate(() => {
    const root = document.documentElement;
    return { down: root.scrollHeight - root.clientHeight, sideways: root.scrollWidth - root.clientWidth };
  });
}

/** Every id in a document, shadow roots included, and how many shadow roots were walked. */
function idsOf(target: Page | Frame) {
  return target.evaluate(() => {
    const ids: string[] = [];
    let shadowRoots = 0;
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll("*")) {
        if (el.id) ids.push(el.id);
        if (el.shadowRoot) {
          shadowRoots++;
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    return { ids, shadowRoots };
  });
}

/** Each element's diagram width, the element's own width and the width of main's content box. */
function elementWidths(page: Page) {
  return page.locator("main").evaluate((main) => {
    const style = getComputedStyle(main);
    const content = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [...main.querySelectorAll("mqtt-qos-handshake")].map((el) => {
      const svg = el.shadowRoot?.querySelector("svg.seq")?.getBoundingClientRect();
      const host = el.getBoundingClientRect();
      return { svg: svg?.width ?? NaN, ratio: svg ? svg.height / svg.width : NaN, host: host.width, content };
    });
  });
}

test("plain HTML recipe: two custom elements and an iframe on one page render, animate and resize", async ({
  page,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors; // the fixture fails the test on any console error, the iframe's included
  test.setTimeout(60_000);
  expect(existsSync(join(ROOT, SCRIPT)), `${SCRIPT} is missing: run npm run build:element`).toBe(true);
  if (!baseURL) throw new Error("no baseURL: see playwright.config.ts");

  // Registered first, so it runs last: whatever neither the docs origin nor the lab answers.
  const escaped: string[] = [];
  await page.route("**/*", async (route) => {
    escaped.push(route.request().url());
    await route.abort();
  });
  await serveDirs(page, DOCS, ["recipes/plain-html", "dist-element"]);
  await serveLab(page, baseURL);
  // Records the embed's height messages next to the recipe's own listener, which sizes the iframe.
  await page.addInitScript(() => {
    if (window !== window.top) return;
    const host = window as unknown as HostWindow;
    host.reportedHeights = [];
    addEventListener("message", (e: MessageEvent<{ type?: string; height?: number } | null>) => {
      if (e.data?.type === "mqtt-qos-lab:height" && typeof e.data.height === "number") {
        host.reportedHeights.push(e.data.height);
      }
    });
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${DOCS}/`);

  // Both elements draw their diagram, with the verdict the protocol gives.
  const elements = page.locator("mqtt-qos-handshake");
  await expect(elements).toHaveCount(2);
  const [one, two] = [elements.nth(0), elements.nth(1)];
  for (const el of [one, two]) {
    await el.scrollIntoViewIfNeeded(); // the autoplaying one waits until it is in view
    await expect(el.locator("svg.seq")).toBeVisible();
    await expect(el.locator("svg.seq .seq-arrow").first()).toBeVisible();
  }
  await expect(one.locator("[data-verdict]")).toHaveAttribute("data-verdict", "duplicated");
  await expect(one.locator('.seq-arrow[data-packet="PUBACK"].is-lost')).toHaveCount(1);
  await expect(two.locator("[data-verdict]")).toHaveAttribute("data-verdict", "once");
  await expect(two.locator(".seq-arrow.is-lost")).toHaveCount(0);

  // The iframe comes from the lab's origin and draws its diagram: QoS 0, PUBLISH lost.
  const iframe = page.locator("iframe");
  await expect(iframe).toHaveAttribute(
    "src",
    new RegExp(`^${LAB_ORIGIN.replace(/\./g, "\\.")}/embed\\.html\\?`),
  );
  const embed = page.frameLocator("iframe");
  // Cross-origin frames off screen are not rendered, so the embed's ResizeObserver reports its
  // full height once the reader scrolls to it.
  await iframe.scrollIntoViewIfNeeded();
  await expect(embed.getByTestId("diagram")).toBeVisible();
  await expect(embed.locator("[data-verdict]")).toHaveAttribute("data-verdict", "lost");
  const frame = page.frame({ url: (url) => url.origin === LAB_ORIGIN });
  if (!frame) throw new Error("the embed's frame is missing");

  // The recipe's script sizes the iframe to the height the embed reports: all of it, no scrolling.
  const sized = async () => {
    const s = await iframeState(page);
    return s.reported !== null && s.attribute === String(s.reported) && s.offsetHeight === s.reported
      ? s.reported
      : 0;
  };
  await expect.poll(sized).toBeGreaterThan(300);
  await expect.poll(() => innerOverflow(frame)).toEqual({ down: 0, sideways: 0 });
  const wideHeight = await sized();
  // Only drawn heights were reported, never the embed's short "loading" line.
  const reported = await page.evaluate(() => (window as unknown as HostWindow).reportedHeights);
  expect(Math.min(...reported)).toBeGreaterThan(300);

  // The iframe plays: Play starts from the beginning and the scrubber moves on. Buttons are pressed
  // with the keyboard: right after a scroll, Chromium may still route a mouse click to the
  // cross-origin iframe that was under that point before the scroll (seen here: a click on the
  // first element's Play landed in the embed's diagram), while keys go to the focused button.
  await embed.getByTestId("playback.play").press("Enter");
  await expect(embed.getByTestId("playback.play")).toHaveAttribute("aria-pressed", "true");
  const position = () => embed.getByTestId("playback.scrubber").inputValue().then(Number);
  const started = await position();
  await expect.poll(position).toBeGreaterThan(started);

  // Both elements animate. The first one by its Play button: its arrows are drawn again from none.
  const drawn = (el: Locator) => el.locator(".seq-arrow .seq-tip");
  const arrows = await one.locator(".seq-arrow").count();
  const lost = await one.locator(".seq-arrow.is-lost").count();
  await expect(drawn(one)).toHaveCount(arrows - lost); // at rest on the finished handshake
  await one.locator('button[data-action="play"]').press("Enter");
  await expect(one.locator('button[data-action="play"]')).toHaveText("Pause");
  await expect(drawn(one)).not.toHaveCount(arrows - lost);
  // The second autoplays and loops: all four arrows, then from the start again.
  await expect(drawn(two)).toHaveCount(4, { timeout: 15_000 });
  await expect(drawn(two)).not.toHaveCount(4, { timeout: 15_000 });
  await expect(drawn(one)).toHaveCount(arrows - lost, { timeout: 20_000 });
  await expect(one.locator('button[data-action="play"]')).toHaveText("Play");

  // Resize: at 1280 px the diagrams have their full 640 px; narrow the page to a phone's width.
  const wide = await elementWidths(page);
  expect(wide.map((w) => w.svg)).toEqual([640, 640]);
  await page.setViewportSize({ width: 420, height: 800 });
  await expect
    .poll(async () =>
      (await elementWidths(page)).every((w) => w.svg < 640 && w.svg <= w.host && w.host <= w.content),
    )
    .toBe(true);
  // The diagrams shrink whole (height: auto), keeping their proportions.
  const narrow = await elementWidths(page);
  narrow.forEach((w, i) => expect(w.ratio).toBeCloseTo(wide[i]?.ratio ?? NaN, 2));
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    "the host page scrolls sideways",
  ).toBe(0);
  // The iframe follows the width; the embed's text wraps, so it reports a taller height, applied.
  await iframe.scrollIntoViewIfNeeded();
  expect((await iframeState(page)).width).toBeCloseTo(narrow[0]?.content ?? NaN, 0);
  await expect.poll(sized).toBeGreaterThan(wideHeight);
  await expect.poll(() => innerOverflow(frame)).toEqual({ down: 0, sideways: 0 });

  // No id is used twice: the page, both shadow roots and the iframe's document.
  const host = await idsOf(page);
  const inner = await idsOf(frame);
  expect(host.shadowRoots).toBe(2);
  expect(inner.ids).toContain("root");
  const ids = [...host.ids, ...inner.ids];
  expect(new Set(ids).size, `duplicate ids: ${ids.join(", ")}`).toBe(ids.length);

  expect(escaped, "requests to other origins").toEqual([]);
});
