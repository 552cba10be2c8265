import { expect, test } from "./fixtures.ts";
import { axeViolations } from "./details-helpers.ts";
import { ExplorerView, Views, tableData } from "./pages/lab-page.ts";

test("the matrix: each set-up once, filtered to not exactly once, sorted, and kept on Back", async ({
  lab,
  page,
}) => {
  void lab;
  const views = new Views(page);
  const explorer = new ExplorerView(page);
  await views.open("explore");
  await explorer.computeMatrix(1);
  await expect(explorer.matrixRows).toHaveCount(64);
  await expect(explorer.matrixTable).not.toContainText("n/a");
  const all = await tableData(explorer.matrixTable);
  const setups = all.map((r) => [r.QoS, r.Hops, r.Session, r.Resend, r["QoS 2 method"]].join("|"));
  expect(new Set(setups).size).toBe(64);

  // Filter: only the set-ups that are not exactly once.
  await page.getByLabel("Only set-ups not exactly once").check();
  const kept = all.filter((r) => r.Guarantee !== "exactly once").length;
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(64);
  await expect(explorer.matrixRows).toHaveCount(kept);
  await expect(page.getByTestId("matrix.count")).toHaveText(`${kept} of 64 set-ups, k = 1`);

  // Sort by Lost, descending (two clicks): aria-sort says so and the column is in order.
  const lostHeader = explorer.matrixTable.getByRole("columnheader", { name: "Lost" });
  await expect(lostHeader).not.toHaveAttribute("aria-sort");
  await page.getByTestId("matrix.sort.lost").click();
  await expect(lostHeader).toHaveAttribute("aria-sort", "ascending");
  await page.getByTestId("matrix.sort.lost").click();
  await expect(lostHeader).toHaveAttribute("aria-sort", "descending");
  const sorted = await tableData(explorer.matrixTable);
  expect(sorted.every((r) => r.Guarantee !== "exactly once")).toBe(true);
  const lost = sorted.map((r) => Number(r.Lost));
  expect(lost).toEqual([...lost].sort((a, b) => b - a));
  expect(await axeViolations(page)).toEqual([]);

  // To the diagram and Back: the results, the filter and the sort are there again, without a run.
  await views.open("diagram");
  await page.goBack();
  await views.expectOpen("explore");
  await expect(explorer.matrixRows).toHaveCount(kept);
  await expect(page.getByLabel("Only set-ups not exactly once")).toBeChecked();
  await expect(lostHeader).toHaveAttribute("aria-sort", "descending");
  expect(await tableData(explorer.matrixTable)).toEqual(sorted);
  // Forward and Back again: still there.
  await page.goForward();
  await views.expectOpen("diagram");
  await page.goBack();
  await expect(explorer.matrixRows).toHaveCount(kept);
});
