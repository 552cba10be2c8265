import { existsSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { serveDirs } from "./serve-static.ts";

/**
 * The <mqtt-qos-handshake> custom element (npm run build:element, vite.element.config.ts) on a
 * host page of its own. This spec builds nothing itself: `npm run test:e2e` (scripts/e2e.mjs)
 * runs `npm run build:element` before Playwright. The host page and the scripts are served by
 * page.route from a made-up origin, so nothing of the app is involved.
 */
const DIST = new URL("../dist-element/", import.meta.url);
const ORIGIN = "http://element.test";

const HOST_STYLE = `<style>
  text { fill: rgb(255, 0, 0); }
  body { font-family: serif; }
</style>`;

const ELEMENTS = `
  <mqtt-qos-handshake id="one" qos="1" drop="PUBACK" theme="light"></mqtt-qos-handshake>
  <mqtt-qos-handshake id="two" qos="2" drop="PUBREC" theme="dark" controls="playback"></mqtt-qos-handshake>
  <svg class="seq" width="200" height="40"><text class="seq-label" x="10" y="20">host text</text></svg>`;

async function serve(page: Page, script: string): Promise<void> {
  await serveDirs(page, ORIGIN, ["dist-element"]);
  await serveHtml(
    page,
    `<!doctype html><html lang="en"><head><title>Host</title>${HOST_STYLE}</head><body>${ELEMENTS}${script}</body></html>`,
  );
  await page.goto(`${ORIGIN}/`);
}

/** Answers the host page itself (registered after serveDirs, so it wins for "/"). */
async function serveHtml(page: Page, body: string): Promise<void> {
  await page.route(`${ORIGIN}/`, (route) => route.fulfill({ contentType: "text/html", body }));
}

/** Adds an element with these attributes to the page (at its end, or its start), after a spacer. */
async function addElement(
  page: Page,
  attributes: Record<string, string>,
  options: { prepend?: boolean; spacer?: number } = {},
): Promise<Locator> {
  await page.evaluate(
    ({ attributes, prepend, spacer }) => {
      const el = document.createElement("mqtt-qos-handshake");
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      const parts: Element[] = [el];
      if (spacer) {
        const gap = document.createElement("div");
        gap.style.height = `${spacer}px`;
        parts.unshift(gap);
      }
      if (prepend) document.body.prepend(...parts);
      else document.body.append(...parts);
    },
    { attributes, prepend: options.prepend ?? false, spacer: options.spacer ?? 0 },
  );
  return page.locator(`#${attributes.id}`);
}

/** Every id in the document, shadow roots included. */
function allIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ids: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll("*")) {
        if (el.id) ids.push(el.id);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return ids;
  });
}

