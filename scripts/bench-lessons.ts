/**
 * `npx tsx scripts/bench-lessons.ts`: how long the lesson engine's steps take, on this machine, in
 * Node. Not a test: it prints the median and range of several rounds (these machines are noisy).
 * Lessons: every file of lessons/ when present, else the fixtures of src/lessons/fixtures/.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { auditLesson } from "../src/lessons/audit.ts";
import { parseLessonText } from "../src/lessons/lesson.ts";
import { askQuestion } from "../src/lessons/question.ts";
import { statisticsFigure } from "../src/lessons/statistics.ts";
import { simulate } from "../src/sim/simulate.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);

function texts(): string[] {
  const dir = existsSync("lessons") ? "lessons/" : "src/lessons/fixtures/";
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json") && name !== "course.json")
    .map((name) => readFileSync(dir + name, "utf8"));
}

/** Milliseconds per call: median and range over `rounds` rounds, after three warm-up calls. */
function measure(run: () => unknown, rounds = ROUNDS): string {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1] ?? 0;
  return `${median.toFixed(1)} ms (range ${(times[0] ?? 0).toFixed(1)}–${(times.at(-1) ?? 0).toFixed(1)})`;
}

const files = texts();
const lessons = files.map((text) => {
  const parsed = parseLessonText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed;
});

console.log(`${lessons.length} lessons`);
console.log(`parse every lesson (JSON text):     ${measure(() => files.map(parseLessonText))}`);
console.log(
  `audit every lesson (headless test): ${measure(() => lessons.map((l) => auditLesson(l.lesson, l.scenarios)))}`,
);
console.log(
  `ask every predict step (with its simulate): ${measure(() =>
    lessons.map((l) =>
      l.lesson.steps.map((step, i) => {
        const scenario = l.scenarios[i];
        return step.kind === "predict" && scenario ? askQuestion(step, scenario, simulate(scenario)) : null;
      }),
    ),
  )}`,
);
const withStatistics = lessons.flatMap((l) =>
  l.lesson.steps.flatMap((step, i) => {
    const scenario = l.scenarios[i];
    return step.kind === "explain" && step.statistics && scenario
      ? [{ scenario, statistics: step.statistics }]
      : [];
  }),
);
for (const { scenario, statistics } of withStatistics.slice(0, 3)) {
  const label = `statisticsFigure, ${statistics.messages} messages x 3 QoS (QoS ${scenario.publishQos} set-up)`;
  console.log(`${label}: ${measure(() => statisticsFigure(scenario, statistics), 5)}`);
}
