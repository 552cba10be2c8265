/**
 * A seeded monkey: a few hundred random clicks, keys and field entries in every view of the app and
 * in the embed. After each burst: no page error, no console error, no part replaced by an error
 * notice, and the main landmark still shows something. Same seed, same choices (the page's own
 * timing can still change what is on screen when an action lands). MONKEY_SEED=n picks another run.
 *
 * Nothing that leaves the page is ever touched: links, downloads, file pickers, the clipboard.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

const SEED = Number(process.env.MONKEY_SEED ?? 20_261_205);
const BURSTS = 10;
const ACTIONS_PER_BURST = 14;

/** mulberry32: a small seeded generator, so a failing run can be repeated from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

const KEYS = [
  "Space",
  "ArrowRight",
  "ArrowLeft",
  "PageDown",
  "PageUp",
  "Home",
  "End",
  "Enter",
  "Tab",
  "Escape",
];

/** What a user may type into a field: usable, unusable and odd. */
const FIELD_TEXT = [
  "0",
  "1",
  "2",
  "0.5",
  "-1",
  "",
  "abc",
  "1e999",
  "NaN",
  "100000",
  "30",
  "7",
  " 3 ",
  "1e-400",
];

/** What a user may type into the JSON editor: valid, invalid and broken scenarios, all small. */
const JSON_TEXT = [
  '{"publishQos":2,"faults":[{"packet":"PUBREC"}]}',
  '{"publishQos":1,"subscriber":{"qos":0},"session":"clean"}',
  '{"publishQos":7}',
  '{"publishQos":2,"dedupe":7}',
  '{"publishQos":',
  "[]",
  "null",
  '{"publishQos":0,"messages":[{"topic":"a/b","payload":"<b>x</b>"}]}',
  '{"publishQos":2,"retransmit":"on-timeout","protocol":"3.1.1","timing":{"latencyMs":5000}}',
];

/**
 * Marks the elements a user could act on now, in document order, and says what each is. Leaves
 * out what navigates or leaves the page: links, file inputs, downloads and copy buttons.
 */
async function candidates(page: Page): Promise<{ kind: string; label: string }[]> {
  return page.evaluate(() => {
    const away = /download|copy|\bsvg\b|\bpng\b|mermaid|json trace|import|open in/i;
    const found: { kind: string; label: string }[] = [];
    for (const old of document.querySelectorAll("[data-monkey]")) old.removeAttribute("data-monkey");
    const all = document.querySelectorAll<HTMLElement | SVGElement>(
      'button, input, select, textarea, summary, [role="button"]',
    );
    for (const el of all) {
      if (el.closest("a[href]")) continue;
      if (el instanceof HTMLInputElement && el.type === "file") continue;
      if (el instanceof HTMLButtonElement && el.disabled) continue;
      const label = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 60);
      if (away.test(label)) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const kind =
        el instanceof HTMLTextAreaElement
          ? "textarea"
          : el instanceof HTMLInputElement && el.type === "range"
            ? "range"
            : el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")
              ? "click"
              : el instanceof HTMLInputElement
                ? "field"
                : el instanceof HTMLSelectElement
                  ? "select"
                  : "click";
      el.setAttribute("data-monkey", String(found.length));
      found.push({ kind, label });
    }
    return found;
  });
}

/** One random action; returns what it did, for the failure message. */
async function act(page: Page, rng: Rng): Promise<string> {
  const roll = rng();
  if (roll < 0.2) {
    const key = pick(rng, KEYS);
    await page.keyboard.press(key);
    return `key ${key}`;
  }
  const all = await candidates(page);
  if (all.length === 0) return "nothing to act on";
  const index = Math.floor(rng() * all.length);
  const target = all[index];
  if (!target) return "nothing to act on";
  const el = page.locator(`[data-monkey="${index}"]`);
  const options = { timeout: 1500 };
  // An element may go between choosing and acting (a view changed): that is no failure of the page.
  const attempt = async (what: string, run: () => Promise<unknown>) => {
    await run().catch((error: unknown) => {
      if (
        !(error instanceof Error) ||
        !/Timeout|detached|not attached|not visible|not an? /i.test(error.message)
      )
        throw error;
    });
    return what;
  };
  switch (target.kind) {
    case "field": {
      const text = pick(rng, FIELD_TEXT);
      return attempt(`type ${JSON.stringify(text)} into "${target.label}"`, () => el.fill(text, options));
    }
    case "textarea": {
      const text = pick(rng, JSON_TEXT);
      return attempt(`type ${text} into the JSON editor`, () => el.fill(text, options));
    }
    case "select": {
      const values = await el.evaluate((s) => [...(s as HTMLSelectElement).options].map((o) => o.value));
      const value = pick(rng, values.length ? values : [""]);
      return attempt(`select ${value} in "${target.label}"`, () => el.selectOption(value, options));
    }
    case "range": {
      const fraction = rng();
      return attempt(`scrub to ${fraction.toFixed(2)}`, () =>
        el.evaluate((input, f) => {
          const range = input as HTMLInputElement;
          const min = Number(range.min || 0);
          const max = Number(range.max || 100);
          range.value = String(min + (max - min) * f);
          range.dispatchEvent(new Event("input", { bubbles: true }));
          range.dispatchEvent(new Event("change", { bubbles: true }));
        }, fraction),
      );
    }
    default:
      return attempt(`click "${target.label}"`, () => el.click(options));
  }
}

