import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { readCompare } from "../src/share/compareParam.ts";
import { scenarioFor } from "../src/sim/compare.ts";
import { runScenario } from "../src/sim/runScenario.ts";
import { parseScenarioOrThrow } from "../src/sim/scenario.ts";
import { stepsOf } from "../src/sim/steps.ts";
import type { Trace } from "../src/sim/types.ts";
import { instantsOf } from "../src/ui/playbackModel.ts";
import { expect, test } from "./fixtures.ts";
import { ComparePage } from "./pages/compare-page.ts";

/** The arrows' label-in-name rule fails on the main page too (see accessibility.spec.ts). */
const LABEL_IN_NAME = "label-content-name-mismatch";

/** QoS 1 over two hops; the first PUBLISH and the subscriber's PUBACK are lost. */
const LINK = "publishQos=1&subscriber.qos=1&faults=PUBLISH,broker-subscriber/PUBACK";
const SCENARIO = parseScenarioOrThrow({
  publishQos: 1,
  subscriber: { qos: 1 },
  faults: [
    { hop: "publisher-broker", packet: "PUBLISH" },
    { hop: "broker-subscriber", packet: "PUBACK" },
  ],
});

/** What the simulator says for each column of a `compare` value. */
function expectedTraces(columns: string): Trace[] {
  return readCompare("compare", columns).setups.map((setup) => runScenario(scenarioFor(SCENARIO, setup)));
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).disableRules([LABEL_IN_NAME]).analyze();
  return results.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