for (const [kind, script] of [
  ["classic script", '<script src="/mqtt-qos-handshake.iife.js"></script>'],
  ["ES module", '<script type="module" src="/mqtt-qos-handshake.js"></script>'],
] as const) {
  test(`two elements from the ${kind}: render, verdicts, attributes, isolation`, async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors; // the fixture fails the test on any console error
    const file = kind === "ES module" ? "mqtt-qos-handshake.js" : "mqtt-qos-handshake.iife.js";
    expect(
      existsSync(new URL(file, DIST)),
      `dist-element/${file} is missing: run npm run build:element`,
    ).toBe(true);
    await serve(page, script);
    const one = page.locator("#one");
    const two = page.locator("#two");

    // Both render: an svg with arrows inside each shadow root (Playwright's CSS pierces it).
    for (const el of [one, two]) {
      await expect(el.locator("svg.seq")).toBeVisible();
      await expect(el.locator("svg.seq .seq-arrow").first()).toBeVisible();
    }
    expect(await one.evaluate((el) => el.shadowRoot?.querySelector("svg") !== null)).toBe(true);

    // The verdicts differ as the protocol says.
    await expect(one.locator("[data-verdict]")).toHaveAttribute("data-verdict", "duplicated");
    await expect(two.locator("[data-verdict]")).toHaveAttribute("data-verdict", "once");
    await expect(one.locator(".seq-arrow.is-lost")).toHaveCount(1);
    await expect(one.locator('.seq-arrow[data-packet="PUBACK"].is-lost')).toHaveCount(1);
    await expect(two.locator('.seq-arrow[data-packet="PUBREC"].is-lost')).toHaveCount(1);
    await expect(two.locator("button", { hasText: "Play" })).toBeVisible();
    await expect(one.locator("button")).toHaveCount(0);

    // No duplicate ids anywhere, shadow roots included.
    const ids = await allIds(page);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size, `duplicate ids: ${ids.join(", ")}`).toBe(ids.length);

    // Styles do not leak in: the host's `text { fill: red }` does not reach the element's text…
    const laneFill = (el: typeof one) =>
      el
        .locator(".seq-lane text")
        .first()
        .evaluate((t) => getComputedStyle(t).fill);
    expect(await laneFill(one)).toBe("rgb(27, 36, 48)"); // theme="light": the diagram's own ink
    expect(await laneFill(two)).toBe("rgb(231, 236, 243)"); // theme="dark"
    // …and do not leak out: the host's own `.seq` svg keeps the host's rule, not the element's.
    const hostFill = await page.locator("body > svg.seq text").evaluate((el) => getComputedStyle(el).fill);
    expect(hostFill).toBe("rgb(255, 0, 0)");
    expect(await page.evaluate(() => document.head.querySelectorAll("style").length)).toBe(1);

    // Changing an attribute re-renders.
    await one.evaluate((el) => el.setAttribute("drop", ""));
    await expect(one.locator("[data-verdict]")).toHaveAttribute("data-verdict", "once");
    await expect(one.locator(".seq-arrow.is-lost")).toHaveCount(0);
    await two.evaluate((el) => el.setAttribute("drop", "PUBLISH"));
    await expect(two.locator("[data-verdict]")).toHaveAttribute("data-verdict", "once");
    await expect(two.locator('.seq-arrow[data-packet="PUBLISH"].is-lost')).toHaveCount(1);

    // A bad attribute shows a message naming it and what was expected, above the drawing with its
    // default (QoS 1), as the embed does for a bad parameter; nothing throws.
    await one.evaluate((el) => el.setAttribute("qos", "7"));
    const alert = one.locator('[role="alert"]');
    await expect(alert).toContainText("Some attributes could not be used; defaults stand in:");
    await expect(alert).toContainText("qos: expected one of 0, 1, 2; got 7");
    await expect(one.locator("svg.seq")).toBeVisible();
    await expect(one.locator('.seq-arrow[data-packet="PUBACK"]')).not.toHaveCount(0);
    await one.evaluate((el) => el.setAttribute("qos", "1"));
    await expect(one.locator("svg.seq")).toBeVisible();
    await expect(alert).toHaveCount(0);

    // The step control moves through the handshake.
    await two.evaluate((el) => el.setAttribute("drop", ""));
    await expect(two.locator("[data-verdict]")).toHaveAttribute("data-verdict", "once");
    await expect(two.locator(".seq-arrow")).toHaveCount(4);
    await two.locator('button[data-action="play"]').click(); // from the end: replay from the start
    await two.locator('button[data-action="play"]').click(); // pause
    await two.locator('button[data-action="next"]').click();
    // The app's playback words (share/displayVocabulary.ts).
    await expect(two.locator('button[data-action="play"]')).toHaveText("Play");
    await expect(two.locator("button")).toHaveText(["Back", "Play", "Next"]);
  });
}

test("autoplay plays the handshake from its start; width sets the diagram's width", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await serve(page, '<script src="/mqtt-qos-handshake.iife.js"></script>');
  const three = await addElement(page, { id: "three", qos: "2", autoplay: "", width: "400" });
  await expect(three.locator("svg.seq")).toHaveAttribute("width", "400");
  await three.scrollIntoViewIfNeeded(); // autoplay waits until the element is in view
  // Playing: at first not every arrow has been drawn, at the end all four have.
  await expect(three.locator(".seq-arrow")).not.toHaveCount(4, { timeout: 1000 });
  await expect(three.locator(".seq-arrow .seq-tip")).toHaveCount(4, { timeout: 15_000 });
  // With loop, it starts again after a pause at the end.
  await three.evaluate((el) => el.setAttribute("loop", ""));
  await expect(three.locator(".seq-arrow .seq-tip")).toHaveCount(4, { timeout: 15_000 });
  await expect(three.locator(".seq-arrow .seq-tip")).not.toHaveCount(4, { timeout: 15_000 });
  // Removing the element unmounts it cleanly (no console error).
  await three.evaluate((el) => el.remove());
  await expect(three).toHaveCount(0);
});

test("the built ES module imports on a server (Node, no window) without registering anything", async () => {
  const url = new URL("mqtt-qos-handshake.js", DIST);
  expect(existsSync(url), "dist-element/mqtt-qos-handshake.js is missing: run npm run build:element").toBe(
    true,
  );
  const mod = (await import(url.href)) as { ELEMENT_NAME: string; defineElement(): boolean };
  expect(mod.ELEMENT_NAME).toBe("mqtt-qos-handshake");
  expect(mod.defineElement()).toBe(false);
});

