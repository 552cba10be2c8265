import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { ExplorerView, StatisticsView, Views, tableData } from "./pages/lab-page.ts";

/** "9.10 %" → 9.1 */
function percent(text: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?) %$/.exec(text ?? "");
  if (!match) throw new Error(`not a percentage: ${JSON.stringify(text)}`);
  return Number(match[1]);
}

async function openStatistics(page: Page): Promise<StatisticsView> {
  await new Views(page).open("stats");
  return new StatisticsView(page);
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}

test.describe("statistics under random loss", () => {
  test("a run waits while a field holds no usable value, and says which", async ({ lab, page }) => {
    void lab;
    const stats = await openStatistics(page);
    await stats.p.set(50);
    await expect(stats.p.error).toBeVisible();
    await expect(stats.compare.start).toBeDisabled();
    await expect(stats.compare.blocked).toHaveText("Fix Loss p first.");
    // The curve sweeps p itself: only messages and seed hold it up.
    await expect(stats.curve.start).toBeEnabled();
    await stats.seed.set("");
    await expect(stats.curve.start).toBeDisabled();
    await expect(stats.compare.blocked).toHaveText("Fix Loss p, Seed first.");
    await expect(stats.curve.blocked).toHaveText("Fix Seed first.");
    await stats.seed.set(3);
    await stats.p.set(10);
    await expect(stats.compare.start).toBeEnabled();
    await expect(stats.compare.blocked).toHaveCount(0);
    await stats.runComparison({ messages: 200 });
    await expect(stats.table).toBeVisible();
  });

  test("QoS 0 loses, QoS 1 duplicates, QoS 2 is exactly once; a seed repeats a run exactly", async ({
    lab,
    page,
  }) => {
    void lab;
    const stats = await openStatistics(page);
    // The page's set-up: two hops, persistent sessions, resend after reconnect (MQTT as written).
    await expect(page.getByTestId("stats.random")).toContainText(
      "two hops, MQTT as written (a loss breaks the connection), persistent session",
    );
    await stats.runComparison({ p: 5, messages: 1000, seed: 1 });

    const first = await tableData(stats.table);
    expect(first.map((r) => r.QoS)).toEqual(["QoS 0", "QoS 1", "QoS 2"]);
    const [qos0, qos1, qos2] = first;
    expect(qos2?.["Exactly once"]).toBe("100.00 %");
    expect(qos2?.Lost).toBe("0.00 %");
    expect(qos2?.Duplicated).toBe("0.00 %");
    expect(percent(qos0?.Lost)).toBeGreaterThan(0);
    expect(percent(qos0?.Duplicated)).toBe(0);
    expect(percent(qos1?.Duplicated)).toBeGreaterThan(0);
    expect(percent(qos1?.Lost)).toBe(0);
    await expect(page.getByRole("img", { name: /at p = 5\.00 % \(1,000 messages per QoS\)/ })).toBeVisible();

    // The same seed again: the very same numbers.
    await stats.compare.start.click();
    await expect(stats.table).toHaveCount(0);
    await expect(stats.compare.time).toBeVisible();
    expect(await tableData(stats.table)).toEqual(first);

    // Another seed: other losses, other numbers (QoS 2 still exactly once).
    await stats.runComparison({ seed: 2 });
    const other = await tableData(stats.table);
    expect(other).not.toEqual(first);
    expect(other[2]?.["Exactly once"]).toBe("100.00 %");
  });

  test("a long run (100,000 messages) can be cancelled and the page stays usable", async ({ lab, page }) => {
    void lab;
    const stats = await openStatistics(page);
    await stats.messages.set(100_000);
    await expect(stats.messages.error).toHaveCount(0);
    await stats.compare.startAndCancel(async () => {
      await expect(stats.compare.progressLabel).toHaveText(/^[\d,]+ of 300,000 messages$|^starting…$/);
      // The plant calculator recomputes while the worker runs.
      await stats.devices.set(2000);
      await expect(stats.row(stats.plantTable, 0)).toContainText("2,880,000");
    });
    await expect(stats.table).toHaveCount(0);
    await expect.poll(() => page.workers().length, { intervals: [100] }).toBe(0);

    // Views switch at once, and the panel comes back idle.
    const views = new Views(page);
    await views.open("diagram");
    await views.open("stats");
    await expect(stats.compare.start).toBeEnabled();
  });

  test("an invalid number shows the field's error and breaks nothing", async ({ lab, page }) => {
    void lab;
    const stats = await openStatistics(page);
    const { p, messages, devices } = stats;
    await expect(p.input).toHaveValue("5");
    await expect(p.input).toHaveAttribute("aria-invalid", "false");
    await expect(p.error).toHaveCount(0);

    await p.set(50);
    await expect(p.input).toHaveAttribute("aria-invalid", "true");
    await expect(p.error).toHaveText("Loss p (%): expected a number from 0 to 30; got 50.");
    await expect(p.input).toHaveAccessibleDescription("Loss p (%): expected a number from 0 to 30; got 50.");

    await messages.set("");
    await expect(messages.error).toHaveText("Messages: enter a whole number from 1 to 100,000.");
    await devices.set(0);
    await expect(devices.error).toHaveText("Devices: expected a whole number from 1 to 10,000,000; got 0.");
    // No figure for a rejected input: the plant table waits for Devices.
    await expect(stats.plantTable).toHaveCount(0);

    // Corrected, the errors go and everything works.
    await p.set(5);
    await messages.set(500);
    await devices.set(1000);
    await expect(stats.root.getByRole("alert")).toHaveCount(0);
    for (const field of [p, messages, devices]) {
      await expect(field.input).toHaveAttribute("aria-invalid", "false");
    }
    await stats.runComparison();
    await expect(stats.table.locator("tbody tr")).toHaveCount(3);
    await expect(page.getByRole("img", { name: /at p = 5\.00 % \(500 messages per QoS\)/ })).toBeVisible();
  });

  test("the claims check runs and shows its table", async ({ lab, page }) => {
    void lab;
    const stats = await openStatistics(page);
    await expect(stats.claimsTable).toHaveCount(0);
    await stats.claims.run();
    const rows = await tableData(stats.claimsTable);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.Claim).not.toBe("");
      expect(["yes", "no", "cannot say"]).toContain(row["Holds?"]);
    }
  });
});

