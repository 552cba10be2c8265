import { expect, test } from "./fixtures.ts";
import { axeViolations } from "./details-helpers.ts";
import { NumberInput } from "./pages/lab-page.ts";

test("the plant calculator shows and exports no number for a rejected input", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await page.goto("/?view=stats");
  const plant = page.getByTestId("stats.plant");
  await expect(page.getByTestId("plant.table")).toContainText("1,440,000");

  const devices = new NumberInput(page, "plant.devices");
  await devices.set("0");
  await expect(devices.error).toBeVisible();
  await expect(page.getByTestId("plant.table")).toHaveCount(0);
  await expect(page.getByTestId("plant.stale")).toContainText("No figures are shown for a rejected input");
  await expect(plant.getByRole("button", { name: "Download CSV" }).first()).toBeDisabled();
  // Apart from the fixed sizing examples, no figure of the plant is on the page.
  const claims = (await page.getByTestId("plant.claims").textContent()) ?? "";
  const text = ((await plant.textContent()) ?? "").replace(claims, "");
  expect(text).not.toMatch(/1,440,000|\d\.\d+ MB/);
  expect(await axeViolations(page)).toEqual([]);

  await devices.set("1000");
  await expect(page.getByTestId("plant.table")).toContainText("1,440,000");
  await expect(plant.getByRole("button", { name: "Download CSV" }).first()).toBeEnabled();
});
