import { expect, test } from "./fixtures.ts";
import { axeViolations } from "./details-helpers.ts";

test("the JSON editor's problems are right under it, each naming its field, and the editor is marked", async ({
  lab,
  page,
}) => {
  await lab.typeJson('{"publishQos": 5, "timing": {"latencyMs": -1}}');
  const items = lab.problems.getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute("data-field", "publishQos");
  await expect(items.nth(1)).toHaveAttribute("data-field", "timing.latencyMs");
  await expect(items.nth(1)).toContainText("timing.latencyMs");

  await expect(lab.json).toHaveAttribute("aria-invalid", "true");
  const problemsId = await lab.problems.getAttribute("id");
  expect(problemsId).toBeTruthy();
  await expect(lab.json).toHaveAttribute("aria-describedby", problemsId ?? "");
  await expect(lab.json).toHaveAccessibleDescription(/publishQos/);
  const border = await lab.json.evaluate((el) => getComputedStyle(el).borderTopWidth);
  expect(parseFloat(border)).toBeGreaterThanOrEqual(2);

  // Next to the editor: the list starts within a few px under the text, not a screen away.
  const editor = await lab.json.boundingBox();
  const list = await lab.problems.boundingBox();
  if (!editor || !list) throw new Error("editor or problems not laid out");
  const gap = list.y - (editor.y + editor.height);
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(24);
  expect(await axeViolations(page)).toEqual([]);

  // Fixed, the marks go.
  await lab.json.fill('{"publishQos": 1}');
  await expect(items).toHaveCount(0);
  await expect(lab.json).not.toHaveAttribute("aria-invalid");
});

test("a problem made in the set-up form is still shown under the set-up", async ({ lab }) => {
  await lab.choosePreset("pump-qos1-puback-lost");
  await lab.setup.retransmit.selectOption("on-timeout");
  await expect(lab.problems).toContainText("retransmit");
  const form = await lab.setup.retransmit.boundingBox();
  const list = await lab.problems.boundingBox();
  if (!form || !list) throw new Error("form or problems not laid out");
  expect(list.y).toBeGreaterThan(form.y);
  expect(list.y - form.y).toBeLessThan(400);
});