test.describe("plant calculator", () => {
  test("1000 devices every 60 s with 50 bytes: 1,440,000 messages a day; devices update it", async ({
    lab,
    page,
  }) => {
    void lab;
    const stats = await openStatistics(page);
    await expect(stats.devices.input).toHaveValue("1000");
    await expect(stats.interval.input).toHaveValue("60");
    await expect(stats.payload.input).toHaveValue("50");

    const perDay = async () =>
      (await tableData(stats.plantTable)).map((r) => [r.QoS, r["Messages / day"], r["Packets / day"]]);
    expect(await perDay()).toEqual([
      ["QoS 0", "1,440,000", "1,440,000"],
      ["QoS 1", "1,440,000", "2,880,000"],
      ["QoS 2", "1,440,000", "5,760,000"],
    ]);
    await expect(stats.plantClaims.locator("tbody tr")).not.toHaveCount(0);

    await stats.devices.set(2500);
    await expect(stats.row(stats.plantTable, 2)).toContainText("14,400,000");
    expect(await perDay()).toEqual([
      ["QoS 0", "3,600,000", "3,600,000"],
      ["QoS 1", "3,600,000", "7,200,000"],
      ["QoS 2", "3,600,000", "14,400,000"],
    ]);
  });
});

test.describe("accessibility of the other views", () => {
  test("no axe violations on the explorer view after a run", async ({ lab, page }) => {
    void lab;
    await new Views(page).open("explore");
    const explorer = new ExplorerView(page);
    await explorer.explore(1);
    await explorer.computeMatrix(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  test("no axe violations on the statistics view after a run", async ({ lab, page }) => {
    void lab;
    const stats = await openStatistics(page);
    await stats.runComparison({ messages: 200 });
    await stats.curve.run();
    await stats.p.set(50);
    await expect(stats.p.error).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});
