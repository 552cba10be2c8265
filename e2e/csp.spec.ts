import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Download, Page } from "@playwright/test";
import { expect, LabPage, test } from "./fixtures.ts";
import { ExplorerView, StatisticsView, Views } from "./pages/lab-page.ts";
import { serveDirs } from "./serve-static.ts";

/**
 * The pages under their own Content-Security-Policy (scripts/csp.ts): the app's views, the worker
 * and the exports, the embed and the offline file (file://) run with no violation; an injected
 * inline script is refused; markup typed as a topic or payload shows as text; the embed's and the
 * element's messages to their host carry only what src/embed/README.md and src/element/README.md
 * say. The offline file and the element are built by `npm run test:e2e` (scripts/e2e.mjs).
 */
const OFFLINE_HTML = fileURLToPath(new URL("../dist-offline/mqtt-qos-lab.html", import.meta.url));
const OFFLINE_URL = pathToFileURL(OFFLINE_HTML).href;

/** Markup a user could type as a topic or payload: must show as these very characters. */
const TOPIC = "<img src=x onerror=alert(1)>";
const PAYLOAD = "</text><script>alert(2)</script>";
const HOSTILE = { publishQos: 1, messages: [{ topic: TOPIC, payload: PAYLOAD }] };

type Recorded = { violations: string[] };

