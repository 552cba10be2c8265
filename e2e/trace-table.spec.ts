import { AxeBuilder } from "@axe-core/playwright";
import { expect, test } from "./fixtures.ts";

test.describe("trace table", () => {
  test("QoS 1 with the PUBACK lost delivers the message twice, resent with DUP set", async ({ lab }) => {
    await lab.choosePreset("qos1-puback-lost");

    const message = lab.messageOutcome(1);
    await expect(message).toHaveAttribute("data-verdict", "duplicated");
    await expect(message).toHaveAttribute("data-deliveries", "2");
    await expect(message).toContainText(/duplicated/i);
    await expect(message).toContainText("delivered 2 times");

    const resent = lab.packetRows("PUBLISH", { dup: true });
    await expect(resent).not.toHaveCount(0);
    await expect(resent.first().getByTestId("trace.dup")).toHaveText("1");
    await expect(lab.packetRows("PUBACK", { dropped: true })).toHaveCount(1);
  });

  test("invalid JSON shows the problem and keeps the previous trace", async ({ lab }) => {
    await lab.choosePreset("qos1-puback-lost");
    await expect(lab.messageOutcome(1)).toHaveAttribute("data-verdict", "duplicated");
    const rowsBefore = await lab.rows.allTextContents();
    expect(rowsBefore.length).toBeGreaterThan(0);

    await lab.json.fill('{ "publishQos": 1, ');
    await expect(lab.problems.getByRole("listitem")).not.toHaveCount(0);
    await expect(lab.problems).toContainText(/JSON/i);

    expect(await lab.rows.allTextContents()).toEqual(rowsBefore);
    await expect(lab.messageOutcome(1)).toHaveAttribute("data-verdict", "duplicated");
  });

  test("a scenario the core refuses names the field", async ({ lab }) => {
    await lab.json.fill(
      JSON.stringify({ publishQos: 1, faults: [{ hop: "publisher-broker", packet: "PUBAK" }] }),
    );
    await expect(lab.problems).toContainText("faults[0].packet");
    await expect(lab.table).toBeVisible();
  });

  test("the set-up form rewrites the scenario JSON", async ({ lab, page }) => {
    await lab.choosePreset("qos2-pubrec-lost");
    await page.getByLabel("Hops").selectOption("2");
    await page.getByLabel("Subscription QoS").selectOption("1");
    const scenario: unknown = JSON.parse(await lab.json.inputValue());
    expect(scenario).toMatchObject({ publishQos: 2, subscriber: { qos: 1 } });
    await expect(lab.table.locator('[data-testid="trace.row"]', { hasText: "broker → sub" })).not.toHaveCount(
      0,
    );
  });

  test("the form keeps showing a refused choice until it is fixed", async ({ lab, page }) => {
    await lab.choosePreset("qos1-puback-lost");
    const retransmit = page.getByLabel("Retransmit");
    await retransmit.selectOption("on-timeout");
    await expect(lab.problems).toContainText("retransmit");
    await expect(retransmit).toHaveValue("on-timeout");

    await page.getByLabel("Protocol").selectOption("3.1.1");
    await expect(lab.problems.getByRole("listitem")).toHaveCount(0);
    await expect(lab.table.locator('[data-testid="trace.row"][data-type="timeout"]')).not.toHaveCount(0);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`has no accessibility violations (${colorScheme})`, async ({ lab, page }) => {
      await page.emulateMedia({ colorScheme });
      await lab.choosePreset("qos2-to-qos1-puback-lost");
      await expect(lab.messageOutcome(1)).toBeVisible();
      const path = colorScheme === "light" ? "/tmp/page.png" : "/tmp/page-dark.png";
      await page.screenshot({ path, fullPage: true });
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations).toEqual([]);
    });
  }

  test("fits a 360 px wide screen; only the table scrolls sideways", async ({ lab, page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await lab.choosePreset("qos2-to-qos1-puback-lost");
    await expect(lab.messageOutcome(1)).toBeVisible();
    await page.screenshot({ path: "/tmp/page-360.png", fullPage: true });
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(360);
  });
});
