/**
 * Unknown keys, at every level of a scenario, each with a "did you mean" when one is likely.
 * Plain code rather than valibot's strictObject, which stops at the first unknown key and passes
 * over "__proto__" and "constructor" in silence.
 */

import { didYouMean } from "./didYouMean.ts";
import { field, isPlainObject, ownItems } from "./plainData.ts";
import type { Finding, PathSegments } from "./scenarioErrors.ts";
import { LIST_BOUNDS, OBJECT_KEYS, SCENARIO_KEYS } from "./scenarioSchema.ts";

/** Where a key misplaced at the root really belongs (a Map: no inherited "constructor"). */
const ROOT_ALIASES: ReadonlyMap<string, string> = new Map([
  ["qos", "publishQos"],
  ["version", "protocol"],
  ["topic", "messages"],
  ["payload", "messages"],
  ["retain", "messages"],
  ["packet", "faults"],
  ["latencyms", "timing"],
  ["timeoutms", "timing"],
  ["reconnectdelayms", "timing"],
  ["publishintervalms", "timing"],
]);

/** Every key the format does not know, as a finding naming its path. */
export function unknownFields(input: unknown): Finding[] {
  const found: Finding[] = [];
  visit(input, [], "", found);
  return found;
}

function visit(value: unknown, path: PathSegments, where: string, found: Finding[]): void {
  const known = OBJECT_KEYS.get(where);
  if (known === undefined || !isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      found.push({ path: [...path, key], message: unknownField(key, where, known) });
      continue;
    }
    const child = field(value, key);
    const childWhere = where === "" ? key : `${where}.${key}`;
    const bounds = Object.hasOwn(LIST_BOUNDS, key) ? LIST_BOUNDS[key as keyof typeof LIST_BOUNDS] : undefined;
    if (bounds === undefined || where !== "") visit(child, [...path, key], childWhere, found);
    else if (Array.isArray(child) && child.length >= bounds.min && child.length <= bounds.max) {
      // Entries of a list of the wrong length are never read (the schema refuses it first).
      ownItems(child).forEach((entry, i) => visit(entry, [...path, key, i], `${childWhere}[]`, found));
    }
  }
}

function unknownField(key: string, where: string, known: readonly string[]): string {
  // "$schema" is allowed but is not a scenario field: the list names what a scenario holds.
  const listed = where === "" ? SCENARIO_KEYS : known;
  const guess = didYouMean(key, listed) ?? (where === "" ? ROOT_ALIASES.get(key.toLowerCase()) : undefined);
  const hint = guess === undefined ? "" : `; did you mean "${guess}"?`;
  return `unknown field; expected one of ${listed.join(", ")}${hint}`;
}
