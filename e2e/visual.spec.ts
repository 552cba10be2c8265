import type { Locator, Page } from "@playwright/test";
import { expect, LabPage, test } from "./fixtures.ts";
import { mockLabServer, RECORDED_PARAMS } from "./live-mock.ts";
import { Modes } from "./pages/modes.ts";
import { serveDirs } from "./serve-static.ts";

/**
 * Visual regression: committed baselines under e2e/__screenshots__/visual.spec.ts/, compared with
 * a tolerance that survives font antialiasing (playwright.config.ts). One table of cases: a new
 * state (presentation, compare, predict…) is one more row with its own `open`. Update the
 * baselines with `CI=true npm run test:e2e -- e2e/visual.spec.ts --update-snapshots=all` (plain
 * --update-snapshots rewrites only those outside the tolerance), and look at
 * every changed PNG before committing it.
 */
type Scheme = "light" | "dark";

interface Case {
  /** The baseline's file name, without extension. */
  name: string;
  viewport: { width: number; height: number };
  scheme: Scheme;
  /** Brings the page into the pictured state and waits until everything in it is drawn. */
  open(page: Page): Promise<void>;
  /** The whole page (an embed, an element) rather than the first screen. */
  fullPage?: boolean;
  /** Only this part of the page (the set-up, a diagram), whole however tall it is. */
  part?: (page: Page) => Locator;
  /** The test's own time limit, for a page that takes long to draw (a 1,000-message link). */
  timeout?: number;
}

/** The lab as a first-time reader sees it: the opening example, the set-up folded. */
async function openLab(page: Page): Promise<void> {
  const lab = new LabPage(page);
  await lab.goto({ setupOpen: false });
  await lab.expectVerdicts("once");
  await expect(lab.statePanel).toBeVisible();
  await expect(lab.inspector).toBeVisible();
}

/**
 * Presentation mode opened from a link fills the window: with no click behind the link, a browser
 * refuses full screen. Headless Chromium sometimes grants it anyway, depending on load, so these
 * cases refuse it themselves (Modes.refuseFullscreen) and wait for the page's answer, the bar's
 * data-screen, never for time.
 */
async function expectWindowFallback(page: Page): Promise<void> {
  await expect(page.getByTestId("present.bar")).toHaveAttribute("data-screen", "window");
  await expect(page.getByTestId("present.fallback")).toBeVisible();
}

/** Presentation mode from a link: the window fallback (no click, so no full screen), verdict held back. */
async function openPresent(page: Page): Promise<void> {
  await new Modes(page).refuseFullscreen();
  await page.goto("/?present=1");
  await expectWindowFallback(page);
  await expect(page.getByTestId("diagram")).toBeVisible();
  await page.keyboard.press("End");
  await expect(page.getByTestId("present.reveal")).toHaveAttribute("aria-pressed", "false");
}

/** Predict mode at its question: stepped from t = 0 until the room is asked. */
async function openPredict(page: Page): Promise<void> {
  await page.goto("/?predict=1");
  await expect(page.getByTestId("diagram")).toBeVisible();
  const question = page.getByTestId("predict.question");
  for (let i = 0; i < 60 && !(await question.isVisible()); i++) await page.keyboard.press("PageDown");
  await expect(question).toBeVisible();
}

/** Compare mode: QoS 0, 1 and 2 under the opening example's loss, at the end, verdicts shown. */
async function openCompare(page: Page): Promise<void> {
  await page.goto("/?compare=0,1,2");
  await expect(page.getByTestId("compare.label")).toHaveCount(3);
  await page.keyboard.press("End");
  await expect(page.getByTestId("compare").locator("[data-verdict]")).toHaveCount(3);
}

/**
 * Compare mode by broker profile, the longest names side by side: a long profile name (RabbitMQ 3.x
 * (MQTT plugin)) heads its column on lines of its own, the controls level in every column.
 */
async function openCompareProfiles(page: Page): Promise<void> {
  await page.goto("/?compare=2-persistent-rabbitmq-3,2-clean-hivemq-ce,2-aws-iot-core");
  await expect(page.getByTestId("compare.label").first()).toHaveText(
    "QoS 2 · persistent session · RabbitMQ 3.x (MQTT plugin)",
  );
  await page.keyboard.press("End");
  await expect(page.getByTestId("compare").locator("[data-verdict]")).toHaveCount(3);
}

/**
 * A 1,000-message link, its whole layout in: the verdict's one line of counts, the rows folded
 * under it, and the diagram on the first screen.
 */
