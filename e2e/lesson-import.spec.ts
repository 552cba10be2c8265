import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

/**
 * Opening a lesson file or link on the course page: a broken file lists each problem with its
 * field path and what was expected, and the course stays usable; a good one opens in the runner and
 * joins "Your lessons", which outlives a reload; a link carries a lesson the same way.
 */

const LESSON = {
  lesson: 1,
  id: "valve-v7",
  title: { en: "Close valve V-7 — once", de: "Ventil V-7 schließen — einmal" },
  audience: "Shift engineers",
  minutes: 8,
  summary: "Why a **QoS 2** command is handed on once.",
  steps: [
    {
      kind: "show",
      scenario: { publishQos: 2, faults: [{ hop: "publisher-broker", packet: "PUBREC" }] },
      text: "The PUBREC is lost; watch what is sent again.",
    },
    { kind: "explain", text: "PUBLISH is resent with DUP set.", spec: ["MQTT-4.3.3-6"] },
  ],
};

const BROKEN = {
  ...LESSON,
  steps: [
    { kind: "shwo", text: "A show step with a typo in its kind." },
    {
      kind: "show",
      scenario: { publishQos: 1, faults: [{ hop: "publisher-broker", packet: "PUBAK" }] },
      text: "A fault naming a packet that does not exist.",
    },
    { kind: "explain", text: "Press <b>Close</b> now." },
  ],
};

function file(name: string, text: string) {
  return { name, mimeType: "application/json", buffer: Buffer.from(text, "utf8") };
}

function lessonData(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

async function openCourse(page: Page): Promise<void> {
  await page.goto("/?view=lessons");
  await expect(page.getByTestId("course")).toBeVisible();
}

/** The course still works: a shipped lesson opens in the runner. */
async function expectCourseUsable(page: Page): Promise<void> {
  await page.getByTestId("course.open.pump-duplicate").click();
  await expect(page.getByTestId("lesson")).toBeVisible();
  await page.getByTestId("lesson.course").click();
  await expect(page.getByTestId("course")).toBeVisible();
}

test.describe("lesson import", () => {
  test("a broken file gets a message per field and the course stays usable", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await openCourse(page);
    const input = page.getByTestId("lesson-import.file");
    await input.setInputFiles(file("broken.json", JSON.stringify(BROKEN, null, 2)));
    const alert = page.getByTestId("lesson-import.problems");
    await expect(alert).toContainText("“broken.json” cannot be opened as a lesson");
    const problems = alert.getByTestId("lesson-import.problem");
    await expect(problems.filter({ hasText: "steps[0].kind" })).toContainText(
      'expected one of show, predict, task, explain; got "shwo"',
    );
    await expect(problems.filter({ hasText: "steps[1].scenario.faults[0].packet" })).toContainText(
      'expected one of PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, CONNECT, CONNACK; got "PUBAK"',
    );
    await expect(problems.filter({ hasText: "steps[2].text" })).toContainText("no HTML");
    await expect(page.getByTestId("lesson-import.yours")).toHaveCount(0);

    // A JSON syntax error: its line and column.
    const text = JSON.stringify(LESSON, null, 2).replace('"minutes": 8,', '"minutes": 8');
    await input.setInputFiles(file("syntax.json", text));
    await expect(alert).toContainText("“syntax.json” cannot be opened as a lesson: 1 problem");
    // The missing comma after "minutes": 8 is found where "summary" begins.
    await expect(problems).toHaveText([/invalid JSON at line 10, column 3: expected "," or "}"/]);

    await expectCourseUsable(page);
    const results = await new AxeBuilder({ page }).include('[data-testid="lesson-import"]').analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  test("a good file opens in the runner and stays in Your lessons after a reload", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await openCourse(page);
    await page.getByTestId("lesson-import.file").setInputFiles(file("valve-v7.json", JSON.stringify(LESSON)));
    await expect(page.getByTestId("lesson").getByRole("heading", { level: 2 })).toHaveText(
      "Close valve V-7 — once",
    );
    await page.getByTestId("lesson.next").click();
    await expect(page.getByTestId("lesson")).toHaveAttribute("data-step", "2");
    await page.getByTestId("lesson.course").click();

    await page.reload();
    const yours = page.getByTestId("lesson-import.yours");
    await expect(yours).toContainText("Close valve V-7 — once");
    await yours.getByRole("button", { name: "Open Close valve V-7 — once" }).click();
    await expect(page.getByTestId("lesson")).toHaveAttribute("data-step", "1");
    await page.getByTestId("lesson.course").click();
    await yours.getByRole("button", { name: "Remove Close valve V-7 — once from your lessons" }).click();
    await expect(yours).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("course")).toBeVisible();
    await expect(yours).toHaveCount(0);
  });

  test("a file dropped on the drop zone opens", async ({ page, consoleErrors }) => {
    void consoleErrors;
    await openCourse(page);
    const drop = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "valve-v7.json", { type: "application/json" }));
      return data;
    }, JSON.stringify(LESSON));
    await page.getByTestId("lesson-import.drop").dispatchEvent("dragover", { dataTransfer: drop });
    await page.getByTestId("lesson-import.drop").dispatchEvent("drop", { dataTransfer: drop });
    await expect(page.getByTestId("lesson").getByRole("heading", { level: 2 })).toHaveText(
      "Close valve V-7 — once",
    );
  });

  test("a link carries a lesson; a broken one names its problems and the course stays usable", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto(`/?view=lessons&lessonData=${lessonData(LESSON)}`);
    await expect(page.getByTestId("lesson").getByRole("heading", { level: 2 })).toHaveText(
      "Close valve V-7 — once",
    );
    await page.getByTestId("lesson.course").click();
    await expect(page.getByTestId("course")).toBeVisible();
    // Back on the course page, the link's lesson is not opened again.
    await expect(page.getByTestId("lesson")).toHaveCount(0);

    await page.goto(`/?view=lessons&lessonData=${lessonData(BROKEN)}`);
    const alert = page.getByTestId("lesson-import.problems");
    await expect(alert).toContainText("This link's lesson cannot be opened as a lesson: 3 problems");
    await expect(alert).toBeInViewport();
    await expectCourseUsable(page);

    await page.goto(`/?view=lessons&lessonData=${lessonData(LESSON).slice(0, 33)}`);
    await expect(alert.getByTestId("lesson-import.problem")).toHaveText([
      /^lessonData: expected .*cut or changed/,
    ]);
  });
});