test("autoplay waits until the element is in view and pauses out of view; reduced motion shows the end", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await serve(page, '<script src="/mqtt-qos-handshake.iife.js"></script>');
  const far = await addElement(page, { id: "far", qos: "2", autoplay: "" }, { spacer: 3000 });
  const tips = far.locator(".seq-arrow .seq-tip");
  const figure = far.locator("figure");
  // Below the fold: it waits at the start.
  await expect(figure).toHaveAttribute("data-playing", "false");
  await expect(tips).toHaveCount(0);
  // Scrolled to: it plays; scrolled away: it pauses where it was.
  await far.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute("data-playing", "true");
  await expect.poll(() => tips.count()).toBeGreaterThan(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(figure).toHaveAttribute("data-playing", "false");
  await far.scrollIntoViewIfNeeded();
  await expect(tips).toHaveCount(4, { timeout: 15_000 });

  // A reader who asked for reduced motion gets the finished handshake, not an animation.
  await page.emulateMedia({ reducedMotion: "reduce" });
  const calm = await addElement(
    page,
    { id: "calm", qos: "2", autoplay: "", loop: "", controls: "playback" },
    { prepend: true },
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(calm.locator(".seq-arrow .seq-tip")).toHaveCount(4);
  await expect(calm.locator("figure")).toHaveAttribute("data-playing", "false");
  await expect(calm.locator('button[data-action="play"]')).toHaveText("Play");
  // It still plays when asked to.
  await calm.locator('button[data-action="play"]').press("Enter");
  await expect(calm.locator("figure")).toHaveAttribute("data-playing", "true");
});

test("the scenario attribute (JSON) and messages, qos2-delivery, dedupe attributes", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await serve(page, '<script type="module" src="/mqtt-qos-handshake.js"></script>');
  const scenario = JSON.stringify({ publishQos: 1, subscriber: { qos: 1 }, timing: { latencyMs: 80 } });
  const four = await addElement(page, { id: "four", scenario, messages: "2", drop: "PUBACK/2" });
  // Two messages, two verdicts: the second one's lost PUBACK makes it a duplicate.
  const verdicts = four.locator("[data-verdict]");
  await expect(verdicts).toHaveCount(2);
  await expect(verdicts.nth(0)).toHaveAttribute("data-verdict", "once");
  await expect(verdicts.nth(1)).toHaveAttribute("data-verdict", "duplicated");
  await expect(verdicts.nth(1)).toContainText("Message 2:");
  // dedupe: the subscribing application ignores the copy it already processed.
  await four.evaluate((el) => el.setAttribute("dedupe", ""));
  await expect(four.locator("[data-verdict]").nth(1)).toHaveAttribute("data-verdict", "once");
  // The JSON's own timing shows in the drawing: a resend timer shorter than the round trip
  // (3.1.1, 2 × 100 ms > 150 ms) resends the PUBLISH before its PUBACK is back.
  const publishes = four.locator('.seq-arrow[data-packet="PUBLISH"]');
  const timer = { protocol: "3.1.1", retransmit: "on-timeout", subscriber: { qos: 1 } };
  await four.evaluate((el, s) => el.setAttribute("scenario", s), JSON.stringify(timer));
  await expect(four.locator('[role="alert"]')).toHaveCount(0);
  const before = await publishes.count();
  const short = { ...timer, timing: { latencyMs: 100, timeoutMs: 150 } };
  await four.evaluate((el, s) => el.setAttribute("scenario", s), JSON.stringify(short));
  await expect.poll(() => publishes.count()).toBeGreaterThan(before);
  // A broken JSON names the attribute; fixing it draws again.
  await four.evaluate((el) => el.setAttribute("scenario", "{publishQos: 1"));
  await expect(four.locator('[role="alert"]')).toContainText(
    "scenario: expected a JSON object in the scenario format",
  );
  await four.evaluate((el) => el.setAttribute("scenario", '{"publishQos": 2}'));
  await expect(four.locator("svg.seq")).toBeVisible();
  await four.evaluate((el) => el.setAttribute("qos2-delivery", "later"));
  await expect(four.locator('[role="alert"]')).toContainText(
    "qos2-delivery: expected one of on-pubrel, on-publish",
  );
});