async function openLongLink(page: Page): Promise<void> {
  await page.goto("/?publishQos=2&subscriber.qos=2&messages=1000");
  const diagram = page.getByTestId("diagram");
  await expect(diagram).toHaveAttribute("data-arrows", "8000", { timeout: 120_000 });
  await expect(diagram).not.toHaveAttribute("data-part", /./, { timeout: 120_000 });
  await expect(page.getByTestId("verdict.summary")).toBeVisible();
  const lab = new LabPage(page);
  await expect(lab.statePanel).toBeVisible();
  await expect(lab.inspector).toBeVisible();
}

const EMBED = "/embed.html?publishQos=1&faults=PUBACK&controls=playback";
async function openEmbed(page: Page): Promise<void> {
  await page.goto(EMBED);
  await expect(page.getByTestId("diagram").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("verdict")).toBeVisible();
}

/** A docs page with the custom element (dist-element/, built by `npm run test:e2e`). */
const ELEMENT_ORIGIN = "http://element.test";
async function openElement(page: Page): Promise<void> {
  await serveDirs(page, ELEMENT_ORIGIN, ["dist-element"]);
  await page.route(`${ELEMENT_ORIGIN}/`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs page</title>
        <meta name="color-scheme" content="light dark">
        <style>body { margin: 0; padding: 8px; font-family: system-ui, sans-serif; }</style></head>
        <body><mqtt-qos-handshake qos="1" drop="PUBACK" controls="playback"></mqtt-qos-handshake>
        <script src="/mqtt-qos-handshake.iife.js"></script></body></html>`,
    }),
  );
  await page.goto(`${ELEMENT_ORIGIN}/`);
  const element = page.locator("mqtt-qos-handshake");
  await expect(element.locator("svg").first()).toBeVisible();
  await expect(element.locator(".verdict").first()).toBeVisible();
}

/** A lesson's predict step at its question (lessons/pump-duplicate.json step 2); presented: room mode. */
async function openLessonPredict(page: Page, present: boolean): Promise<void> {
  if (present) await new Modes(page).refuseFullscreen();
  await page.goto(`/?view=lessons&lesson=pump-duplicate&step=2${present ? "&present=1" : ""}`);
  if (present) await expectWindowFallback(page);
  await expect(page.getByTestId(present ? "room" : "lesson.choices")).toBeVisible();
  await expect(page.locator(".lesson-diagram svg.seq")).toBeVisible();
}

/** A lesson's task (lessons/temperature-qos0.json step 4): the goal, the locked form, the whole diagram. */
async function openLessonTask(page: Page, present: boolean): Promise<void> {
  if (present) await new Modes(page).refuseFullscreen();
  await page.goto(`/?view=lessons&lesson=temperature-qos0&step=4${present ? "&present=1" : ""}`);
  if (present) await expectWindowFallback(page);
  await expect(page.getByTestId("lesson.goal.status")).toHaveText("Your goal:");
  await expect(page.getByTestId("setup.hops")).toBeDisabled();
  await expect(page.locator(".lesson-diagram svg.seq")).toBeVisible();
}

/** The Live view after a run recorded from the embedded Aedes (e2e/live-mock.ts), its differences listed. */
async function openLive(page: Page): Promise<void> {
  await mockLabServer(page);
  await page.goto(`/?view=live&${RECORDED_PARAMS}`);
  await expect(page.getByTestId("live.status")).toHaveText("Ready.");
  await page.getByTestId("live.run").click();
  await expect(page.getByTestId("live.result")).toBeVisible();
  await expect(page.getByTestId("live.real").locator("svg.seq")).toBeVisible();
  await expect(page.getByTestId("live.model").locator("svg.seq")).toBeVisible();
}

/** The Live view of a build served without the lab server: how to start it. */
async function openLiveStatic(page: Page): Promise<void> {
  await page.goto("/?view=live");
  await expect(page.getByTestId("live.needs-server")).toBeVisible();
}

/** A real-world preset (issue 14) with "More: real-world conditions" open, at the end of its run. */
async function openRealWorld(page: Page, preset: string): Promise<void> {
  const lab = new LabPage(page);
  await lab.goto();
  await lab.choosePreset(preset);
  await page.getByTestId("setup.more").click();
  await expect(page.getByTestId("setup.profiles")).toBeVisible();
  // The whole run drawn (End is the page's shortcut), with no focus ring left on the way.
  await page.getByTestId("diagram").getByRole("button").first().focus();
  await page.keyboard.press("End");
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expect(page.getByTestId("verdict")).toBeVisible();
}

const SCHEMES: Scheme[] = ["light", "dark"];

const CASES: Case[] = [
  ...[
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ].flatMap((viewport) =>
    SCHEMES.map((scheme) => ({
      name: `lab-${viewport.width}x${viewport.height}-${scheme}`,
      viewport,
      scheme,
      open: openLab,
    })),
  ),
  ...SCHEMES.flatMap((scheme): Case[] => [
    {
      name: `present-1920x1080-${scheme}`,
      viewport: { width: 1920, height: 1080 },
      scheme,
      open: openPresent,
    },
    { name: `predict-1280x720-${scheme}`, viewport: { width: 1280, height: 720 }, scheme, open: openPredict },
    {
      name: `compare-1920x1080-${scheme}`,
      viewport: { width: 1920, height: 1080 },
      scheme,
      open: openCompare,
    },
    { name: `compare-1280x720-${scheme}`, viewport: { width: 1280, height: 720 }, scheme, open: openCompare },
    ...[
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ].map((viewport): Case => ({
      name: `compare-profiles-${viewport.width}x${viewport.height}-${scheme}`,
      viewport,
      scheme,
      open: openCompareProfiles,
    })),
    {
      name: `long-link-1280x720-${scheme}`,
      viewport: { width: 1280, height: 720 },
      scheme,
      open: openLongLink,
      timeout: 240_000,
    },
    {
      name: `compare-profiles-360-${scheme}`,
      viewport: { width: 360, height: 800 },
      scheme,
      open: openCompareProfiles,
      part: (page) => page.getByTestId("compare.column").first().locator("header"),
    },
    {
      name: `live-1280-${scheme}`,
      viewport: { width: 1280, height: 800 },
      scheme,
      open: openLive,
      fullPage: true,
    },
    {
      name: `live-360-${scheme}`,
      viewport: { width: 360, height: 800 },
      scheme,
      open: openLive,
      fullPage: true,
    },
    {
      name: `live-static-360-${scheme}`,
      viewport: { width: 360, height: 800 },
      scheme,
      open: openLiveStatic,
    },
  ]),
  ...SCHEMES.flatMap((scheme): Case[] =>
    (["predict", "task"] as const).flatMap((kind): Case[] => {
      const open = kind === "predict" ? openLessonPredict : openLessonTask;
      return [
        {
          name: `lesson-${kind}-present-1920x1080-${scheme}`,
          viewport: { width: 1920, height: 1080 },
          scheme,
          open: (page) => open(page, true),
        },
        {
          name: `lesson-${kind}-360-${scheme}`,
          viewport: { width: 360, height: 800 },
          scheme,
          open: (page) => open(page, false),
          fullPage: true,
        },
      ];
    }),
  ),
  ...SCHEMES.flatMap((scheme): Case[] => [
    ...[
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
      { width: 360, height: 800 },
    ].map((viewport): Case => ({
      name: `setup-more-${viewport.width}-${scheme}`,
      viewport,
      scheme,
      open: (page) => openRealWorld(page, "will-dead-sensor"),
      part: (page) => page.locator("details.setup-details"),
    })),
    {
      name: `diagram-broker-crash-1280x720-${scheme}`,
      viewport: { width: 1280, height: 720 },
      scheme,
      open: (page) => openRealWorld(page, "broker-crash-loses-qos2"),
      part: (page) => page.getByTestId("diagram"),
    },
  ]),
  ...[640, 400].flatMap((width) =>
    SCHEMES.flatMap((scheme): Case[] => [
      {
        name: `embed-${width}-${scheme}`,
        viewport: { width, height: 800 },
        scheme,
        open: openEmbed,
        fullPage: true,
      },
      {
        name: `element-${width}-${scheme}`,
        viewport: { width, height: 800 },
        scheme,
        open: openElement,
        fullPage: true,
      },
    ]),
  ),
];

for (const c of CASES) {
  test(`looks as approved: ${c.name}`, async ({ page, consoleErrors }) => {
    void consoleErrors;
    if (c.timeout) test.setTimeout(c.timeout);
    await page.setViewportSize(c.viewport);
    await page.emulateMedia({ colorScheme: c.scheme, reducedMotion: "reduce" });
    await c.open(page);
    await page.mouse.move(0, 0);
    if (c.part) await expect(c.part(page)).toHaveScreenshot(`${c.name}.png`);
    else await expect(page).toHaveScreenshot(`${c.name}.png`, { fullPage: c.fullPage ?? false });
  });
}
