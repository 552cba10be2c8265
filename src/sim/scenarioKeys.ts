/**
 * Unknown keys, at every level of a scenario, each with a "did you mean" when one is likely.
 * Plain code rather than valibot's strictObject, which stops at the first unknown key and passes
 * over "__proto__" and "constructor" in silence.
 */

import { didYouMean } from "./didYouMean.ts";
import { field, isPlainObject } from "./plainData.ts";
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

/** An object of the format: its keys, and which of them hold an object or a list of objects. */
interface Shape {
  where: string;
  known: readonly string[];
  objects: ReadonlyMap<string, Shape>;
  lists: ReadonlyMap<string, { shape: Shape; min: number; max: number }>;
}

function shapeAt(where: string): Shape {
  const known = OBJECT_KEYS.get(where) ?? [];
  const objects = new Map<string, Shape>();
  const lists = new Map<string, { shape: Shape; min: number; max: number }>();
  for (const key of known) {
    const child = where === "" ? key : `${where}.${key}`;
    if (OBJECT_KEYS.has(child)) objects.set(key, shapeAt(child));
    const bounds = Object.hasOwn(LIST_BOUNDS, child) ? LIST_BOUNDS[child as ListKey] : undefined;
    if (bounds !== undefined && OBJECT_KEYS.has(`${child}[]`)) {
      lists.set(key, { shape: shapeAt(`${child}[]`), ...bounds });
    }
  }
  return { where, known, objects, lists };
}

type ListKey = keyof typeof LIST_BOUNDS;
const ROOT = shapeAt("");

/** Every key the format does not know, as a finding naming its path. */
export function unknownFields(input: unknown): Finding[] {
  const found: Finding[] = [];
  visit(input, ROOT, [], found);
  return found;
}

function visit(value: unknown, shape: Shape, path: PathSegments, found: Finding[]): void {
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    if (!shape.known.includes(key)) {
      found.push({ path: [...path, key], message: unknownField(key, shape.where, shape.known) });
      continue;
    }
    const object = shape.objects.get(key);
    if (object !== undefined) visit(field(value, key), object, [...path, key], found);
    const list = shape.lists.get(key);
    const entries = list === undefined ? undefined : field(value, key);
    // Entries of a list of the wrong length are never read (the schema refuses it first).
    if (list === undefined || !Array.isArray(entries)) continue;
    if (entries.length < list.min || entries.length > list.max) continue;
    for (let i = 0; i < entries.length; i++) {
      if (Object.hasOwn(entries, i)) visit(entries[i], list.shape, [...path, key, i], found);
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
