import { describe, expect, it } from "vitest";
import { parseLesson } from "../../../lessons/lesson.ts";
import { lockedChange, solutionScenario } from "../../../lessons/solution.ts";
import type { TaskStep } from "../../../lessons/lessonSchema.ts";
import { runScenario } from "../../../sim/runScenario.ts";
import { parseScenarioOrThrow } from "../../../sim/scenario.ts";
import { toggleDrop } from "../../../sim/interventions.ts";
import type { PacketEvent, Scenario } from "../../../sim/types.ts";
import { readDraft, draftText } from "./draftStore.ts";
import { eventChoices } from "./eventChoices.ts";
import {
  addStep,
  compactScenario,
  draftToLesson,
  emptyDraft,
  goalFromOutcome,
  idFromTitle,
  moveStep,
  removeStep,
  solutionFrom,
  updateStep,
  type LessonDraft,
  type StepDraft,
} from "./lessonDraft.ts";
import { placeProblems } from "./problemPlaces.ts";
import { checkDraft, validAsks } from "./validateDraft.ts";

const scenario = (input: unknown) => parseScenarioOrThrow(input);
/** What the lab has on screen after a click on the first packet of this type: it is dropped. */
function dropFirst(s: Scenario, packet: string): Scenario {
  const event = runScenario(s).events.find(
    (e): e is PacketEvent => e.type === "packet" && e.packet === packet,
  );
  if (!event) throw new Error(`no ${packet}`);
  return toggleDrop(s, event);
}

const pump = scenario({
  publishQos: 1,
  messages: [{ topic: "plant/p101/cmd", payload: "Start Pump P-101" }],
});
const pumpLost = dropFirst(pump, "PUBACK");
const batch = scenario({ publishQos: 2, subscriber: { qos: 2 } });

function edit<S extends StepDraft>(draft: LessonDraft, change: (step: S) => S): LessonDraft {
  const last = draft.steps[draft.steps.length - 1] as S;
  return updateStep(draft, last.key, (s) => change(s as S));
}

/** The four kinds, recorded as a trainer does: set up, add a step, write, change the diagram. */
function recorded(): LessonDraft {
  let d: LessonDraft = {
    ...emptyDraft(),
    id: "pump-duplicate",
    title: "Start Pump P-101 — twice?",
    audience: "Plant engineers",
    minutes: "12",
    summary: "A lost PUBACK and a **duplicate** command.",
  };
  d = addStep(d, "show", pumpLost);
  const trace = runScenario(pumpLost);
  const lostAck = eventChoices(trace).find((c) => c.match.dropped === true);
  d = edit(d, (s) =>
    s.kind === "show"
      ? {
          ...s,
          text: "Watch the PUBACK.",
          beats: [
            { text: "Lost.", until: lostAck?.match ?? null },
            { text: "Resent.", until: null },
          ],
        }
      : s,
  );
  d = addStep(d, "predict", pumpLost);
  d = edit(d, (s) =>
    s.kind === "predict"
      ? { ...s, text: "How often does the pump start?", reveal: "Twice: QoS 1 is at least once." }
      : s,
  );
  d = addStep(d, "task", pump);
  d = edit(d, (s) =>
    s.kind === "task" ? { ...s, text: "Make the pump start twice.", hint: "Drop an acknowledgement." } : s,
  );
  // The trainer drops the PUBACK on screen, then takes goal and solution from it.
  const solved = runScenario(pumpLost);
  d = edit(d, (s) =>
    s.kind === "task"
      ? {
          ...s,
          goal: { ...goalFromOutcome(s.goal, solved), drops: { min: "", max: "1" } },
          solution: solutionFrom(s.scenario, solved.scenario, s.may),
        }
      : s,
  );
  d = addStep(d, "explain", batch);
  d = edit(d, (s) =>
    s.kind === "explain" ? { ...s, text: "QoS 1 resends until acknowledged.", spec: "MQTT-4.3.2-5" } : s,
  );
  return d;
}

