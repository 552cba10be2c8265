/**
 * A scenario from named parts (a link's parameters, an element's attributes) laid over an optional
 * scenario JSON, keeping every part the scenario parser accepts. Each problem the parser reports
 * leaves out exactly what caused it, then the scenario is parsed again:
 *
 * - a field a part set: that part (a fault list: only the fault in question);
 * - a field the JSON set: that field of the JSON (a fault: the whole fault; the subscription's
 *   QoS: the subscription; a message that is no object: a default message in its place);
 * - a field nobody set (a default that conflicts with a given field, e.g. the default resend
 *   timer with `timing.latencyMs=5000` in "on-timeout" mode): the given field it depends on
 *   (CONFLICT_SOURCES), so the other parts still apply.
 *
 * Each thing left out gets one notice naming it (every one, not just the first); its default, or
 * the JSON's value under a part, stands in. Pure; never throws.
 */
import { formatProblem, MAX_PROBLEMS, parseScenario } from "../sim/scenario.ts";
import type { Problem, Scenario } from "../sim/types.ts";
import { keyOf, type Obj, type Segment } from "./jsonPath.ts";
import { makeWriter, rawOf, type Part } from "./partsWriter.ts";
import { compactFaults, jsonFieldToLeaveOut, leaveOut, pathSegments } from "./scenarioJson.ts";

export type { Obj } from "./jsonPath.ts";
export type { Part } from "./partsWriter.ts";

/**
 * For a field that no part and no JSON set (a default), the given fields whose values made the
 * default wrong, most likely first: the one found set is left out instead.
 */
const CONFLICT_SOURCES: Readonly<Record<string, readonly string[]>> = {
  // The resend timer must be at least half the latency in "on-timeout" mode (scenarioRules.ts).
  "timing.timeoutMs": ["timing.latencyMs", "retransmit"],
};

/** At most this many rounds of leaving out; each leaves out at least one thing. */
const MAX_ROUNDS = 50;

export interface Resolved {
  scenario: Scenario;
  notices: string[];
}

/** What a problem is blamed on. */
type Target = (
  | { kind: "part"; part: Part; item?: number; rest: string }
  | { kind: "json"; path: Segment[] }
  | { kind: "base" }
) & {
  /** Blamed for a default's problem it caused (CONFLICT_SOURCES), not for its own value. */
  conflict?: true;
};

/** The items of a list part still in. */
function keptItems(
  part: Part,
  dropped: ReadonlyMap<Part, Set<number>>,
): { texts: string[]; index: number[] } {
  const out = dropped.get(part);
  const texts: string[] = [];
  const index: number[] = [];
  (part.items ?? []).forEach((text, i) => {
    if (out?.has(i)) return;
    texts.push(text);
    index.push(i);
  });
  return { texts, index };
}

/**
 * Applies `base` (a JSON object, or null), then `defaults` for top-level fields it lacks (the
 * reader's own defaults), then each part in order; leaves out what the parser refuses, as the
 * file comment says.
 */
export function resolveParts(
  base: Obj | null,
  baseName: string,
  parts: readonly Part[],
  defaults: Obj = {},
): Resolved {
  const notices: string[] = [];
  const off = new Set<Part>();
  const droppedItems = new Map<Part, Set<number>>();
  let json: Obj | null = base;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const raw = rawOf(json, defaults);
    if (raw === null) {
      // Nested beyond what JSON.stringify can walk: the JSON cannot be used at all.
      notices.push(`${baseName}: expected a JSON object in the scenario format; it is nested too deeply`);
      json = null;
      continue;
    }
    const setBy = new Map<string, Part>();
    const aliases = new Map<string, string>();
    const writer = makeWriter(raw, setBy, aliases);
    const itemIndex = new Map<Part, number[]>();
    for (const part of parts) {
      if (off.has(part)) continue;
      const { texts, index } = keptItems(part, droppedItems);
      itemIndex.set(part, index);
      writer.as(part);
      part.apply(writer, texts);
    }
    const parsed = parseScenario(raw);
    if (parsed.ok) return { scenario: parsed.scenario, notices };

    // Every problem is blamed on this round's input before anything is left out.
    // Past MAX_PROBLEMS the parser adds one line counting the rest: those come next round.
    const listed =
      parsed.problems.length > MAX_PROBLEMS ? parsed.problems.slice(0, MAX_PROBLEMS) : parsed.problems;
    const targets = listed.map((problem) => {
      const target = blame(unalias(problem, aliases), setBy, json);
      return { problem, target, id: targetId(target, itemIndex) };
    });
    const done = new Set<string>();
    let progress = false;
    for (const { problem, target, id } of targets) {
      if (done.has(id)) continue;
      done.add(id);
      notices.push(noticeOf(problem, target, baseName, itemIndex));
      if (target.kind === "base") {
        progress ||= json !== null;
        json = null;
      } else if (target.kind === "json") {
        if (json !== null && leaveOut(json, target.path)) progress = true;
      } else if (target.item !== undefined) {
        const original = itemIndex.get(target.part)?.[target.item];
        if (original !== undefined) {
          const set = droppedItems.get(target.part) ?? new Set<number>();
          set.add(original);
          droppedItems.set(target.part, set);
          progress = true;
        }
      } else {
        off.add(target.part);
        progress = true;
      }
    }
    if (json !== null) json = compactFaults(json);
    if (!progress) break;
  }
  // Nothing left to leave out and still refused (not met in practice): the format's defaults.
  notices.push(`${baseName}: could not be applied; one QoS 1 message stands in`);
  const fallback = parseScenario({ publishQos: 1 });
  if (!fallback.ok) throw new Error("the default scenario is invalid");
  return { scenario: fallback.scenario, notices };
}