/**
 * Starts recording CSP violations: `securitypolicyviolation` events in the page and its frames,
 * and the browser's console lines about the policy (a worker's violations are told there).
 */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) fromConsole.push(message.text());
  });
  await page.addInitScript(() => {
    const record = ((window as unknown as { __csp?: Recorded }).__csp = { violations: [] as string[] });
    document.addEventListener("securitypolicyviolation", (e) =>
      record.violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile})`),
    );
  });
  return async () => {
    const inPages = await Promise.all(
      page
        .frames()
        .map((frame) =>
          frame
            .evaluate(() => (window as unknown as { __csp?: Recorded }).__csp?.violations ?? [])
            .catch(() => []),
        ),
    );
    return [...fromConsole, ...inPages.flat()];
  };
}

/** The policy the page declares; fails if it has none, so no check below passes vacuously. */
async function declaredPolicy(page: Page): Promise<string> {
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveCount(1);
  const policy = (await meta.getAttribute("content")) ?? "";
  expect(policy).toContain("default-src 'none'");
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
  return policy;
}

/** Clicks an export button and returns the file it downloads. */
async function exported(page: Page, format: "svg" | "png"): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(`export.${format}`).click(),
  ]);
  expect(await download.failure()).toBeNull();
  return download;
}

/** Injects an inline script and says whether it ran: under the policy it must not. */
function injectInlineScript(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const flag = window as unknown as { injectedRan?: boolean };
    const script = document.createElement("script");
    script.textContent = "window.injectedRan = true;";
    document.head.append(script); // an inline script that is allowed runs right here
    return flag.injectedRan === true;
  });
}

/** Every view of the lab, its worker jobs and its exports. */
async function exerciseLab(page: Page, lab: LabPage): Promise<void> {
  await lab.openTable();
  await lab.diagram.arrow("PUBLISH", 1).first().hover();
  await expect(lab.inspector.getByTestId("inspector.summary")).toContainText("PUBLISH");
  expect((await exported(page, "svg")).suggestedFilename()).toBe("mqtt-qos-sequence.svg");
  // The PNG export draws the SVG through a blob: image into a canvas.
  const png = readFileSync((await (await exported(page, "png")).path()) ?? "");
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");

  const views = new Views(page);
  await views.open("explore");
  const explorer = new ExplorerView(page);
  await explorer.explore(1);
  expect(await explorer.planCount()).toBeGreaterThan(1);
  await views.open("stats");
  const stats = new StatisticsView(page);
  await stats.runComparison({ p: 5, messages: 200, seed: 1 });
  await views.open("diagram");
}

test.describe("Content-Security-Policy", () => {
  test("the app: every view, the worker and the PNG and SVG exports run with no violation", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const violations = await watchCsp(page);
    const lab = new LabPage(page);
    await lab.goto();
    expect(await declaredPolicy(page)).toContain("script-src 'self'");
    await exerciseLab(page, lab);
    expect(await violations()).toEqual([]);
  });

  test("the embed with full controls runs with no violation", async ({ page, consoleErrors }) => {
    void consoleErrors;
    const violations = await watchCsp(page);
    await page.goto("/embed.html?publishQos=2&controls=full");
    await declaredPolicy(page);
    const diagram = page.getByTestId("diagram");
    await expect(diagram).toBeVisible();
    await diagram.getByRole("button", { name: /^PUBREC, message 1/ }).click();
    await expect(page.getByTestId("verdict").locator("[data-verdict]")).toHaveAttribute(
      "data-verdict",
      "once",
    );
    expect(await violations()).toEqual([]);
  });

  test("the offline file from file://: its hashed inline script and stylesheet run, nothing else", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    expect(existsSync(OFFLINE_HTML), `${OFFLINE_HTML} is missing: run npm run build:offline`).toBe(true);
    const violations = await watchCsp(page);
    await page.goto(OFFLINE_URL);
    const policy = await declaredPolicy(page);
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'; style-src 'sha256-/);
    expect(policy).toContain("worker-src blob:");
    const lab = new LabPage(page);
    await expect(lab.diagram.arrows.first()).toBeVisible();
    await exerciseLab(page, lab);
    expect(await violations()).toEqual([]);
  });

  // No consoleErrors fixture below: the refused script is reported on the console, as it should be.
  for (const [name, url] of [
    ["the app", "/"],
    ["the embed", "/embed.html?publishQos=1"],
    ["the offline file", OFFLINE_URL],
  ] as const) {
    test(`${name} refuses an injected inline script`, async ({ page }) => {
      const violations = await watchCsp(page);
      await page.goto(url);
      await expect(page.getByTestId("diagram")).toBeVisible();
      expect(await injectInlineScript(page)).toBe(false);
      await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src-elem blocked inline/));
    });
  }

  test("markup typed as a topic or payload shows as text in the narration and inspector, and makes no element anywhere", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const violations = await watchCsp(page);
    await page.goto(`/?scenario=${encodeURIComponent(JSON.stringify(HOSTILE))}`);
    const lab = new LabPage(page);
    await expect(lab.diagram.arrows.first()).toBeVisible();

    // At the start the narration tells the publish, topic included.
    await lab.playback.seek(0);
    await expect(page.getByTestId("narration")).toContainText(TOPIC);
    await lab.playback.seek(await lab.playback.duration());
    await lab.diagram.arrow("PUBLISH", 1).first().hover();
    await expect(lab.inspector).toContainText(TOPIC);
    await expect(lab.inspector).toContainText(PAYLOAD);
    await lab.openTable(); // shows the topic as hex bytes only
    // Not one element was made of the text.
    await expect(page.locator("img, main script, body script:not([src])")).toHaveCount(0);

    // The SVG export is well-formed XML with no element made of the text (it names no topic).
    const svg = readFileSync((await (await exported(page, "svg")).path()) ?? "", "utf8");
    // Parsed in a blank page: the lab's policy would refuse the export's own <style> (a file's business).
    const blank = await page.context().newPage();
    const parsed = await blank.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      return {
        error: doc.querySelector("parsererror") !== null,
        foreign: doc.querySelectorAll("img, script, foreignObject, iframe").length,
      };
    }, svg);
    await blank.close();
    expect(parsed).toEqual({ error: false, foreign: 0 });
    expect(svg).not.toContain("<img");
    expect(svg).not.toContain("<script");

    expect(dialogs).toEqual([]);
    expect(await violations()).toEqual([]);
  });
});

test.describe("messages to the host page", () => {
  test("the embed posts only { type: 'mqtt-qos-lab:height', height }, never the scenario's text", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const src = `/embed.html?scenario=${encodeURIComponent(JSON.stringify(HOSTILE))}&controls=full`;
    // The host on the preview's origin, as in embed.spec.ts (Chromium keeps a public origin from
    // framing localhost).
    await page.route("**/__csp-host.html", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="en"><head><title>Host</title></head><body>
          <iframe id="lab" title="Lab" src="${src}"></iframe>
          <script>
            window.received = [];
            addEventListener("message", (e) => window.received.push(e.data));
          </script></body></html>`,
      }),
    );
    await page.goto("/__csp-host.html");
    const frame = page.frameLocator("#lab");
    await expect(frame.getByTestId("diagram")).toBeVisible();
    // A drop changes what the embed shows, and so maybe its height: whatever it posts then, too.
    // By keyboard: in a 300 px frame the drawing is scaled to fit, and the middle of the PUBACK's
    // box (where a click lands) lies under the PUBLISH's label.
    await frame.getByRole("button", { name: /^PUBACK, message 1/ }).press("Enter");
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received.length))
      .toBeGreaterThan(0);
    const received = await page.evaluate(() => (window as unknown as { received: unknown[] }).received);
    for (const message of received) {
      expect(Object.keys(message as object).sort()).toEqual(["height", "type"]);
      expect(message).toEqual({ type: "mqtt-qos-lab:height", height: expect.any(Number) as unknown });
      const { height } = message as { height: number };
      expect(Number.isInteger(height) && height > 0).toBe(true);
    }
    expect(JSON.stringify(received)).not.toContain("img");
  });

  test("the element posts nothing and dispatches no event to its page", async ({ page, consoleErrors }) => {
    void consoleErrors;
    const ORIGIN = "http://element.test";
    await serveDirs(page, ORIGIN, ["dist-element"]);
    // Every event dispatched by script and every postMessage, whoever the target.
    await page.addInitScript(() => {
      const calls: string[] = [];
      (window as unknown as { calls: string[] }).calls = calls;
      const dispatch = EventTarget.prototype.dispatchEvent;
      EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
        // Playwright's own trace recorder dispatches one of its own.
        if (!event.type.startsWith("__playwright")) calls.push(`dispatchEvent ${event.type}`);
        return dispatch.call(this, event);
      };
      const post = window.postMessage.bind(window);
      window.postMessage = ((...args: Parameters<typeof window.postMessage>) => {
        calls.push("postMessage");
        post(...(args as [unknown, string]));
      }) as typeof window.postMessage;
    });
    const scenario = JSON.stringify(HOSTILE).replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    await page.route(`${ORIGIN}/`, (route) =>
      route.fulfill({
        contentType: "text/html",
        // A host whose policy allows no inline style: the element's constructed stylesheet still applies.
        headers: { "Content-Security-Policy": `default-src 'none'; script-src ${ORIGIN}; style-src 'none'` },
        body: `<!doctype html><html lang="en"><head><title>Host</title></head><body>
          <mqtt-qos-handshake id="one" scenario="${scenario}" controls="full"></mqtt-qos-handshake>
          <script src="${ORIGIN}/mqtt-qos-handshake.iife.js"></script></body></html>`,
      }),
    );
    const violations = await watchCsp(page);
    await page.goto(`${ORIGIN}/`);
    const element = page.locator("#one");
    await expect(element.locator("svg.seq")).toBeVisible();
    await element.locator('.seq-arrow[data-packet="PUBACK"]').first().click();
    await expect(element.locator("[data-verdict]")).toHaveAttribute("data-verdict", "duplicated");
    // Styled by its own sheet although the host allows no style: a verdict's colour, not the text's.
    const colours = await element
      .locator(".verdict strong")
      .evaluate((strong) => [
        getComputedStyle(strong).color,
        getComputedStyle(strong.parentElement as Element).color,
      ]);
    expect(colours[0]).not.toBe(colours[1]);
    expect(await page.evaluate(() => (window as unknown as { calls: string[] }).calls)).toEqual([]);
    expect(await violations()).toEqual([]);
  });
});
