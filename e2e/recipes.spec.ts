import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { LAB_ORIGIN, ROOT, serveDirs, serveLab } from "./serve-static.ts";

/**
 * The README's recipes for documentation sites, built by their real tools (scripts/recipes.mjs,
 * run by `npm run test:e2e` before Playwright): Docusaurus 3 (MDX), VitePress 1 and MkDocs.
 * Each built site is served from disk under a made-up origin; any request to another origin
 * (a CDN, a font) is refused and fails the test, so the recipes work in a room without internet.
 */
const DOCS = "http://docs.test";

/** Serves a built site; returns the list of requests that tried to leave it. */
async function serveSite(page: Page, builtDir: string, baseURL: string): Promise<string[]> {
  const dir = join(ROOT, builtDir);
  expect(existsSync(join(dir, "index.html")), `${builtDir} is not built: run npm run build:recipes`).toBe(
    true,
  );
  const escaped: string[] = [];
  // Registered first, so it runs last: whatever the site and the lab do not answer.
  await page.route("**/*", async (route) => {
    escaped.push(route.request().url());
    await route.abort();
  });
  await serveDirs(page, DOCS, [dir]);
  await serveLab(page, baseURL);
  return escaped;
}

/** The element drew its diagram and states the verdict the protocol gives. */
async function expectHandshake(element: Locator, verdict: string): Promise<void> {
  await element.scrollIntoViewIfNeeded(); // an autoplaying element waits until it is in view
  await expect(element.locator("svg.seq")).toBeVisible();
  await expect(element.locator("svg.seq .seq-arrow").first()).toBeVisible();
  await expect(element.locator("[data-verdict]").first()).toHaveAttribute("data-verdict", verdict);
}

/** The autoplaying element draws its arrows one after another. */
async function expectAnimates(element: Locator): Promise<void> {
  await element.scrollIntoViewIfNeeded();
  const tips = element.locator(".seq-arrow .seq-tip");
  const counts = new Set<number>();
  await expect
    .poll(async () => {
      counts.add(await tips.count());
      return counts.size;
    })
    .toBeGreaterThan(1);
}

/** The lane labels' ink inside an element: dark text on a light theme, light text on a dark one. */
function ink(element: Locator): Promise<string> {
  return element
    .locator(".seq-lane text")
    .first()
    .evaluate((t) => getComputedStyle(t).fill);
}

for (const site of [
  {
    name: "Docusaurus (MDX)",
    built: "recipes/docusaurus/build",
    next: "Sensor readings",
    // What the site's colour-mode toggle does to the page.
    darkMode: () => document.documentElement.setAttribute("data-theme", "dark"),
  },
  {
    name: "VitePress",
    built: "recipes/vitepress/docs/.vitepress/dist",
    next: "Sensor readings",
    darkMode: () => document.documentElement.classList.add("dark"),
  },
]) {
  test(`${site.name} recipe: the elements render, animate and survive client-side navigation`, async ({
    page,
    consoleErrors,
    baseURL,
  }) => {
    void consoleErrors; // the fixture fails the test on any console error (hydration ones too)
    const escaped = await serveSite(page, site.built, baseURL!);
    await page.goto(`${DOCS}/`);
    const elements = page.locator("mqtt-qos-handshake");
    await expect(elements).toHaveCount(2);
    // The server-rendered tags keep their attributes through hydration.
    await expect(elements.first()).toHaveAttribute("drop", "PUBREC");
    await expectHandshake(elements.nth(0), "once");
    await expectHandshake(elements.nth(1), "duplicated");
    await expect(elements.nth(0).locator('.seq-arrow[data-packet="PUBREC"].is-lost')).toHaveCount(1);
    await expect(elements.nth(0).locator('button[data-action="play"]')).toBeVisible();
    await expectAnimates(elements.nth(1));

    // The site's dark mode turns the elements (theme="auto") dark with it.
    await expect.poll(() => ink(elements.first())).toBe("rgb(27, 36, 48)");
    await page.evaluate(site.darkMode);
    await expect.poll(() => ink(elements.first())).toBe("rgb(231, 236, 243)");

    // A page reached by the site's own router: the framework creates the element, which upgrades.
    await page.getByRole("link", { name: site.next }).first().click();
    await expect(page).toHaveURL(/sensor-readings/);
    await expect(elements).toHaveCount(1);
    await expectHandshake(elements.first(), "lost");
    await page.goBack();
    await expect(elements).toHaveCount(2);
    await expectHandshake(elements.nth(1), "duplicated");
    expect(escaped, "requests to other origins").toEqual([]);
  });
}

test("MkDocs recipe: the iframe shows the embed, sized to its content", async ({
  page,
  consoleErrors,
  baseURL,
}) => {
  void consoleErrors;
  const escaped = await serveSite(page, "recipes/mkdocs/site", baseURL!);
  await page.goto(`${DOCS}/`);
  const iframe = page.locator(`iframe[src^="${LAB_ORIGIN}/embed.html"]`);
  await expect(iframe).toHaveCount(1);
  const embed = page.frameLocator(`iframe[src^="${LAB_ORIGIN}/embed.html"]`);
  await expect(embed.getByTestId("diagram")).toBeVisible();
  await expect(embed.locator('.seq-arrow[data-packet="PUBREC"].is-lost')).toHaveCount(1);
  await expect(embed.getByTestId("verdict").locator("[data-verdict]")).toHaveAttribute(
    "data-verdict",
    "once",
  );
  // The recipe's script (extra_javascript) sets the height the embed reports: no inner scrolling.
  await expect
    .poll(async () => {
      const frame = page.frames().find((f) => f.url().startsWith(`${LAB_ORIGIN}/embed.html`));
      if (!frame) return Infinity;
      const inner = await frame.evaluate(() => document.documentElement.scrollHeight);
      const outer = await iframe.evaluate((f: HTMLIFrameElement) => f.clientHeight);
      return Math.abs(inner - outer);
    })
    .toBeLessThanOrEqual(1);
  expect(Number(await iframe.getAttribute("height"))).not.toBe(520); // not the snippet's default
  // Its playback bar plays.
  const position = () => embed.getByTestId("playback.scrubber").inputValue().then(Number);
  await embed.getByTestId("playback.play").click();
  await expect(embed.getByTestId("playback.play")).toHaveAttribute("aria-pressed", "true");
  const started = await position();
  await expect.poll(position).not.toBe(started);
  expect(escaped, "requests to other origins").toEqual([]);
});
