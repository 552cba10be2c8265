import { readFile, writeFile } from "node:fs/promises";
import { expect, test } from "./fixtures.ts";
import { LessonsPage } from "./pages/lessons-page.ts";

// The shipped lessons these walks use (lessons/temperature-qos0.json, lessons/pump-duplicate.json):
// temperature-qos0 has five steps (predict, show, explain, task with publishQos, predict), two assessed.
const TEMPERATURE = "temperature-qos0";
const PUMP = "pump-duplicate";

test.describe("lessons: a learner", () => {
  test("opens the course from the view navigation and completes a lesson by mouse, every kind of step", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lessons = new LessonsPage(page);
    await page.goto("/");
    await page.getByTestId("view.lessons").click();
    await expect(lessons.course).toBeVisible();
    await expect(page.getByTestId("course.title")).toHaveText("MQTT QoS for plant engineers");
    await expect.poll(() => lessons.param("view")).toBe("lessons");
    await expect(lessons.status(TEMPERATURE)).toHaveText("New");
    await lessons.open(TEMPERATURE).click();

    // 1. predict: playback stops at the question, the outcome hidden; Check judges the pick.
    await lessons.expectStep(1, 5);
    await expect(page.getByTestId("lesson.predict")).toBeVisible();
    await expect(lessons.choices).toBeVisible();
    await expect(page.locator(".verdict-panel")).toHaveCount(0);
    await lessons.answer();
    await expect(page.getByTestId("lesson.reveal")).toBeVisible();
    await expect(page.locator(".verdict-panel")).toBeVisible();
    await lessons.next.click();

    // 2. show: the narration's beats in turn, never skipping one; Back returns to the previous.
    await lessons.expectStep(2, 5);
    await expect(lessons.beat).toContainText(/Narration [12] of 5/);
    await expect(lessons.beat).toHaveAttribute("data-state", "waiting");
    const shown = async () =>
      Number(/Narration (\d) of 5/.exec((await lessons.beat.textContent()) ?? "")?.[1]);
    const first = await shown();
    if (first > 1) {
      await lessons.back.click();
      await expect(lessons.beat).toContainText(`Narration ${first - 1} of 5`);
      await lessons.next.click();
      await expect(lessons.beat).toContainText(`Narration ${first} of 5`);
    }
    for (let beat = first; beat < 5;) {
      await lessons.next.click();
      // Continue plays to the beat's moment, or moves to the next beat.
      await expect(lessons.beat).toHaveAttribute("data-state", "waiting");
      const now = await shown();
      expect(now === beat || now === beat + 1).toBe(true);
      beat = now;
    }
    await lessons.next.click();

    // 3. explain: Markdown text.
    await lessons.expectStep(3, 5);
    await expect(page.getByTestId("lesson.explain")).toBeVisible();
    await lessons.next.click();

    // 4. task: locked fields shown locked, the goal ticked live, a hint.
    await lessons.expectStep(4, 5);
    await expect(page.getByTestId("setup.hops")).toBeDisabled();
    await expect(page.getByText("Hops (locked)")).toBeVisible();
    await expect(page.locator(".lesson-goal-parts li")).toHaveAttribute("data-met", "false");
    await page.getByTestId("lesson.hint").click();
    await expect(page.getByTestId("lesson.hint.text")).toBeVisible();
    await page.getByTestId("setup.publishQos").selectOption("1");
    await expect(lessons.goalStatus).toHaveText("Goal reached. Well done.");
    await expect(page.locator(".lesson-goal-parts li")).toHaveAttribute("data-met", "true");
    await lessons.next.click();

    // 5. predict, assessed: answered right (the right choice is marked once checked).
    await lessons.expectStep(5, 5);
    await lessons.answer();
    const right = await lessons.rightChoice().getAttribute("data-value");
    await page.getByTestId("lesson.again").click();
    await lessons.answer(right ?? undefined);
    await expect(lessons.judged).toContainText("Right.");
    await expect(lessons.next).toHaveText("Finish lesson");
    await lessons.next.click();

    await expect(lessons.course).toBeVisible();
    await expect(lessons.status(TEMPERATURE)).toHaveText("Done, 2 of 2 checks right");
    // Usable as reference: Review opens it with the answers shown.
    await expect(lessons.open(TEMPERATURE)).toContainText("Review");
    await lessons.open(TEMPERATURE).click();
    await lessons.expectStep(1, 5);
    await expect(lessons.judged).toBeVisible();
    await page.getByTestId("lesson.steps").locator("summary").click();
    await page.getByTestId("lesson.step.5").click();
    await expect(lessons.judged).toContainText("Right.");
  });

  test("a task's locked change is refused with the reason; Show solution plays a solution that meets the goal", async ({
    page,
  }) => {
    const lessons = new LessonsPage(page);
    await lessons.goto(`?view=lessons&lesson=${PUMP}&step=5`);
    await lessons.expectStep(5, 6);
    await expect(lessons.goalStatus).toHaveText("Your goal:");
    await page.getByTestId("lesson.solution").click();
    await expect(lessons.goalStatus).toHaveText("The solution reaches the goal.");
    await page.getByTestId("lesson.reset").click();
    await expect(lessons.goalStatus).toHaveText("Your goal:");
  });

  test("progress survives a reload; export, reset and import bring it back; a bad file changes nothing", async ({
    page,
  }, testInfo) => {
    const lessons = new LessonsPage(page);
    await lessons.goto(`?view=lessons&lesson=${PUMP}&step=2`);
    await lessons.answer("duplicated");
    await page.getByTestId("lesson.step.6").evaluate((b: HTMLElement) => b.click());
    await lessons.expectStep(6, 6);
    await page.reload();
    await lessons.expectStep(6, 6);
    await page.getByTestId("lesson.course").click();
    await expect(lessons.status(PUMP)).toHaveText("Step 6 of 6, 0 of 2 checks right");
    await expect(lessons.open(PUMP)).toHaveText(/Continue/);

    const downloading = page.waitForEvent("download");
    await page.getByTestId("progress.export").click();
    const file = testInfo.outputPath("progress.json");
    await (await downloading).saveAs(file);
    const saved = JSON.parse(await readFile(file, "utf8")) as {
      progress: number;
      lessons: Record<string, unknown>;
    };
    expect(saved.progress).toBe(1);
    expect(Object.keys(saved.lessons)).toEqual([PUMP]);

    await page.getByTestId("progress.reset").click();
    await page.getByTestId("progress.reset.cancel").click();
    await expect(lessons.status(PUMP)).not.toHaveText("New");
    await page.getByTestId("progress.reset").click();
    await page.getByTestId("progress.reset.confirm").click();
    await expect(lessons.status(PUMP)).toHaveText("New");

    const bad = testInfo.outputPath("bad.json");
    await writeFile(bad, JSON.stringify({ progress: 2, lessons: { [PUMP]: { step: "three" } } }));
    await page.getByTestId("progress.import").setInputFiles(bad);
    await expect(page.getByTestId("progress.outcome")).toContainText("your progress is unchanged");
    await expect(page.getByTestId("progress.outcome").locator("li").first()).toContainText("progress");
    await expect(lessons.status(PUMP)).toHaveText("New");

    await page.getByTestId("progress.import").setInputFiles(file);
    await expect(page.getByTestId("progress.outcome")).toContainText("Imported progress for 1 lesson");
    await expect(lessons.status(PUMP)).toHaveText("Step 6 of 6, 0 of 2 checks right");
    await page.reload();
    await expect(lessons.status(PUMP)).toHaveText("Step 6 of 6, 0 of 2 checks right");
  });

  test("a deep link opens a step; each move is a history entry that Back and Forward read back", async ({
    page,
  }) => {
    const lessons = new LessonsPage(page);
    await lessons.goto(`?view=lessons&lesson=${PUMP}&step=3`);
    await lessons.expectStep(3, 6);
    await page.getByTestId("lesson.steps").locator("summary").click();
    await page.getByTestId("lesson.step.4").click();
    await lessons.expectStep(4, 6);
    await expect.poll(() => lessons.param("step")).toBe("4");
    await lessons.next.click();
    await lessons.expectStep(5, 6);
    await page.goBack();
    await lessons.expectStep(4, 6);
    await page.goBack();
    await lessons.expectStep(3, 6);
    await page.goForward();
    await lessons.expectStep(4, 6);
    await page.getByTestId("lesson.course").click();
    await expect(lessons.course).toBeVisible();
    await page.goBack();
    await lessons.expectStep(4, 6);
  });

  test("a bad lesson or step in a link is named, with what was expected, over the course page", async ({
    page,
  }) => {
    const lessons = new LessonsPage(page);
    await lessons.goto("?view=lessons&lesson=pump&step=2");
    await expect(lessons.course).toBeVisible();
    await expect(lessons.notice).toContainText("lesson: expected one of temperature-qos0, pump-duplicate");
    await expect(lessons.notice).toContainText('got "pump"');
    await lessons.goto(`?view=lessons&lesson=${PUMP}&step=40`);
    await expect(lessons.course).toBeVisible();
    await expect(lessons.notice).toContainText(
      `step: expected a step from 1 to 6 of lesson ${PUMP}; got "40"`,
    );
  });
});

