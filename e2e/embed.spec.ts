import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

/**
 * The embed page (embed.html, src/embed/): two iframes of it on a host page served from the
 * preview server's origin via page.route, sized by the embed's height messages.
 */
const HOST = "/__embed-host.html";
const A = "/embed.html?publishQos=2&autoplay=1&loop=1&controls=playback";
const B = "/embed.html?publishQos=1&faults=PUBACK&controls=none&theme=dark";
/** The arrows' label-in-name rule fails on the main page too (see accessibility.spec.ts). */
const LABEL_IN_NAME = "label-content-name-mismatch";

const HOST_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head>
  <body style="margin:0">
    <iframe id="a" src="${A}" title="Embed A" style="width:100%;border:0"></iframe>
    <iframe id="b" src="${B}" title="Embed B" style="width:100%;border:0"></iframe>
    <div style="height:4000px"></div>
    <script>
      window.heights = { a: [], b: [] };
      addEventListener("message", (e) => {
        if (e.data?.type !== "mqtt-qos-lab:height") return;
        for (const f of document.querySelectorAll("iframe")) {
          if (f.contentWindow === e.source) {
            f.height = e.data.height;
            window.heights[f.id].push(e.data.height);
          }
        }
      });
    </script>
  </body>
</html>`;

async function openHost(page: Page) {
  await page.route(`**${HOST}`, (route) => route.fulfill({ contentType: "text/html", body: HOST_HTML }));
  await page.goto(HOST);
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).disableRules([LABEL_IN_NAME]).analyze();
  return results.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

test.describe("embed", () => {
  test("two embeds on a host page render, report their heights and play", async ({ page, consoleErrors }) => {
    void consoleErrors;
    await openHost(page);
    const a = page.frameLocator("#a");
    const b = page.frameLocator("#b");
    await expect(a.getByTestId("diagram")).toBeVisible();
    await expect(b.getByTestId("diagram")).toBeVisible();
    await expect(a.getByTestId("verdict").locator("[data-verdict]")).toHaveAttribute("data-verdict", "once");
    await expect(b.getByTestId("verdict").locator("[data-verdict]").first()).toHaveAttribute(
      "data-verdict",
      "duplicated",
    );

    // Each embed reports its height and the host sizes the iframe to it (the default is 150 px).
    for (const id of ["a", "b"] as const) {
      await expect
        .poll(() =>
          page.evaluate((frame) => {
            const element = document.getElementById(frame) as HTMLIFrameElement;
            const reported =
              (window as unknown as { heights: Record<string, number[]> }).heights[frame] ?? [];
            return reported.length > 0 && element.height === String(reported.at(-1))
              ? element.offsetHeight
              : 0;
          }, id),
        )
        .toBeGreaterThan(300);
    }
    // Not the short "loading" state first: every height reported is the drawn embed's.
    const reported = await page.evaluate(
      () => (window as unknown as { heights: Record<string, number[]> }).heights,
    );
    expect(Math.min(...reported.a!, ...reported.b!)).toBeGreaterThan(300);
    // The whole embed fits: no scrolling inside the sized iframe.
    await expect
      .poll(async () => {
        const inner = await page.frame({ url: /controls=playback/ })?.evaluate(() => ({
          scroll: document.documentElement.scrollHeight,
          client: document.documentElement.clientHeight,
        }));
        return inner ? inner.scroll - inner.client : Infinity;
      })
      .toBeLessThanOrEqual(1);

    // Autoplay (with loop) advances playback.
    await expect(a.getByTestId("playback.play")).toHaveAttribute("aria-pressed", "true");
    const position = () => a.getByTestId("playback.scrubber").inputValue().then(Number);
    const first = await position();
    await expect.poll(position).not.toBe(first);

    // controls=none: no playback bar; theme=dark: dark page and dark diagram.
    await expect(b.getByTestId("playback")).toHaveCount(0);
    await expect(b.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(b.locator("body")).toHaveCSS("background-color", "rgb(17, 20, 24)");
    await expect(b.locator("svg.seq")).toHaveCSS("background-color", /rgb\((\d|[1-4]\d), /);
    await expect(b.getByTestId("embed.open")).toHaveAttribute("href", /publishQos=1.*faults=PUBACK/);

    // Scrolled out of view: it pauses; back in view: it carries on.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(a.getByTestId("playback.play")).toHaveAttribute("aria-pressed", "false");
    await expect(a.locator(".embed-stage")).toHaveAttribute("data-playing", "false");
    const paused = await position();
    await page.waitForTimeout(300);
    expect(await position()).toBe(paused);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(a.getByTestId("playback.play")).toHaveAttribute("aria-pressed", "true");
  });

  test("a bad parameter shows a dismissible notice and the diagram still renders", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto("/embed.html?publishQos=7&theme=purple&steps=9-3&controls=full");
    const notice = page.getByTestId("url-notice");
    await expect(notice).toContainText("theme");
    await expect(notice).toContainText("steps");
    await expect(notice).toContainText("publishQos");
    await expect(page.getByTestId("diagram")).toBeVisible();
    await expect(page.getByTestId("narration")).toBeVisible();
    await page.getByTestId("url-notice.dismiss").click();
    await expect(notice).toHaveCount(0);
  });

  test("a locked step range restricts playback; full controls drop packets", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto("/embed.html?publishQos=1&controls=full&steps=2-4&t=0");
    const scrubber = page.getByTestId("playback.scrubber");
    const step = async () =>
      Number(/step (\d+) of/.exec((await scrubber.getAttribute("aria-valuetext")) ?? "")?.[1]);
    const total = Number(
      /step \d+ of (\d+)/.exec((await scrubber.getAttribute("aria-valuetext")) ?? "")?.[1],
    );
    // The range counts the trace's steps (2 to 4: from the PUBLISH's sending to its arrival); the
    // scrubber counts instants, as Next moves. Steps at the same instant as the range's last step
    // are shown with it; none after it.
    for (let i = 0; i < 8; i++) await page.getByTestId("playback.next").click();
    const end = await step();
    expect(end).toBeGreaterThanOrEqual(2);
    expect(end).toBeLessThan(total);
    await page.getByTestId("playback.next").click();
    expect(await step()).toBe(end);
    for (let i = 0; i < 8; i++) await page.getByTestId("playback.previous").click();
    expect(await step()).toBeGreaterThanOrEqual(1);
    expect(await step()).toBeLessThan(end);

    // Full controls: a click on a packet drops it.
    for (let i = 0; i < 8; i++) await page.getByTestId("playback.next").click();
    await page.getByRole("button", { name: /^PUBLISH, message 1, attempt 1/ }).click();
    await expect(
      page.getByRole("button", { name: /^PUBLISH, message 1, attempt 1[^.]*, dropped/ }),
    ).toBeVisible();
  });

  test("with controls, the playback keys work in the embed as in the app; without, they do nothing", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const scrubber = page.getByTestId("playback.scrubber");
    await page.goto("/embed.html?publishQos=2&controls=playback&t=0");
    await expect(scrubber).toHaveValue("0");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => scrubber.inputValue().then(Number)).toBeGreaterThan(0);
    await page.keyboard.press("End");
    await expect(scrubber).toHaveValue((await scrubber.getAttribute("max")) ?? "none");
    await page.keyboard.press("Home");
    await expect(page.getByTestId("playback.play")).toHaveAttribute("aria-pressed", "true");

    await page.goto("/embed.html?publishQos=2&controls=none&t=0");
    await expect(page.getByTestId("diagram")).toBeVisible();
    await page.keyboard.press("End");
    await expect(page.locator(".embed-stage")).toHaveAttribute("data-playing", "false");
    await expect(page.locator(".seq-arrow .seq-tip")).toHaveCount(0);
  });

  for (const theme of ["light", "dark"] as const) {
    test(`no axe violations on the embed page (${theme})`, async ({ page, consoleErrors }) => {
      void consoleErrors;
      await page.goto(`/embed.html?publishQos=2&faults=PUBREC&controls=full&theme=${theme}&bogus=1`);
      await expect(page.getByTestId("diagram")).toBeVisible();
      await expect(page.getByTestId("url-notice")).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  test("autoplay gives a reader who asked for reduced motion the finished diagram", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto("/embed.html?publishQos=2&autoplay=1&loop=1&controls=playback");
    await expect(page.getByTestId("diagram")).toBeVisible();
    const scrubber = page.getByTestId("playback.scrubber");
    await expect(page.getByTestId("playback.play")).toHaveAttribute("aria-pressed", "false");
    await expect(scrubber).toHaveValue((await scrubber.getAttribute("max")) ?? "none");
    await expect(page.locator(".seq-arrow")).toHaveCount(4);
  });

  test("the app copies embed code for this scenario", async ({ lab, page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await lab.loadScenario({ publishQos: 2, faults: [] });
    await page.getByTestId("copy-embed").click();
    await expect(page.getByText("Embed code copied")).toBeVisible();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    expect(code).toMatch(
      /^<iframe src="http:\/\/localhost:\d+\/embed\.html\?publishQos=2&amp;controls=playback"/,
    );
    expect(code).toContain('title="MQTT QoS handshake: ');
    expect(code).toContain("mqtt-qos-lab:height");
  });
});
