import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, LabPage, test } from "./fixtures.ts";
import { ExplorerView, StatisticsView, Views, tableData } from "./pages/lab-page.ts";

/**
 * The offline build (npm run build:offline, vite.offline.config.ts): one HTML file that works from
 * file:// with no network request, the trainer's USB stick. This spec builds nothing itself:
 * `npm run test:e2e` (scripts/e2e.mjs) runs `npm run build:offline` before Playwright.
 */
const OFFLINE_HTML = fileURLToPath(new URL("../dist-offline/mqtt-qos-lab.html", import.meta.url));
const OFFLINE_URL = pathToFileURL(OFFLINE_HTML).href;

/** URLs that load nothing from anywhere: the page's own inlined data and the inlined worker. */
function isInline(url: string): boolean {
  return url.startsWith("data:") || url.startsWith("blob:");
}

test.describe("offline: one HTML file from file://", () => {
  test("the offline file works from file:// with zero requests", async ({ page, context, consoleErrors }) => {
    void consoleErrors; // the fixture fails the test on any console error
    expect(existsSync(OFFLINE_HTML), `${OFFLINE_HTML} is missing: run npm run build:offline`).toBe(true);

    // Every request of the page and of its worker; and no network to make any.
    const requests: string[] = [];
    context.on("request", (request) => requests.push(request.url()));
    await context.setOffline(true);

    await page.goto(OFFLINE_URL);
    await expect(page).toHaveTitle("MQTT QoS Lab");
    const lab = new LabPage(page);
    await expect(lab.diagram.arrows.first()).toBeVisible();

    // A packet can be dropped, and the verdict changes.
    await lab.loadScenario({ protocol: "5.0", publishQos: 1, faults: [] });
    await lab.expectVerdicts("once");
    await lab.diagram.arrow("PUBACK", 1).click();
    await lab.expectVerdicts("duplicated");
    await expect(lab.diagram.arrow("PUBLISH", 2)).toContainText("DUP");

    // Playback.
    const { playback } = lab;
    await playback.seek(0);
    await playback.play.click();
    await playback.expectPlaying(true);
    await expect.poll(() => playback.time()).toBeGreaterThan(5);
    await playback.play.click();
    await playback.expectPlaying(false);

    // The explorer and the statistics run in the (inlined) Web Worker.
    const views = new Views(page);
    await views.open("explore");
    const explorer = new ExplorerView(page);
    await explorer.explore(2);
    await expect(explorer.invariant).toContainText("plans");
    expect(await explorer.planCount()).toBeGreaterThan(1);

    await views.open("stats");
    const stats = new StatisticsView(page);
    await stats.runComparison({ p: 5, messages: 200, seed: 1 });
    expect((await tableData(stats.table)).map((r) => r.QoS)).toEqual(["QoS 0", "QoS 1", "QoS 2"]);

    // Nothing was requested but the file itself.
    expect(requests.filter((url) => !isInline(url) && url.split(/[?#]/)[0] !== OFFLINE_URL)).toEqual([]);
    expect(requests.filter((url) => !isInline(url))).not.toEqual([]);
  });
});