describe("a lesson recorded in the builder", () => {
  it("is a valid lesson whose steps show the scenarios they captured", () => {
    const draft = recorded();
    const parsed = parseLesson(draftToLesson(draft));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.lesson.steps.map((s) => s.kind)).toEqual(["show", "predict", "task", "explain"]);
    // The predict step shows the show step's scenario (left out of the file as the same).
    expect(parsed.scenarios.slice(0, 3)).toEqual([pumpLost, pumpLost, pump]);
    // An explain step without its diagram shows the previous one.
    expect(parsed.scenarios[3]).toEqual(pump);
    // Valid, with core's audit saying what would not work as taught: no check at the end.
    expect(checkDraft(draft)).toMatchObject({
      ok: true,
      id: "pump-duplicate",
      steps: 4,
      problems: [],
      warnings: [
        { path: "steps[3]", message: expect.stringMatching(/end with an assessed predict or task/) },
      ],
    });
    const reordered = moveStep(draft, draft.steps[3]?.key ?? 0, -1);
    expect(checkDraft(reordered)).toMatchObject({ ok: true, warnings: [] });
  });

  it("leaves a scenario out only when the previous step with one had the same", () => {
    const steps = draftToLesson(recorded()).steps as Record<string, unknown>[];
    expect(steps.map((s) => "scenario" in s)).toEqual([true, false, true, false]);
    expect(steps[0]?.scenario).toEqual(compactScenario(pumpLost));
    // Defaults are left out: a short file and link.
    expect(compactScenario(pump)).toEqual({ publishQos: 1, messages: pump.messages });
    expect(parseScenarioOrThrow(compactScenario(batch))).toEqual(batch);
  });

  it("writes the task's goal and solution so the solution meets it and stays within may", () => {
    const lesson = parseLesson(draftToLesson(recorded()));
    if (!lesson.ok) throw new Error("invalid");
    const task = lesson.lesson.steps[2] as TaskStep;
    expect(task.goal).toMatchObject({
      verdict: "duplicated",
      deliveries: { min: 2, max: 2 },
      processed: { min: 2, max: 2 },
      drops: { max: 1 },
    });
    const solution = solutionScenario(task, pump);
    expect(runScenario(solution).outcome.messages[0]?.verdict).toBe("duplicated");
    expect(lockedChange(task, pump, solution)).toBeNull();
  });

  it("warns of a task the start already solves, and of a beat's event the step never has", () => {
    const draft = recorded();
    const task = draft.steps[2];
    const solvedStart = updateStep(draft, task?.key ?? 0, (s) => ({ ...s, scenario: pumpLost }));
    const warnings = checkDraft(solvedStart).warnings.map((w) => `${w.path}: ${w.message}`);
    expect(warnings).toContainEqual(
      expect.stringMatching(/^steps\[2\]\.goal: the start scenario already meets the goal/),
    );
    // The show step captured again over the clean run: its lost PUBACK never happens.
    const show = draft.steps[0];
    const moved = updateStep(draft, show?.key ?? 0, (s) => ({ ...s, scenario: pump }));
    expect(checkDraft(moved).warnings.map((w) => w.path)).toContain("steps[0].narration[0].until");
  });

  it("sets only the allowed fields the screen changed", () => {
    const start = scenario({ publishQos: 1, subscriber: { qos: 1 } });
    const screen = scenario({ publishQos: 2, subscriber: { qos: 1 }, session: "clean", dedupe: true });
    expect(solutionFrom(start, screen, ["drop", "publishQos", "subscriberQos", "dedupe"])).toEqual({
      faults: [],
      set: { publishQos: 2, dedupe: true },
    });
    const split = scenario({ publishQos: 1, session: { publisher: "clean", subscriber: "persistent" } });
    expect(solutionFrom(start, split, ["session"]).set).toEqual({
      session: { publisher: "clean", subscriber: "persistent" },
    });
  });

  it("names each bad field where the builder shows it", () => {
    let draft = recorded();
    draft = { ...draft, minutes: "twelve", id: "Pump P-101" };
    draft = updateStep(draft, draft.steps[0]?.key ?? 0, (s) => ({ ...s, text: "Press <b>Start</b>" }));
    const checked = checkDraft(draft);
    expect(checked.ok).toBe(false);
    const placed = placeProblems(checked.problems, draft);
    expect(placed.at.get("minutes")?.[0]).toMatch(/expected an integer from 1 to 240; got "twelve"/);
    expect(placed.at.get("id")?.[0]).toMatch(/lower-case/);
    expect(placed.at.get("steps[0].text")?.[0]).toMatch(/no HTML/);
    expect(placed.rest).toEqual([]);
  });

  it("asks for a solution and at least one step, beside the steps", () => {
    const empty = checkDraft({ ...recorded(), steps: [] });
    expect(placeProblems(empty.problems, { ...recorded(), steps: [] }).at.get("steps")?.[0]).toMatch(
      /1 to 40/,
    );
    const draft = recorded();
    const noSolution = updateStep(draft, draft.steps[2]?.key ?? 0, (s) =>
      s.kind === "task" ? { ...s, solution: null } : s,
    );
    const placed = placeProblems(checkDraft(noSolution).problems, noSolution);
    expect(placed.at.get("steps[2].solution")).toEqual([expect.stringMatching(/missing/)]);
  });

  it("offers hand-on only for QoS 2, as the validator accepts it", () => {
    expect(validAsks(pump)).toEqual(["processed", "next-resend", "holder", "qos-needed"]);
    expect(validAsks(batch)).toEqual(["processed", "hand-on", "next-resend", "holder", "qos-needed"]);
  });
});

