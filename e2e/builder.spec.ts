import { AxeBuilder } from "@axe-core/playwright";
import { expect, test } from "./fixtures.ts";
import { BuilderPage } from "./pages/builder-page.ts";

/**
 * The embed builder: choices change both previews at once (the iframe's URL carries them, the
 * element carries them as attributes), copying gives that code, a bad step range is named beside
 * its field, and the choices outlive a reload.
 */
test.describe("embed builder", () => {
  test("choices update both previews; copy gives the code; a bad range is named", async ({
    lab,
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/?publishQos=1&faults=PUBACK");
    await expect(lab.diagram.dropped("PUBACK")).toHaveCount(1);
    const builder = new BuilderPage(page);
    await builder.open();

    // Defaults: what Copy embed code has always given.
    expect(await builder.frameParams()).toEqual({ publishQos: "1", faults: "PUBACK", controls: "playback" });
    await expect(builder.element).toHaveAttribute("controls", "playback");
    await expect(builder.frameContent.getByTestId("embed")).toHaveAttribute("data-controls", "playback");

    // Controls, theme, autoplay and loop: the iframe's URL and the element's attributes follow.
    await builder.choice("controls.full").check();
    await builder.choice("theme.dark").check();
    await builder.choice("autoplay").check();
    await builder.choice("loop").check();
    await expect
      .poll(() => builder.frameParams())
      .toMatchObject({ controls: "full", theme: "dark", autoplay: "1", loop: "1" });
    await expect(builder.frameContent.getByTestId("embed")).toHaveAttribute("data-controls", "full");
    await expect(builder.frameContent.getByTestId("narration")).toBeVisible();
    for (const [name, value] of [
      ["controls", "full"],
      ["theme", "dark"],
      ["autoplay", ""],
      ["loop", ""],
      ["drop", "PUBACK"],
    ] as const) {
      await expect(builder.element).toHaveAttribute(name, value);
    }
    await expect(builder.element.locator(".hint")).toBeVisible();

    // A step range inside the trace, and a width.
    const count = await builder.stepCount();
    expect(count).toBeGreaterThan(3);
    await builder.field("from").fill("2");
    await builder.field("to").fill(String(count - 1));
    await builder.field("width").fill("400");
    await expect.poll(() => builder.frameParams()).toMatchObject({ steps: `2-${count - 1}` });
    await expect(builder.element).toHaveAttribute("steps", `2-${count - 1}`);
    await expect(builder.element).toHaveAttribute("width", "400");
    await expect(builder.frame).toHaveCSS("width", "400px");

    // A range past the trace's end: named beside its field, previews and code wait.
    await builder.field("to").fill(String(count + 5));
    await expect(builder.problem("to")).toHaveText(
      `To step: expected a whole number from 2 to ${count} (this trace has ${count} steps)`,
    );
    await expect(builder.field("to")).toHaveAttribute("aria-invalid", "true");
    await expect(builder.copyButton("embed")).toBeDisabled();
    await expect(builder.copyButton("element")).toBeDisabled();
    expect((await builder.frameParams()).steps).toBe(`2-${count - 1}`);
    await builder.field("to").fill(String(count));
    await expect(builder.problem("to")).toHaveCount(0);
    await expect.poll(() => builder.frameParams()).toMatchObject({ steps: `2-${count}` });

    // Copy either code: the iframe with these parameters, the element's script and tag.
    await builder.copyButton("embed").click();
    await expect(builder.dialog.getByText("Embed code copied")).toBeVisible();
    const iframe = await page.evaluate(() => navigator.clipboard.readText());
    expect(iframe).toContain(await builder.embedCode.textContent());
    expect(iframe).toMatch(
      /^<iframe src="http:\/\/localhost:\d+\/embed\.html\?publishQos=1&amp;faults=PUBACK&amp;/,
    );
    for (const part of ["controls=full", "theme=dark", "autoplay=1", "loop=1", `steps=2-${count}`]) {
      expect(iframe).toContain(part);
    }
    expect(iframe).toContain('style="width:400px;max-width:100%;border:0"');
    await builder.copyButton("element").click();
    await expect(builder.dialog.getByText("Element code copied")).toBeVisible();
    const element = await page.evaluate(() => navigator.clipboard.readText());
    expect(element).toBe(
      '<script src="mqtt-qos-handshake.iife.js" defer></script>\n' +
        `<mqtt-qos-handshake qos="1" drop="PUBACK" controls="full" theme="dark" autoplay loop steps="2-${count}" width="400"></mqtt-qos-handshake>`,
    );

    // Closing keeps the lab as it was; the choices outlive a reload.
    await page.keyboard.press("Escape");
    await expect(builder.dialog).toHaveCount(0);
    await page.reload();
    await expect(lab.diagram.arrows.first()).toBeVisible();
    await builder.open();
    await expect(builder.choice("controls.full")).toBeChecked();
    await expect(builder.choice("theme.dark")).toBeChecked();
    await expect(builder.field("to")).toHaveValue(String(count));
    await expect(builder.element).toHaveAttribute("steps", `2-${count}`);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`no axe violations in the builder (${colorScheme})`, async ({ lab, page }) => {
      await page.emulateMedia({ colorScheme });
      await expect(lab.diagram.arrows.first()).toBeVisible();
      const builder = new BuilderPage(page);
      await builder.open();
      await expect(builder.frameContent.getByTestId("diagram")).toBeVisible();
      // A field with a problem is part of what is checked.
      await builder.field("from").fill("0");
      await expect(builder.problem("from")).toBeVisible();
      const results = await new AxeBuilder({ page })
        .include('[data-testid="builder"]')
        .disableRules(["label-content-name-mismatch"])
        .analyze();
      expect(results.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }))).toEqual(
        [],
      );
    });
  }
});
