import { expect, test } from "./fixtures.ts";

test.describe("set-up bar", () => {
  test("every control has a one-line hint as its description, shown on focus", async ({ lab }) => {
    // QoS 2 on two hops at subscription QoS 2: every control is enabled.
    await lab.choosePreset("batch-pubrec-lost");
    // The form's code loads when the set-up is first opened.
    await expect(lab.setup.controls.first()).toBeVisible();
    const controls = await lab.setup.controls.all();
    expect(controls.length).toBeGreaterThanOrEqual(9);

    for (const control of controls) {
      await expect(control).toBeEnabled();
      const hintId = await control.getAttribute("aria-describedby");
      expect(hintId, "aria-describedby").toBeTruthy();
      const hint = lab.page.locator(`[id="${hintId}"]`);
      await expect(hint).toHaveRole("tooltip");
      const text = (await hint.textContent())?.trim() ?? "";
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toContain("\n");
      await expect(control).toHaveAccessibleDescription(text);

      await expect(hint).toBeHidden();
      await control.focus();
      await expect(hint).toBeVisible();
      await control.blur();
      await expect(hint).toBeHidden();
    }
  });

  for (const width of [1280, 360]) {
    test(`an open hint stays on screen and never scrolls the page sideways (${width} px)`, async ({
      lab,
      page,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      for (const control of await lab.setup.controls.all()) {
        if (!(await control.isEnabled())) continue;
        await control.focus();
        const hint = page.locator(`[id="${await control.getAttribute("aria-describedby")}"]`);
        await expect(hint).toBeVisible();
        const right = await hint.evaluate((el) => el.getBoundingClientRect().right);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        const name = await control.getAttribute("data-testid");
        expect(right, `${name} hint's right edge`).toBeLessThanOrEqual(width);
        expect(scrollWidth, `page width while ${name} is focused`).toBeLessThanOrEqual(width);
      }
    });
  }

  test("changing QoS, hops and retransmit redraws the diagram", async ({ lab }) => {
    const { diagram, setup } = lab;
    await lab.choosePreset("batch-pubrec-lost");
    await expect(diagram.lane("Subscriber")).toBeVisible();
    await expect(diagram.arrowsOf("PUBREL")).not.toHaveCount(0);

    await setup.hops.selectOption("1");
    await expect(diagram.lane("Subscriber")).toHaveCount(0);
    await expect(diagram.root.getByRole("button", { name: /to subscriber/ })).toHaveCount(0);

    await setup.publishQos.selectOption("1");
    await expect(diagram.arrowsOf("PUBREL")).toHaveCount(0);
    await expect(diagram.arrowsOf("PUBACK")).not.toHaveCount(0);
    // The PUBREC fault no longer matches a packet at QoS 1.
    await expect(lab.page.getByText(/planned loss never happened/)).toBeVisible();

    await setup.publishQos.selectOption("0");
    await expect(diagram.arrowsOf("PUBACK")).toHaveCount(0);
    await expect(diagram.arrowsOf("PUBLISH")).toHaveCount(1);

    await setup.hops.selectOption("2");
    await expect(diagram.lane("Subscriber")).toBeVisible();
    await expect(diagram.arrow("PUBLISH", 1, { direction: "broker to subscriber" })).toBeVisible();

    await lab.choosePreset("pump-qos1-puback-lost");
    await setup.protocol.selectOption("3.1.1");
    await expect(diagram.mark("connection-lost").first()).toBeVisible();
    await setup.retransmit.selectOption("on-timeout");
    await expect(diagram.mark("timeout").first()).toBeVisible();
    await expect(diagram.mark("connection-lost")).toHaveCount(0);
    await expect(lab.problems.getByRole("listitem")).toHaveCount(0);
  });

  test("the set-up bar writes the scenario JSON", async ({ lab }) => {
    await lab.choosePreset("batch-pubrec-lost");
    await lab.setup.subscriberQos.selectOption("1");
    await lab.openJson();
    await expect
      .poll(async () => JSON.parse(await lab.json.inputValue()) as unknown)
      .toMatchObject({ publishQos: 2, subscriber: { qos: 1 }, faults: [{ packet: "PUBREC" }] });
    await expect(lab.preset("batch-pubrec-lost")).toHaveAttribute("aria-pressed", "false");
  });

  test("a collapsed set-up stays collapsed after a reload", async ({ lab }) => {
    const { page } = lab;
    const details = page.locator("details.setup-details");
    await expect(details).toHaveAttribute("open", "");
    await page.getByTestId("setup.summary").click();
    await expect(details).not.toHaveAttribute("open");
    await page.reload();
    await expect(page.getByTestId("setup.summary")).toBeVisible();
    await expect(details).not.toHaveAttribute("open");
    await page.getByTestId("setup.summary").click();
    await page.reload();
    await expect(details).toHaveAttribute("open", "");
  });
});