test.describe("compare mode", () => {
  test("Compare opens QoS 0, 1 and 2 under the loss on screen, each with the simulator's verdict", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto(`/?${LINK}`);
    await expect(page.getByTestId("diagram")).toBeVisible();
    const compare = new ComparePage(page);
    await compare.toggle.click();
    await expect(compare.toggle).toHaveAttribute("aria-pressed", "true");
    await compare.expectColumns(["QoS 0", "QoS 1", "QoS 2"]);

    const traces = expectedTraces("0,1,2");
    const expected = traces.map((t) => t.outcome.messages.map((m) => m.verdict as string));
    await expect.poll(() => compare.verdicts()).toEqual(expected);
    // The three verdicts differ: not processed, twice, once.
    expect(new Set(expected.map((v) => v.join()))).toEqual(new Set(["lost", "duplicated", "once"]));

    // The second hop's PUBACK: lost under QoS 1, not in the set-up of QoS 0 and QoS 2.
    const fates = (n: number) => compare.column(n).getByTestId("compare.fault");
    await expect(fates(1).nth(1)).toHaveAttribute("data-status", "not-in-setup");
    await expect(fates(1).nth(1)).toContainText("not in this set-up");
    await expect(fates(2).nth(1)).toHaveAttribute("data-status", "lost");
    await expect(fates(3).nth(1)).toHaveAttribute("data-status", "not-in-setup");
    await expect(page).toHaveURL(/compare=0,1,2/);

    // Leaving keeps the scenario: its single diagram and verdict are back.
    await compare.leave.click();
    await expect(compare.root).toHaveCount(0);
    await expect(page.getByTestId("verdict").locator("[data-verdict]")).toHaveAttribute(
      "data-verdict",
      "duplicated",
    );
    await expect(page).not.toHaveURL(/compare=/);
    await expect(page).toHaveURL(/faults=PUBLISH,broker-subscriber\/PUBACK/);
  });

  test("one playback bar steps every column through the same simulated time", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto(`/?${LINK}&compare=0,1,2&t=0`);
    const compare = new ComparePage(page);
    await compare.expectColumns(["QoS 0", "QoS 1", "QoS 2"]);
    const traces = expectedTraces("0,1,2");
    const instants = instantsOf(traces.flatMap((t) => stepsOf(t).map((s) => s.t)).sort((a, b) => a - b));
    await expect(compare.step).toHaveText(`Step 1 of ${instants.length}`);

    // A column draws an arrow once playback is past its sending (at it, at the latest).
    const bounds = (time: number) =>
      traces.map((trace) => {
        const sent = trace.events.filter((e) => e.type === "packet");
        return [sent.filter((e) => e.t < time).length, sent.filter((e) => e.t <= time).length];
      });
    for (let n = 2; n <= Math.min(instants.length, 12); n++) {
      await compare.next.click();
      await expect(compare.step).toHaveText(`Step ${n} of ${instants.length}`);
      const time = await compare.time();
      expect(time).toBeCloseTo(instants[n - 1] as number, 3);
      const counts = await compare.arrowCounts();
      bounds(time).forEach(([least, most], i) => {
        expect(counts[i]).toBeGreaterThanOrEqual(least as number);
        expect(counts[i]).toBeLessThanOrEqual(most as number);
      });
    }
    // The keys drive the same bar: End shows every column finished.
    await page.keyboard.press("End");
    await expect(compare.step).toHaveText(`Step ${instants.length} of ${instants.length}`);
    const totals = traces.map((t) => t.events.filter((e) => e.type === "packet").length);
    await expect.poll(() => compare.arrowCounts()).toEqual(totals);
  });

  test("a column's set-up round-trips through the URL, Back brings compare back, a bad value is named", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto(`/?${LINK}&compare=0,1,2`);
    const compare = new ComparePage(page);
    await compare.expectColumns(["QoS 0", "QoS 1", "QoS 2"]);
    await compare.column(2).getByTestId("compare.qos").selectOption("2");
    await compare.column(2).getByTestId("compare.session").selectOption("clean");
    await compare.expectColumns(["QoS 0", "QoS 2 · clean session", "QoS 2"]);
    await expect(page).toHaveURL(/compare=0,2-clean,2/);
    const expected = expectedTraces("0,2-clean,2").map((t) =>
      t.outcome.messages.map((m) => m.verdict as string),
    );
    await expect.poll(() => compare.verdicts()).toEqual(expected);

    await compare.column(1).getByTestId("compare.remove").click();
    await compare.expectColumns(["QoS 2 · clean session", "QoS 2"]);
    await expect(page).toHaveURL(/compare=2-clean,2(&|$)/);
    await page.reload();
    await compare.expectColumns(["QoS 2 · clean session", "QoS 2"]);
    await compare.add.click();
    await compare.expectColumns(["QoS 2 · clean session", "QoS 2", "QoS 0"]);

    await compare.leave.click();
    await expect(compare.root).toHaveCount(0);
    await page.goBack();
    await compare.expectColumns(["QoS 2 · clean session", "QoS 2", "QoS 0"]);
    // The single diagram's tab leaves compare mode too; Compare opens it again.
    await page.getByTestId("view.diagram").click();
    await expect(compare.root).toHaveCount(0);
    await expect(compare.toggle).toHaveAttribute("aria-pressed", "false");
    await compare.toggle.click();
    await compare.expectColumns(["QoS 0", "QoS 1", "QoS 2"]);

    await page.goto(`/?${LINK}&compare=0,7`);
    await expect(page.getByTestId("url-notice")).toContainText(
      'compare: "7" is not a set-up; expected 2 or 3',
    );
    await compare.expectColumns(["QoS 0", "QoS 1", "QoS 2"]);
  });

  test("the embed shows compare mode, with its verdicts and a link that keeps it", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto(`/embed.html?${LINK}&compare=0,1,2&controls=full&t=0`);
    const compare = new ComparePage(page);
    await compare.expectColumns(["QoS 0", "QoS 1", "QoS 2"]);
    const expected = expectedTraces("0,1,2").map((t) => t.outcome.messages.map((m) => m.verdict as string));
    await expect.poll(() => compare.verdicts()).toEqual(expected);
    await expect(page.getByTestId("embed.open")).toHaveAttribute("href", /compare=0,1,2/);
    await compare.next.click();
    await expect(compare.step).toHaveText(/^Step 2 of \d+$/);
    // Full controls: dropping a packet in one column changes the plan of all three.
    await page.keyboard.press("End");
    await compare
      .column(2)
      .getByRole("button", { name: /^PUBACK, message 1, attempt 1, broker to publisher/ })
      .click();
    await expect(compare.column(1).getByTestId("compare.fault")).toHaveCount(3);
    await expect(compare.column(2).getByTestId("compare.fault")).toHaveCount(3);

    await page.goto(`/embed.html?${LINK}&compare=1,2&controls=none`);
    await compare.expectColumns(["QoS 1", "QoS 2"]);
    await expect(compare.root.getByTestId("playback")).toHaveCount(0);
    await expect(compare.root.getByTestId("compare.qos")).toHaveCount(0);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`no axe violations in compare mode (${colorScheme})`, async ({ page, consoleErrors }) => {
      void consoleErrors;
      await page.emulateMedia({ colorScheme });
      await page.goto(`/?${LINK}&compare=0,1-clean,2`);
      const compare = new ComparePage(page);
      await compare.expectColumns(["QoS 0", "QoS 1 · clean session", "QoS 2"]);
      await expect(compare.columns.locator("[data-verdict]")).toHaveCount(3);
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`/embed.html?${LINK}&compare=0,1,2&controls=full&theme=${colorScheme}`);
      await compare.expectColumns(["QoS 0", "QoS 1", "QoS 2"]);
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  test("in presentation mode the comparison fills the window, clicker keys step every column, '.' reveals the verdicts", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`/?${LINK}&compare=0,1,2&present=1`);
    const compare = new ComparePage(page);
    await compare.expectColumns(["QoS 0", "QoS 1", "QoS 2"]);
    await expect(page.getByTestId("compare")).toHaveAttribute("data-presenting", "true");
    await expect(page.getByTestId("present.bar")).toBeVisible();
    // The verdicts wait for the trainer.
    await expect.poll(() => compare.verdicts()).toEqual([[], [], []]);
    await page.keyboard.press("Home");
    const start = await compare.time();
    await page.keyboard.press("PageDown");
    await expect.poll(() => compare.time()).toBeGreaterThan(start);
    await page.keyboard.press(".");
    const expected = expectedTraces("0,1,2").map((t) => t.outcome.messages.map((m) => m.verdict as string));
    await expect.poll(() => compare.verdicts()).toEqual(expected);
    await page.getByTestId("present.exit").click();
    await expect(page.getByTestId("compare")).not.toHaveAttribute("data-presenting", "true");
    await expect(page.getByTestId("compare.present")).toBeVisible();
  });
});
