/**
 * Reading and editing a scenario JSON by a problem's field path (`faults[0].packet`): which field
 * of the JSON a problem is about, and leaving that field out. Own fields only, so that keys such as
 * `__proto__` are fields like any other. Pure except `leaveOut` and `compactFaults`, which edit the
 * reader's own copy.
 */
import { OBJECT_KEYS } from "../sim/scenarioSchema.ts";

import { child, isObj, type Obj, type Segment } from "./jsonPath.ts";

/** A problem's path (`messages[0].topic`, `["odd key"]`) as segments; null when unreadable. */
export function pathSegments(path: string): Segment[] | null {
  const out: Segment[] = [];
  const token = /^(?:\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  let rest = path;
  while (rest !== "") {
    const m = token.exec(rest);
    if (!m) return null;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else {
      try {
        out.push(JSON.parse(m[3] as string) as string);
      } catch {
        return null;
      }
    }
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** The JSON field to leave out for a problem at `segments`; null when the JSON did not set it. */
export function jsonFieldToLeaveOut(segments: readonly Segment[], json: Obj): Segment[] | null {
  let unit = [...segments];
  // A fault is one whole: a fault without its packet is no fault. A subscription needs its QoS.
  if (unit[0] === "faults" && typeof unit[1] === "number") unit = unit.slice(0, 2);
  else if (unit[0] === "subscriber" && unit[1] === "qos") unit = ["subscriber"];
  let node: unknown = json;
  let depth = 0;
  for (const segment of unit) {
    const next = child(node, segment);
    if (next === undefined) break;
    node = next;
    depth++;
  }
  if (depth === unit.length) return unit;
  if (isObj(node)) {
    const missing = unit[depth];
    const known = OBJECT_KEYS.get(knownKeysAt(unit.slice(0, depth)));
    // A known field that is absent is a default: the JSON did not set it.
    if (typeof missing !== "string" || known === undefined || known.includes(missing)) return null;
    // A key that is not there as written (an unknown key shown shortened): the unknown keys there.
    return unit.slice(0, depth + 1);
  }
  // A value where an object was expected is itself the field to leave out.
  return depth === 0 || Array.isArray(node) ? null : unit.slice(0, depth);
}

/**
 * Leaves out the field at `path` of the JSON (mutated: it is the reader's own copy). A fault is
 * marked for removal (compactFaults), so that the other faults keep their indexes this round.
 */
export function leaveOut(json: Obj, path: readonly Segment[]): boolean {
  let node: unknown = json;
  for (const segment of path.slice(0, -1)) node = child(node, segment);
  const last = path[path.length - 1] as Segment;
  if (Array.isArray(node) && typeof last === "number") {
    if (path[0] === "faults") node[last] = FAULT_OUT;
    else node[last] = {};
    return true;
  }
  if (!isObj(node)) return false;
  if (typeof last === "string" && Object.hasOwn(node, last)) {
    delete node[last];
    return true;
  }
  const known = OBJECT_KEYS.get(knownKeysAt(path.slice(0, -1)));
  let removed = false;
  for (const key of Object.keys(node)) {
    if (known && !known.includes(key)) {
      delete node[key];
      removed = true;
    }
  }
  return removed;
}

function knownKeysAt(parent: readonly Segment[]): string {
  return parent.map((s, i) => (typeof s === "number" ? "[]" : i === 0 ? s : `.${s}`)).join("");
}

const FAULT_OUT = "\u0000left out";

export function compactFaults(json: Obj): Obj {
  const faults = child(json, "faults");
  if (Array.isArray(faults)) {
    const kept = faults.filter((f) => f !== FAULT_OUT);
    if (kept.length !== faults.length) json.faults = kept;
  }
  return json;
}
