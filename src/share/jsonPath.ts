/**
 * The few helpers that walk a scenario JSON by field: shared by the one-pass read of a link
 * (partsWriter.ts) and by leaving out a bad field (scenarioJson.ts, loaded only when needed).
 */
export type Obj = Record<string, unknown>;
export type Segment = string | number;

export function keyOf(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("");
}

export function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The child at `segment`, own entries only (never `__proto__`'s prototype). */
export function child(node: unknown, segment: Segment): unknown {
  if (Array.isArray(node) && typeof segment === "number") return node[segment];
  if (isObj(node) && typeof segment === "string" && Object.hasOwn(node, segment)) return node[segment];
  return undefined;
}
