/** Deep equality of plain data (numbers, strings, booleans, null, arrays, plain objects). Pure. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) {
    const u = x[k];
    const v = y[k];
    if (u !== v && (typeof u !== "object" || !sameData(u, v))) return false;
    if (v === undefined && !(k in y)) return false;
  }
  for (const k in y) if (!(k in x)) return false;
  return true;
}