function targetId(target: Target, itemIndex: ReadonlyMap<Part, number[]>): string {
  if (target.kind === "base") return "base";
  if (target.kind === "json") return `json${keyOf(target.path)}`;
  const item = target.item === undefined ? "" : `#${itemIndex.get(target.part)?.[target.item] ?? ""}`;
  return `part:${target.part.name}${item}`;
}

/** A problem at a copied field (`subscriber.qos` copied from `publishQos`) is its source's. */
function unalias(problem: Problem, aliases: ReadonlyMap<string, string>): Problem {
  const from = aliases.get(problem.path);
  return from === undefined ? problem : { ...problem, path: from };
}

/** Who is to blame for a problem, by its path. */
function blame(problem: Problem, setBy: ReadonlyMap<string, Part>, json: Obj | null): Target {
  const segments = pathSegments(problem.path);
  if (segments === null || segments.length === 0) return { kind: "base" };
  const own = blameSet(segments, setBy) ?? jsonTarget(segments, json);
  if (own) return own;
  for (const related of CONFLICT_SOURCES[problem.path] ?? []) {
    const path = related.split(".");
    const found = blameSet(path, setBy) ?? jsonTarget(path, json);
    if (found) return { ...found, conflict: true };
  }
  return { kind: "base" };
}

/** The JSON's field to leave out, as a target. */
function jsonTarget(segments: readonly Segment[], json: Obj | null): Target | null {
  const path = json === null ? null : jsonFieldToLeaveOut(segments, json);
  return path === null ? null : { kind: "json", path };
}

/** The part that set this field (or the list it is an item of), or fields inside it. */
function blameSet(segments: readonly Segment[], setBy: ReadonlyMap<string, Part>): Target | null {
  for (let n = segments.length; n >= 1; n--) {
    const part = setBy.get(keyOf(segments.slice(0, n)));
    if (!part) continue;
    const rest = segments.slice(n);
    if (part.items !== undefined && typeof rest[0] === "number") {
      const after = rest.slice(1).filter((s): s is string => typeof s === "string");
      return { kind: "part", part, item: rest[0], rest: after.join(".") };
    }
    return { kind: "part", part, rest: "" };
  }
  const key = keyOf(segments);
  for (const [set, part] of setBy) if (set.startsWith(`${key}.`)) return { kind: "part", part, rest: "" };
  return null;
}

function noticeOf(
  problem: Problem,
  target: Target,
  baseName: string,
  itemIndex: ReadonlyMap<Part, number[]>,
): string {
  const { message } = problem;
  if (target.kind === "base") return `${baseName}: ${formatProblem(problem)}; the ${baseName} was left out`;
  if (target.kind === "json") {
    const blamed = keyOf(target.path).replace(/^\./, "");
    if (target.conflict)
      return `${baseName}: ${blamed}: left out, as it conflicts: ${formatProblem(problem)}`;
    const whole = blamed !== problem.path && problem.path.startsWith(blamed) ? ` (${blamed} left out)` : "";
    return `${baseName}: ${problem.path}: ${message}${whole}`;
  }
  const { part, item, rest } = target;
  if (target.conflict) return `${part.name}: left out, as it conflicts: ${formatProblem(problem)}`;
  if (item !== undefined) {
    const original = itemIndex.get(part)?.[item];
    const text = original === undefined ? "" : (part.items?.[original] ?? "");
    return `${part.name}: ${JSON.stringify(text)}${rest ? ` (${rest})` : ""}: ${message}`;
  }
  return `${part.name}: ${message}`;
}
