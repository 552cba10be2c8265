/**
 * Pure edits of a raw scenario object for the set-up's real-world controls: each sets one field
 * or removes it, so that a control left at its default leaves the field out (absent means what the
 * scenario meant before issue 14). Never mutates its input; objects and lists on the path are copied.
 */

export type Json = Record<string, unknown>;
export type Path = readonly (string | number)[];

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : isObject(value) && Object.keys(value).length === 0;
}

function copyOf(value: unknown, next: string | number): Json | unknown[] {
  if (Array.isArray(value)) return [...(value as unknown[])];
  if (isObject(value)) return { ...value };
  return typeof next === "number" ? [] : {};
}

/**
 * The field at `path` set to `value`, or removed when `value` is undefined. A removal that leaves
 * an object or list empty removes that too (up to, never including, the root); a removed list entry
 * is taken out of its list.
 */
export function setField<T extends Json>(raw: T, path: Path, value: unknown): T {
  return setAt(raw, path, value) as T;
}

function setAt(raw: Json | unknown[], path: Path, value: unknown): Json | unknown[] {
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (path.length === 0) return raw;
  const current = (raw as Record<string | number, unknown>)[head];
  const next = rest.length === 0 ? value : setAt(copyOf(current, rest[0] as string | number), rest, value);
  const remove = next === undefined || (value === undefined && isEmpty(next));
  if (Array.isArray(raw)) {
    const out = [...raw];
    if (remove) out.splice(head as number, 1);
    else out[head as number] = next;
    return out;
  }
  const out: Json = { ...raw };
  if (remove) delete out[head];
  else out[head] = next;
  return out;
}

/** A fault or refusal naming a message past `count` (CONNECT and CONNACK faults name none). */
function namesMessagePast(entry: unknown, count: number): boolean {
  if (!isObject(entry)) return false;
  if (entry.packet === "CONNECT" || entry.packet === "CONNACK") return false;
  return typeof entry.message === "number" && entry.message > count;
}

/**
 * `count` messages: kept from the first, new ones after the last with its topic and a numbered
 * payload; faults and refusals that named a message no longer there are dropped with it.
 */
export function withMessageCount<T extends Json>(raw: T, count: number): T {
  const messages = Array.isArray(raw.messages) ? (raw.messages as unknown[]) : [{}];
  const last = (messages[messages.length - 1] ?? {}) as Json;
  const kept = messages.slice(0, count);
  for (let n = kept.length + 1; n <= count; n++) {
    const { topic, payload } = last;
    const base = typeof payload === "string" ? payload.replace(/ \(\d+\)$/, "") : "Message";
    kept.push({
      ...(typeof topic === "string" ? { topic } : {}),
      payload: `${base} (${n})`,
      ...(last.retain === true ? { retain: true } : {}),
    });
  }
  let out = setField(raw, ["messages"], kept);
  for (const key of ["faults", "refusals"] as const) {
    const list = out[key];
    if (!Array.isArray(list)) continue;
    const left = list.filter((entry) => !namesMessagePast(entry, count));
    if (left.length !== list.length)
      out = setField(out, [key], key === "faults" || left.length ? left : undefined);
  }
  return out;
}

export type Schedule = "interval" | "back-to-back" | "custom";

/** How the messages are timed: every publishIntervalMs (no atMs), all at 0 ms, or anything else. */
export function scheduleOf(messages: readonly { atMs?: number | undefined }[]): Schedule {
  if (messages.every((m) => m.atMs === undefined)) return "interval";
  if (messages.every((m) => m.atMs === 0)) return "back-to-back";
  return "custom";
}

/** Every message at 0 ms (back to back), or none with a time of its own (one per interval). */
export function withSchedule<T extends Json>(raw: T, schedule: "interval" | "back-to-back"): T {
  const messages = Array.isArray(raw.messages) ? (raw.messages as unknown[]) : [{}];
  return setField(
    raw,
    ["messages"],
    messages.map((m) =>
      setField(isObject(m) ? m : {}, ["atMs"], schedule === "back-to-back" ? 0 : undefined),
    ),
  );
}

/**
 * The refusal of `message` on `hop` set to `reasonCode`, or removed (undefined); at most one per
 * message and hop, kept in message order.
 */
export function withRefusal<T extends Json>(
  raw: T,
  hop: "publisher-broker" | "broker-subscriber",
  message: number,
  reasonCode: number | undefined,
): T {
  const list = (Array.isArray(raw.refusals) ? raw.refusals : []).filter(
    (r) => !(isObject(r) && (r.hop ?? "publisher-broker") === hop && (r.message ?? 1) === message),
  );
  if (reasonCode !== undefined) list.push({ hop, message, reasonCode });
  list.sort((a, b) => (((a as Json).message as number) ?? 1) - (((b as Json).message as number) ?? 1));
  return setField(raw, ["refusals"], list.length ? list : undefined);
}