test("an explain step shows its specification statements and statistics computed by the simulator", async ({
  page,
}) => {
  const lessons = new LessonsPage(page);
  // choosing-qos step 4: spec ids and 10,000 messages at 5 % loss per QoS.
  await lessons.goto("?view=lessons&lesson=choosing-qos&step=4");
  await expect(page.getByTestId("lesson.spec")).toContainText("MQTT-3.2.2-5");
  const table = page.getByTestId("lesson.statistics");
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await expect(table.locator("caption")).toContainText("10,000 messages");
});

test("a show step with compare draws compare mode's columns", async ({ page }) => {
  const lessons = new LessonsPage(page);
  await lessons.goto("?view=lessons&lesson=clean-session-loss&step=3");
  await expect(page.getByTestId("lesson.show")).toBeVisible();
  await expect(page.locator(".lesson-compare svg.seq")).toHaveCount(2);
  // Presented, the lesson keeps its own stage: its step and Next stay, compare has no stage of its own.
  await lessons.goto("?view=lessons&lesson=clean-session-loss&step=3&present=1");
  await expect(page.locator(".lesson-compare svg.seq")).toHaveCount(2);
  await expect(page.getByTestId("lesson.where")).toBeInViewport();
  await expect(page.getByTestId("lesson.next")).toBeInViewport();
  await expect(page.getByTestId("compare.present")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Leave presentation" })).toHaveCount(1);
});

test("the diagram's tab and Back leave the lessons view for the scenario the page had", async ({ page }) => {
  const lessons = new LessonsPage(page);
  await page.goto("/?publishQos=1&faults=PUBACK");
  await expect(page.getByTestId("diagram")).toBeVisible();
  await page.getByTestId("view.lessons").click();
  await expect(lessons.course).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.location.search)).toBe("?view=lessons");
  await page.goBack();
  await expect(page.getByTestId("diagram")).toBeVisible();
  await expect.poll(() => lessons.param("faults")).toBe("PUBACK");
  await page.goForward();
  await expect(lessons.course).toBeVisible();
  await page.getByTestId("view.diagram").click();
  await expect(page.getByTestId("diagram")).toBeVisible();
  await expect.poll(() => lessons.param("faults")).toBe("PUBACK");
  await expect.poll(() => lessons.param("view")).toBeNull();
});