test("Copy element code in the app gives markup that draws the same handshake", async ({
  lab,
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // Two hops, a lost PUBREC on the subscriber's hop, per-client sessions and a slower link: some
  // of it fits in attributes, the rest goes into the scenario attribute's JSON.
  const scenario = {
    publishQos: 2,
    subscriber: { qos: 2 },
    session: { publisher: "persistent", subscriber: "clean" },
    messages: [{}, {}],
    faults: [{ hop: "broker-subscriber", packet: "PUBREC", message: 2 }],
    timing: { latencyMs: 60 },
  };
  await lab.loadScenario(scenario);
  const verdicts = await page
    .getByTestId("verdict")
    .locator("[data-verdict]")
    .evaluateAll((lines) => lines.map((l) => l.getAttribute("data-verdict")));
  const packets = await page
    .locator("svg.seq .seq-arrow")
    .evaluateAll((arrows) =>
      arrows.map((a) => `${a.getAttribute("data-packet")}${a.classList.contains("is-lost") ? "×" : ""}`),
    );
  await page.getByTestId("copy-element").click();
  await expect(page.getByText("Element code copied")).toBeVisible();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toMatch(/^<mqtt-qos-handshake qos="2" subscriber-qos="2" drop="broker-subscriber\/PUBREC\/2"/);
  expect(code).toContain('scenario="{');

  // Pasted into a page that loads the element's script, it draws the same packets and verdicts.
  await serveDirs(page, ORIGIN, ["dist-element"]);
  await serveHtml(
    page,
    `<!doctype html><html lang="en"><head><title>Pasted</title></head><body>${code}<script src="/mqtt-qos-handshake.iife.js"></script></body></html>`,
  );
  await page.goto(`${ORIGIN}/`);
  const element = page.locator("mqtt-qos-handshake");
  await expect(element.locator("svg.seq")).toBeVisible();
  await expect
    .poll(() =>
      element
        .locator("[data-verdict]")
        .evaluateAll((lines) => lines.map((l) => l.getAttribute("data-verdict"))),
    )
    .toEqual(verdicts);
  const drawn = await element
    .locator("svg.seq .seq-arrow")
    .evaluateAll((arrows) =>
      arrows.map((a) => `${a.getAttribute("data-packet")}${a.classList.contains("is-lost") ? "×" : ""}`),
    );
  expect(drawn).toEqual(packets);
});

test('theme="auto" matches the page: its declared colour scheme, else its background, else the system', async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await serve(page, '<script src="/mqtt-qos-handshake.iife.js"></script>');
  const el = await addElement(page, { id: "auto", qos: "1" }, { prepend: true });
  const ink = () =>
    el
      .locator(".seq-lane text")
      .first()
      .evaluate((t) => getComputedStyle(t).fill);
  const LIGHT = "rgb(27, 36, 48)";
  const DARK = "rgb(231, 236, 243)";
  // A page that declares nothing and paints no background is light, whatever the system says.
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(ink).toBe(LIGHT);
  // A site's dark-mode toggle (here: an attribute on <html> that a rule turns into color-scheme).
  await page.addStyleTag({ content: 'html[data-theme="dark"] { color-scheme: dark; }' });
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  await expect.poll(ink).toBe(DARK);
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "light"));
  await expect.poll(ink).toBe(LIGHT);
  // A dark page that declares nothing: its background decides.
  await page.evaluate(() => {
    document.body.style.background = "rgb(20, 22, 26)";
  });
  await expect.poll(ink).toBe(DARK);
  await page.evaluate(() => {
    document.body.style.background = "";
    document.documentElement.style.colorScheme = "light dark";
  });
  // A page that allows both follows the system, live.
  await expect.poll(ink).toBe(DARK);
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(ink).toBe(LIGHT);
  // theme="dark" is dark on a light page.
  await el.evaluate((e) => e.setAttribute("theme", "dark"));
  await expect.poll(ink).toBe(DARK);
});

