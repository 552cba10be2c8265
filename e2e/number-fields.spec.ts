/**
 * Every number field of the statistics view, fed every kind of value it must refuse: each shows its
 * own message beside the field, the page keeps working, and no figure reads NaN or Infinity.
 */
import type { Page } from "@playwright/test";
import { NUMBER_FIELDS, readField, type NumberFieldName } from "../src/stats/input.ts";
import { expect, test } from "./fixtures.ts";
import { NumberInput } from "./pages/lab-page.ts";

/** The page's test id of each field. */
const FIELDS: Record<NumberFieldName, string> = {
  lossPercent: "stats.p",
  messages: "stats.messages",
  seed: "stats.seed",
  devices: "plant.devices",
  intervalS: "plant.interval",
  payloadBytes: "plant.payload",
  bitRate: "radio.bitrate",
  txCurrentMa: "radio.tx",
  ackWaitMs: "radio.wait",
  ackWaitCurrentMa: "radio.waitcurrent",
};

/** What each field must refuse: its rule's fractions, zero, negatives and range, and text that is no number. */
function rejectedValues(name: NumberFieldName): string[] {
  const rule = NUMBER_FIELDS[name];
  const values = ["", "abc", "NaN", "Infinity", "1e999", "-1", String(rule.max * 10 + 1)];
  if (rule.integer) values.push("0.5", "2.5");
  if (rule.divides || rule.min > 0) values.push("0");
  if (rule.min > 0) values.push(String(rule.min / 2));
  return values;
}

const NOT_A_FIGURE = /NaN|Infinity|∞/;

async function openStatistics(page: Page) {
  await page.goto("/?view=stats");
  await expect(page.getByTestId("statistics")).toBeVisible();
  await expect(page.getByTestId("plant.table")).toBeVisible();
}

test.describe("number fields", () => {
  test("the reported cases: 0.5 bytes of payload and 0 mA of transmit current", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await openStatistics(page);
    const payload = new NumberInput(page, "plant.payload");
    await payload.set("0.5");
    await expect(payload.error).toHaveText("Payload (bytes): expected a whole number; got 0.5.");
    // The page is still there; the tables computed from the rejected field show no figures at all.
    await expect(page.getByTestId("plant.table")).toHaveCount(0);
    await expect(page.getByTestId("plant.stale")).toContainText("Fix Payload (bytes) first.");
    const plant = page.getByTestId("stats.plant");
    for (const button of await plant.getByRole("button", { name: "Download CSV" }).all())
      await expect(button).toBeDisabled();

    await payload.set("50");
    await expect(payload.error).toHaveCount(0);
    await expect(page.getByTestId("plant.stale")).toBeEmpty();

    const tx = new NumberInput(page, "radio.tx");
    await tx.set("0");
    await expect(tx.error).toHaveText(
      "Transmit current (mA): cannot be 0, as the calculation divides by it.",
    );
    await expect(page.getByTestId("radio.stale")).toContainText("Fix Transmit current (mA) first.");
    await expect(page.getByTestId("plant.stale")).toBeEmpty();
    await expect(plant.getByRole("button", { name: "Download CSV" }).first()).toBeEnabled();
    await expect(plant.getByRole("button", { name: "Download CSV" }).last()).toBeDisabled();
    expect(await page.getByTestId("statistics").innerText()).not.toMatch(NOT_A_FIGURE);
  });

  test("each field refuses each unusable value with its own message, and nothing reads NaN", async ({
    page,
    consoleErrors,
  }) => {
    test.setTimeout(120_000);
    void consoleErrors;
    await openStatistics(page);
    const view = page.getByTestId("statistics");
    for (const [name, testId] of Object.entries(FIELDS) as [NumberFieldName, string][]) {
      const field = new NumberInput(page, testId);
      const good = await field.input.inputValue();
      for (const text of rejectedValues(name)) {
        await field.set(text);
        const reading = readField(name, text);
        if (reading.ok)
          throw new Error(`${name} accepts ${JSON.stringify(text)}; the test expects a refusal`);
        await expect(field.error, `${name} ← ${JSON.stringify(text)}`).toHaveText(reading.message);
        await expect(field.input).toHaveAttribute("aria-invalid", "true");
        await expect(field.input).toHaveAccessibleDescription(reading.message);
        expect(reading.message.startsWith(`${NUMBER_FIELDS[name].label}: `)).toBe(true);
        // Typed text stays as typed (a number input would blank "abc").
        await expect(field.input).toHaveValue(text);
        // innerText leaves out what inputs hold: this is the figures and messages only.
        expect(await view.innerText(), `${name} ← ${JSON.stringify(text)}`).not.toMatch(NOT_A_FIGURE);
      }
      await field.set(good);
      await expect(field.error).toHaveCount(0);
      await expect(field.input).toHaveAttribute("aria-invalid", "false");
    }
    // Every field back to a usable value: nothing waits, and the page never blanked.
    await expect(view.getByRole("alert")).toHaveCount(0);
    await expect(page.getByTestId("error-boundary")).toHaveCount(0);
    await expect(page.getByTestId("stats.compare.start")).toBeEnabled();
  });
});