test.describe("lessons: a trainer", () => {
  test("walks a lesson with a clicker in presentation, keys working while a form field has focus", async ({
    page,
  }) => {
    const lessons = new LessonsPage(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await lessons.goto(`?view=lessons&lesson=${PUMP}&step=1`);
    await page.getByTestId("lesson.present").click();
    await expect(lessons.lesson).toHaveClass(/presenting/);
    await expect.poll(() => lessons.param("present")).toBe("1");
    const box = await lessons.lesson.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0 });

    // The first beat plays to its moment, then the narration moves on and waits for the clicker.
    await expect(lessons.beat).toContainText("Narration 2 of 3");
    await expect(lessons.beat).toHaveAttribute("data-state", "waiting");
    await page.keyboard.press("PageUp");
    await expect(lessons.beat).toContainText("Narration 1 of 3");
    await page.keyboard.press("PageDown");
    await expect(lessons.beat).toContainText("Narration 2 of 3");
    await expect(lessons.beat).toHaveAttribute("data-state", "waiting");
    await page.keyboard.press("ArrowRight");
    await expect(lessons.beat).toContainText("Narration 3 of 3");
    await expect(lessons.beat).toHaveAttribute("data-state", "waiting");
    await page.keyboard.press("PageDown");
    await lessons.expectStep(2, 6);

    // Room mode: playback stops at the question; the trainer enters the hands and reveals.
    await page.keyboard.press("PageDown");
    await expect(page.getByTestId("room")).toBeVisible();
    await page.getByTestId("room.once.plus").click();
    await page.getByTestId("room.duplicated.plus").click();
    await page.getByTestId("room.duplicated.plus").click();
    const hands = page.getByTestId("room.lost.hands");
    await hands.fill("1");
    await expect(hands).toBeFocused();
    // Focus in a form field: the clicker still walks (here: reveals the room's tally).
    await page.keyboard.press("PageDown");
    await expect(page.getByTestId("room.duplicated.share")).toHaveText("2 (50 %)");
    await expect(page.getByTestId("room.once.share")).toHaveText("1 (25 %)");
    await expect(page.getByTestId("room.duplicated")).toHaveClass(/is-right/);
    await expect(page.getByTestId("room.total")).toHaveText("4 hands in all.");
    await page.keyboard.press(".");
    await lessons.expectStep(3, 6);
    await page.keyboard.press("PageUp");
    await lessons.expectStep(2, 6);
    await page.keyboard.press("Escape");
    await expect(lessons.lesson).not.toHaveClass(/presenting/);
    await expect.poll(() => lessons.param("present")).toBeNull();
  });
});

test.describe("lessons: the embed", () => {
  for (const width of [320, 1280]) {
    test(`one lesson in a frame of ${width} px, at a step, never clipped`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/embed.html?lesson=${PUMP}&step=2&theme=dark`);
      const lessons = new LessonsPage(page);
      await lessons.expectStep(2, 6);
      await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      await expect(lessons.choices).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await lessons.answer();
      await lessons.next.click();
      await lessons.expectStep(3, 6);
      await expect(page.getByTestId("embed.open")).toHaveAttribute(
        "href",
        `./?view=lessons&lesson=${PUMP}&step=3`,
      );
    });
  }

  test("controls=none shows the step alone; a bad step is named and the lesson starts at its first", async ({
    page,
  }) => {
    const lessons = new LessonsPage(page);
    await page.goto(`/embed.html?lesson=${PUMP}&step=4&controls=none`);
    await lessons.expectStep(4, 6);
    await expect(lessons.next).toHaveCount(0);
    await page.goto(`/embed.html?lesson=${PUMP}&step=9`);
    await lessons.expectStep(1, 6);
    await expect(lessons.notice).toContainText(
      `step: expected a step from 1 to 6 of lesson ${PUMP}; got "9"`,
    );
  });
});
