/**
 * Big inputs through the page's import control: a file at the format's limits (100,000 messages,
 * 1,000 faults) is simulated in the worker with progress, the page stays usable meanwhile, and it
 * says what it did (a summary instead of a diagram too large to draw); Cancel keeps the scenario
 * on screen; a mid-sized file (above the page's own run weight) still goes to the worker and gets
 * its diagram. No timings are asserted, only outcomes.
 */
import { writeFileSync } from "node:fs";
import type { Page, TestInfo } from "@playwright/test";
import { MAX_DRAWN_PACKETS } from "../src/diagram/drawLimit.ts";
import { DIRECT_RUN_WEIGHT } from "../src/export/bigInput.ts";
import { limitScenario } from "../src/sim/limits.testing.ts";
import { MAX_FAULTS, MAX_MESSAGES } from "../src/sim/scenarioSchema.ts";
import { expect, test } from "./fixtures.ts";

// A busy two-core machine may take a minute or more for the limit; the verdict never depends on it.
const LONG = 240_000;
const n = (x: number) => x.toLocaleString("en-US");

function writeScenario(testInfo: TestInfo, name: string, scenario: unknown): string {
  const path = testInfo.outputPath(name);
  writeFileSync(path, JSON.stringify(scenario));
  return path;
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.getByTestId("import.file").setInputFiles(path);
}

test.describe("big input", () => {
  test.setTimeout(LONG + 60_000);

  test("a 100,000-message file is simulated off the page and summarised, not drawn", async ({
    lab,
    page,
  }, testInfo) => {
    const path = writeScenario(testInfo, "limit.json", limitScenario());
    await importFile(page, path);
    const status = page.getByTestId("big-run");
    await expect(status).toHaveAttribute("data-status", "running");
    // The page answers while the worker runs: the set-up form opens and closes, the table opens.
    await lab.openTable();
    await expect(page.getByTestId("trace.table")).toBeVisible();

    await expect(status).toHaveAttribute("data-status", "done", { timeout: LONG });
    await expect(status).toContainText(`Simulated limit.json: ${n(MAX_MESSAGES)} messages`);
    const summary = page.getByTestId("big-trace");
    await expect(summary).toBeVisible();
    const packets = 4 * MAX_MESSAGES + 4 * MAX_FAULTS;
    await expect(page.getByTestId("big-trace.reason")).toContainText(
      `the diagram would have ${n(packets)} packets, more than the ${n(MAX_DRAWN_PACKETS)}`,
    );
    const counts = page.getByTestId("big-trace.counts");
    await expect(counts.locator('[data-verdict="once"]')).toHaveAttribute("data-count", String(MAX_MESSAGES));
    await expect(counts.locator('[data-verdict="lost"]')).toHaveAttribute("data-count", "0");
    // No diagram is laid out; the table lists every event (rendering only those on screen).
    await expect(page.locator("[data-arrows]")).toHaveCount(0);
    await expect(page.getByTestId("trace.table")).toHaveAttribute("data-rows", /^\d{6,}$/);
    // The exports are offered: text ones work, the pictures say why not.
    await expect(page.getByTestId("export.svg")).toBeDisabled();
    await expect(page.getByTestId("export.json")).toBeEnabled();
    const download = page.waitForEvent("download", { timeout: LONG });
    await page.getByTestId("export.mermaid").click();
    expect((await download).suggestedFilename()).toBe("mqtt-qos-sequence.mmd");
  });

  test("Cancel keeps the scenario on screen", async ({ lab, page }, testInfo) => {
    const before = await page.locator("[data-arrows]").getAttribute("data-arrows");
    await lab.expectVerdicts("once");
    await importFile(page, writeScenario(testInfo, "limit.json", limitScenario()));
    await expect(page.getByTestId("big-run.progress")).toBeVisible();
    await page.getByTestId("big-run.cancel").click();
    await expect(page.getByTestId("big-run")).toHaveAttribute("data-status", "cancelled");
    await expect(page.getByTestId("big-run")).toContainText("the scenario on screen stays");
    await expect(page.locator("[data-arrows]")).toHaveAttribute("data-arrows", before ?? "");
    await lab.expectVerdicts("once");
  });

  test("a file above the page's run weight goes through the worker and is drawn", async ({
    lab,
    page,
  }, testInfo) => {
    await lab.expectVerdicts("once");
    // Above DIRECT_RUN_WEIGHT (run in the worker), well below MAX_DRAWN_PACKETS (drawn).
    const messages = DIRECT_RUN_WEIGHT + 500;
    const path = writeScenario(testInfo, "big.json", limitScenario(messages, 10));
    await importFile(page, path);
    await expect(page.getByTestId("big-run")).toHaveAttribute("data-status", "done", { timeout: LONG });
    await expect(page.locator("[data-arrows]")).toHaveAttribute("data-arrows", String(4 * messages + 4 * 10));
    await expect(page.getByTestId("big-trace")).toHaveCount(0);
  });

  test("a file at the page's run weight runs on the page, without the worker, and is drawn", async ({
    lab,
    page,
  }, testInfo) => {
    await lab.expectVerdicts("once");
    // Messages and faults add up to DIRECT_RUN_WEIGHT: the most the page runs itself.
    const messages = DIRECT_RUN_WEIGHT - 10;
    await importFile(page, writeScenario(testInfo, "page.json", limitScenario(messages, 10)));
    await expect(page.locator("[data-arrows]")).toHaveAttribute(
      "data-arrows",
      String(4 * messages + 4 * 10),
      {
        timeout: LONG,
      },
    );
    await expect(page.getByTestId("big-run")).toHaveCount(0);
  });

  test("a bad big file is named with its problems and changes nothing", async ({ lab, page }, testInfo) => {
    const scenario = { ...limitScenario(5000, 0), publishQos: 3 };
    await importFile(page, writeScenario(testInfo, "bad.json", scenario));
    const status = page.getByTestId("big-run");
    await expect(status).toHaveAttribute("data-status", "problems", { timeout: LONG });
    await expect(status).toContainText("bad.json: publishQos: expected one of 0, 1, 2; got 3");
    await lab.expectVerdicts("once");
  });
});