test('controls="full": the reader drops and restores packets by click or keyboard', async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await serve(page, '<script src="/mqtt-qos-handshake.iife.js"></script>');
  const el = await addElement(page, { id: "full", qos: "1", controls: "full" }, { prepend: true });
  const verdict = el.locator("[data-verdict]");
  await expect(verdict).toHaveAttribute("data-verdict", "once");
  await expect(el.locator(".hint")).toHaveText(
    "Click or press Enter on a packet to drop it; again to restore it.",
  );
  // Clicking the PUBACK drops it: the connection breaks, the PUBLISH is resent, a duplicate.
  const puback = el.locator('.seq-arrow[data-packet="PUBACK"]').first();
  await expect(puback).toHaveAttribute("role", "button");
  await puback.click();
  await expect(verdict).toHaveAttribute("data-verdict", "duplicated");
  await expect(el.locator('.seq-arrow[data-packet="PUBACK"].is-lost')).toHaveCount(1);
  await expect(el.locator(".seq-arrow .seq-tip").first()).toBeVisible(); // the whole new handshake
  // The keyboard restores it.
  const lost = el.locator('.seq-arrow[data-packet="PUBACK"].is-lost');
  await lost.focus();
  await page.keyboard.press("Enter");
  await expect(verdict).toHaveAttribute("data-verdict", "once");
  await expect(el.locator(".seq-arrow.is-lost")).toHaveCount(0);
  // The author's attributes are the start again when they change.
  await puback.click();
  await expect(verdict).toHaveAttribute("data-verdict", "duplicated");
  await el.evaluate((e) => e.setAttribute("qos", "2"));
  await expect(verdict).toHaveAttribute("data-verdict", "once");
  await expect(el.locator(".seq-arrow.is-lost")).toHaveCount(0);
  // Buttons inside an svg inside a shadow root: axe finds nothing wrong (the label-in-name rule is
  // off, as for the lab's own arrows: see accessibility.spec.ts).
  const axe = await new AxeBuilder({ page })
    .include("#full")
    .disableRules(["label-content-name-mismatch"])
    .analyze();
  expect(axe.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html.slice(0, 120)) }))).toEqual(
    [],
  );
  // Below "full" the arrows are pictures, not buttons.
  await el.evaluate((e) => e.setAttribute("controls", "playback"));
  await expect(el.locator('.seq-arrow[role="button"]')).toHaveCount(0);
});

test('step="N" shows the handshake as it stands at step N; the step buttons go on from there', async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await serve(page, '<script src="/mqtt-qos-handshake.iife.js"></script>');
  const tips = (el: Locator) => el.locator(".seq-arrow .seq-tip");
  const whole = await addElement(page, { id: "whole", qos: "1" }, { prepend: true });
  await expect(tips(whole)).toHaveCount(2); // PUBLISH and PUBACK, the end
  const first = await addElement(
    page,
    { id: "first", qos: "1", step: "1", controls: "playback" },
    { prepend: true },
  );
  await expect(first.locator("svg.seq")).toBeVisible();
  await expect(tips(first)).toHaveCount(0); // the PUBLISH has only just left
  // Stepping on: the PUBLISH arrives, then (later) the PUBACK.
  await expect
    .poll(async () => {
      await first.locator('button[data-action="next"]').click();
      return tips(first).count();
    })
    .toBe(2);
  // The playback keys work inside the element (here on its focused Play button), not on the page.
  const keys = await addElement(
    page,
    { id: "keys", qos: "1", step: "1", controls: "playback" },
    { prepend: true },
  );
  await expect(tips(keys)).toHaveCount(0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("End");
  await expect(tips(keys)).toHaveCount(0);
  await keys.locator('button[data-action="play"]').focus();
  await page.keyboard.press("End");
  await expect(tips(keys)).toHaveCount(2);
  await page.keyboard.press("ArrowLeft");
  await expect(tips(keys)).not.toHaveCount(2);
  const beyond = await addElement(page, { id: "beyond", qos: "1", step: "99" }, { prepend: true });
  await expect(tips(beyond)).toHaveCount(2); // past the last step: the end
});

test("the links' names work as attributes too: publishQos, faults, subscriber.qos, timing.*", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await serve(page, '<script src="/mqtt-qos-handshake.iife.js"></script>');
  const el = await addElement(page, { id: "linked", publishQos: "2", faults: "PUBREC" }, { prepend: true });
  await expect(el.locator('.seq-arrow[data-packet="PUBREC"].is-lost')).toHaveCount(1);
  await expect(el.locator("[data-verdict]")).toHaveAttribute("data-verdict", "once");
  // Changing a link-named attribute redraws (the element observes it under its lowercased name).
  await el.evaluate((e) => e.setAttribute("faults", "PUBLISH"));
  await expect(el.locator('.seq-arrow[data-packet="PUBLISH"].is-lost')).toHaveCount(1);
  await el.evaluate((e) => e.setAttribute("subscriber.qos", "1"));
  await expect(el.locator(".seq-lane-subscriber")).toHaveCount(1);
  await el.evaluate((e) => e.setAttribute("publishQos", "7"));
  await expect(el.locator('[role="alert"]')).toContainText("publishQos: expected one of 0, 1, 2; got 7");
});
