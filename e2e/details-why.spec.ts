import { expect, test } from "./fixtures.ts";
import { axeViolations } from "./details-helpers.ts";

test("the verdict's why highlights the packets and decisions behind it, and names them", async ({
  lab,
  page,
}) => {
  await lab.choosePreset("pump-qos1-puback-lost");
  await lab.expectVerdicts("duplicated");
  const why = page.getByTestId("verdict.why.1");
  await expect(why).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("diagram.causes")).toHaveCount(0);

  await why.click();
  await expect(why).toHaveAttribute("aria-pressed", "true");
  const halos = page.getByTestId("diagram.causes").locator("[data-cause]");
  await expect(halos).not.toHaveCount(0);
  const causes = await halos.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-cause"))));
  // The lost PUBACK and the resent PUBLISH are among them: arrows the diagram draws.
  const lostPuback = await lab.diagram.dropped("PUBACK").first().getAttribute("data-testid");
  expect(causes).toContain(Number(lostPuback?.replace("packet-", "")));
  for (const index of causes) {
    const arrow = page.getByTestId(`packet-${index}`);
    if ((await arrow.count()) > 0) await expect(arrow).toBeVisible();
  }
  // Named in text, for screen readers too.
  const named = page.getByTestId("verdict.causes");
  await expect(named).toContainText("PUBACK id 1 from the subscriber to the broker, lost");
  await expect(named).toContainText("resent");
  await expect(named).toContainText("delivery 2 to the subscriber");
  expect(await axeViolations(page)).toEqual([]);

  // A toggle by keyboard too: Enter turns it off.
  await why.focus();
  await page.keyboard.press("Enter");
  await expect(why).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("diagram.causes")).toHaveCount(0);
  await expect(named).toHaveCount(0);
});

test("a new trace forgets the old highlight", async ({ lab, page }) => {
  await lab.choosePreset("pump-qos1-puback-lost");
  await page.getByTestId("verdict.why.1").click();
  await expect(page.getByTestId("diagram.causes")).toBeVisible();
  await lab.choosePreset("batch-pubrec-lost");
  await expect(page.getByTestId("diagram.causes")).toHaveCount(0);
  await expect(page.getByTestId("verdict.why.1")).toHaveAttribute("aria-pressed", "false");
});
