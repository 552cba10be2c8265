/**
 * How named parts (a link's parameters, an element's attributes) write into a scenario JSON, and
 * the one-pass read of a link whose every part is good: the first diagram's path. Leaving out
 * what the parser refuses (resolveParts.ts) is loaded only when a part is bad.
 */
import { parseScenario } from "../sim/scenario.ts";
import type { Scenario } from "../sim/types.ts";
import { child, isObj, keyOf, type Obj } from "./jsonPath.ts";

/** Where a part writes: fields by dotted path (`timing.latencyMs`), and who wrote what. */
export interface Writer {
  readonly raw: Obj;
  /** The value at a path, own fields only; undefined when absent. */
  get(path: string): unknown;
  set(path: string, value: unknown): void;
  remove(path: string): void;
  /** `to` now holds what `from` holds: a problem at `to` is blamed where `from`'s would be. */
  copy(to: string, from: string): void;
  /**
   * The value at `path`, when it is not an object, becomes an object with that value under each
   * of `keys` (`session: "clean"` → `{ publisher: "clean", subscriber: "clean" }`), blamed where
   * the value was.
   */
  spread(path: string, keys: readonly string[]): void;
}

/** One named input that sets part of the scenario, applied in the order given. */
export interface Part {
  /** The name as written: what its notice starts with. */
  readonly name: string;
  /**
   * A list part (faults): the text of each item written; a problem in one item leaves out that
   * item only. `apply` reads `kept(items)`.
   */
  readonly items?: readonly string[];
  apply(into: Writer, kept: readonly string[]): void;
}

/** Defines an own field, so that a key such as `__proto__` is a field and never the prototype. */
function define(node: Obj, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A Writer over `raw` that records which part set each field (`setBy`) and what was copied. */
export function makeWriter(raw: Obj, setBy: Map<string, Part>, aliases: Map<string, string>) {
  const split = (path: string) => path.split(".");
  const clearUnder = (key: string) => {
    for (const k of [...setBy.keys()]) if (k === key || k.startsWith(`${key}.`)) setBy.delete(k);
  };
  /** Records that the part writing now set the field at `keys` (and nothing under it is older). */
  const record = (keys: readonly string[]) => {
    const key = keyOf(keys);
    clearUnder(key);
    if (current) setBy.set(key, current);
  };
  let current: Part | null = null;
  const writer = {
    raw,
    get(path: string) {
      let node: unknown = raw;
      for (const key of split(path)) node = child(node, key);
      return node;
    },
    set(path: string, value: unknown) {
      const keys = split(path);
      let node = raw;
      for (const key of keys.slice(0, -1)) {
        if (!isObj(child(node, key))) define(node, key, {});
        node = node[key] as Obj;
      }
      define(node, keys[keys.length - 1] as string, value);
      record(keys);
    },
    remove(path: string) {
      const keys = split(path);
      const parent = keys.length === 1 ? raw : writer.get(keys.slice(0, -1).join("."));
      if (isObj(parent)) delete parent[keys[keys.length - 1] as string];
      record(keys);
    },
    copy(to: string, from: string) {
      writer.set(to, writer.get(from));
      aliases.set(to, from);
    },
    spread(path: string, keys: readonly string[]) {
      const value = writer.get(path);
      if (value === undefined || isObj(value)) return;
      const saved = current;
      current = setBy.get(keyOf(split(path))) ?? null;
      writer.set(path, {});
      for (const key of keys) writer.set(`${path}.${key}`, value);
      current = saved;
    },
    /** Writes made from now on are this part's. */
    as(part: Part | null) {
      current = part;
    },
  };
  return writer;
}

/** A fresh copy of `base` (or `{}`) with `defaults` under it; null when `base` is nested too deeply to copy. */
export function rawOf(base: Obj | null, defaults: Obj): Obj | null {
  let raw: Obj;
  try {
    raw = base === null ? {} : (JSON.parse(JSON.stringify(base)) as Obj);
  } catch {
    return null;
  }
  for (const [key, value] of Object.entries(defaults)) if (!Object.hasOwn(raw, key)) raw[key] = value;
  return raw;
}

/**
 * `base`, then `defaults`, then every part, parsed once: the scenario when the parser takes it
 * as is (what resolveParts returns then, with no notice), else null.
 */
export function applyParts(base: Obj | null, parts: readonly Part[], defaults: Obj): Scenario | null {
  const raw = rawOf(base, defaults);
  if (raw === null) return null;
  const writer = makeWriter(raw, new Map(), new Map());
  for (const part of parts) {
    writer.as(part);
    part.apply(writer, part.items ?? []);
  }
  const parsed = parseScenario(raw);
  return parsed.ok ? parsed.scenario : null;
}