/** Fails with the seed and the last actions when the page broke. */
async function expectWhole(page: Page, errors: readonly string[], log: readonly string[], where: string) {
  const context = `seed ${SEED}, ${where}; last actions:\n  ${log.slice(-ACTIONS_PER_BURST).join("\n  ")}`;
  expect(errors, `page or console errors (${context})`).toEqual([]);
  await expect(page.getByTestId("error-boundary"), `an error notice (${context})`).toHaveCount(0);
  const main = page.getByRole("main");
  await expect(main, `main landmark (${context})`).toBeVisible();
  expect((await main.innerText()).trim().length, `blank page (${context})`).toBeGreaterThan(20);
}

test.describe("monkey", () => {
  test("a seeded run of random clicks, keys and entries in every view of the app", async ({
    lab,
    page,
    consoleErrors,
  }) => {
    test.setTimeout(120_000);
    test.info().annotations.push({ type: "seed", description: String(SEED) });
    void lab;
    const rng = random(SEED);
    const log: string[] = [];
    const views = ["diagram", "explore", "stats"] as const;
    for (let burst = 0; burst < BURSTS; burst++) {
      // Every view gets its share of bursts; the view buttons are fair game within a burst too.
      const view = views[burst % views.length] ?? "diagram";
      // A burst may end presenting, which covers the page: leave it as a trainer would.
      const leave = page.getByRole("button", { name: "Leave presentation" });
      if (await leave.isVisible()) await leave.click();
      // A burst may also end inside a modal dialog (the embed builder), which keeps the page
      // inert: close it with Escape, as a user would, before moving on.
      const modal = page.locator("dialog:modal");
      for (let tries = 0; tries < 3 && (await modal.count()) > 0; tries++)
        await page.keyboard.press("Escape");
      await expect(modal, `a modal dialog that Escape does not close (seed ${SEED})`).toHaveCount(0);
      await page.getByTestId(`view.${view}`).click();
      log.push(`open view ${view}`);
      for (let i = 0; i < ACTIONS_PER_BURST; i++) log.push(await act(page, rng));
      expect(page.url(), `left the page (seed ${SEED})`).toMatch(/localhost:\d+\//);
      await expectWhole(page, consoleErrors, log, `app burst ${burst + 1} (${view})`);
    }
  });

  test("a seeded run of random clicks and keys in the embed", async ({ page, consoleErrors }) => {
    test.setTimeout(90_000);
    test.info().annotations.push({ type: "seed", description: String(SEED) });
    const rng = random(SEED + 1);
    const log: string[] = [];
    const links = [
      "/embed.html?publishQos=2&faults=PUBREC&controls=full",
      "/embed.html?publishQos=1&subscriber.qos=1&controls=playback&loop=1&autoplay=1",
      "/embed.html?publishQos=2&controls=full&theme=dark&steps=2-6",
    ];
    for (const [n, link] of links.entries()) {
      await page.goto(link);
      await expect(page.getByTestId("embed")).toBeVisible();
      log.push(`open ${link}`);
      for (let burst = 0; burst < 2; burst++) {
        for (let i = 0; i < ACTIONS_PER_BURST; i++) log.push(await act(page, rng));
        expect(new URL(page.url()).pathname, `left the embed (seed ${SEED})`).toBe("/embed.html");
        await expectWhole(page, consoleErrors, log, `embed ${n + 1}, burst ${burst + 1}`);
      }
    }
  });
});