describe("editing the steps", () => {
  it("moves, removes and keeps keys", () => {
    const d = recorded();
    const keys = d.steps.map((s) => s.key);
    expect(new Set(keys).size).toBe(4);
    const moved = moveStep(d, keys[1] ?? 0, -1);
    expect(moved.steps.map((s) => s.key)).toEqual([keys[1], keys[0], keys[2], keys[3]]);
    expect(moveStep(d, keys[0] ?? 0, -1)).toBe(d);
    expect(moveStep(d, keys[3] ?? 0, 1)).toBe(d);
    expect(removeStep(d, keys[2] ?? 0).steps.map((s) => s.kind)).toEqual(["show", "predict", "explain"]);
    // A new step gets a key none of the others has.
    const added = addStep(removeStep(d, keys[0] ?? 0), "show", pump);
    expect(new Set(added.steps.map((s) => s.key)).size).toBe(added.steps.length);
  });

  it("makes an id from a title", () => {
    expect(idFromTitle("Start Pump P-101 — twice?")).toBe("start-pump-p-101-twice");
    expect(idFromTitle("Größe über alles")).toBe("grosse-uber-alles");
    expect(idFromTitle("x".repeat(70))).toHaveLength(60);
  });
});

describe("the stored draft", () => {
  it("reads back what was stored, whatever the text's language", () => {
    const d = { ...recorded(), title: "Pumpe P‑101: zweimal gestartet? ✓" };
    expect(readDraft(draftText(d))).toEqual(d);
  });

  it("starts empty on a broken value, and leaves out a step whose scenario is not valid", () => {
    expect(readDraft("{not json")).toBeNull();
    expect(readDraft(JSON.stringify({ draft: 2, lesson: {} }))).toBeNull();
    const stored = JSON.parse(draftText(recorded())) as { lesson: { steps: { scenario: unknown }[] } };
    const first = stored.lesson.steps[0];
    if (first) first.scenario = { publishQos: 7 };
    expect(readDraft(JSON.stringify(stored))?.steps.map((s) => s.kind)).toEqual([
      "predict",
      "task",
      "explain",
    ]);
  });
});
