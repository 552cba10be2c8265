import { describe, expect, it } from "vitest";
import { auditLesson } from "./audit.ts";
import { parseLesson } from "./lesson.ts";

function audit(steps: unknown[]) {
  const parsed = parseLesson({
    lesson: 1,
    id: "x",
    title: "T",
    audience: "A",
    minutes: 5,
    summary: "S",
    steps,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return auditLesson(parsed.lesson, parsed.scenarios);
}

const show = { kind: "show", text: "x", scenario: { publishQos: 1 } };
const closing = { kind: "predict", text: "?", question: { ask: "processed" } };
const task = (extra: Record<string, unknown>) => ({
  kind: "task",
  text: "t",
  hint: "h",
  goal: { verdict: "duplicated" },
  solution: { faults: [{ packet: "PUBACK" }] },
  ...extra,
});

describe("auditLesson", () => {
  it("finds nothing wrong in a lesson that works", () => {
    expect(audit([show, task({}), closing])).toStrictEqual([]);
  });

  it("names a moment the step's trace never reaches", () => {
    const narration = [
      { text: "a", until: { packet: "PUBREC" } },
      { text: "b", until: { packet: "PUBLISH", nth: 2 } },
    ];
    expect(audit([{ ...show, narration }, closing])).toStrictEqual([
      { path: "steps[0].narration[0].until", message: "no event of this step's trace matches" },
      {
        path: "steps[0].narration[1].until",
        message: "no event of this step's trace matches (or fewer than 2 do)",
      },
    ]);
    expect(audit([show, { ...closing, stopAt: { packet: "PUBACK", dropped: true } }])).toStrictEqual([
      { path: "steps[1].stopAt", message: "no event of this step's trace matches" },
    ]);
  });

  it("names a beat that stops no later than an earlier one (playback would not move between them)", () => {
    // QoS 1, one hop: the PUBLISH arrives at 40 ms (the broker delivers then), the PUBACK at 80 ms.
    const narration = [
      { text: "a", until: { packet: "PUBLISH" } },
      { text: "b", until: { type: "deliver", at: "broker" } },
      { text: "c", until: { packet: "PUBACK" } },
      { text: "d" },
      { text: "e", until: { packet: "PUBLISH" } },
    ];
    expect(audit([{ ...show, narration }, closing])).toStrictEqual([
      {
        path: "steps[0].narration[1].until",
        message: "stops at 40 ms, not after narration[0]'s stop at 40 ms: expected a later moment",
      },
      {
        path: "steps[0].narration[4].until",
        message: "stops at 40 ms, not after narration[2]'s stop at 80 ms: expected a later moment",
      },
    ]);
    const inOrder = narration.slice(0, 1).concat(narration.slice(2, 4));
    expect(audit([{ ...show, narration: inOrder }, closing])).toStrictEqual([]);
  });

  it("refuses a goal the start already meets, and a solution that misses the goal", () => {
    expect(
      audit([show, task({ goal: { verdict: "once" }, solution: { faults: [] } }), closing]),
    ).toStrictEqual([
      {
        path: "steps[1].goal",
        message: "the start scenario already meets the goal: the learner has nothing to do",
      },
    ]);
    expect(audit([show, task({ solution: { faults: [{ packet: "PUBLISH" }] } }), closing])).toStrictEqual([
      {
        path: "steps[1].solution",
        message: "the solution does not meet the goal: message 1 is processed twice or more",
      },
    ]);
  });

  it("refuses a spec id the reference does not cite, and a lesson that does not end with a check", () => {
    expect(audit([show, closing, { kind: "explain", text: "e", spec: ["MQTT-9.9.9-9"] }])).toStrictEqual([
      { path: "steps[2].spec[0]", message: '"MQTT-9.9.9-9" is not a statement mqtt-reference.md cites' },
      {
        path: "steps[2]",
        message:
          "expected the lesson to end with an assessed predict or task step (the check of understanding)",
      },
    ]);
    expect(audit([show, { ...closing, assessed: false }])).toHaveLength(1);
  });
});
