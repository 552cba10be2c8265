/**
 * Reading loosely typed input (JSON, a URL, a TypeScript caller) without touching inherited
 * properties: only own fields and own array entries count, so a polluted Object.prototype or
 * Array.prototype cannot slip a value into a scenario.
 */

export type Obj = Record<string, unknown>;

/** A JSON-like object: its prototype is a realm's Object.prototype, or it has none. */
export function isPlainObject(value: unknown): value is Obj {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** An own property; explicit `undefined` counts as absent so TS callers can spread optionals. */
export function field(obj: Obj, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * The own enumerable fields that are not `undefined`, in an object without a prototype: what a
 * schema may then read with `key in`, with nothing inherited.
 */
export function ownFields<T>(obj: T): T {
  const copy: Obj = Object.create(null) as Obj;
  for (const key of Object.keys(obj as Obj)) {
    const value = (obj as Obj)[key];
    if (value !== undefined) copy[key] = value;
  }
  return copy as T;
}

/** Own array entries; a hole reads as undefined instead of falling through to Array.prototype. */
export function ownItems<T>(array: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < array.length; i++) out.push((Object.hasOwn(array, i) ? array[i] : undefined) as T);
  return out;
}
