/**
 * MQTT 5.0 properties (5.0 §2.2.2): a Property Length, then identifier + value pairs. Pure.
 * Every property of the spec's table is decoded; an unknown identifier leaves the rest of the list
 * as raw bytes, because without its type nobody can know where it ends.
 */
import { DEFS, type PropertyDef, SECTIONS } from "./propertyTable.ts";
import { count, hexOf, quote, type Reader, utf8OrNull } from "./reader.ts";
import { hex2, ref } from "./spec.ts";

/** The decoded values, by property name, for callers that want numbers rather than text. */
export type PropertyValues = Record<string, number | string>;

/**
 * Reads a Property Length and the properties after it, recording a field for each.
 * `owner` is the packet type (or "WILL") for section references; `lengthSection` the section of
 * the Property Length field itself.
 */
export function readProperties(r: Reader, owner: string, lengthSection: string): PropertyValues {
  const values: PropertyValues = {};
  const len = r.vbi("Property length");
  if (!len.minimal) r.problem("Malformed: Property Length is not in its shortest form [MQTT-1.5.5-1].");
  const prefix = owner === "WILL" ? "Will properties" : "Properties";
  r.field(len.length, {
    name: `${prefix} length`,
    value: len.value === 0 ? "0 (no properties)" : count(len.value),
    explanation:
      len.value === 0
        ? "5.0 always writes the property list's length, even when it is empty, so 5.0 packets are a byte longer than their 3.1.1 twins."
        : "Length of the property list that follows.",
    spec: ref("5.0", [lengthSection, "2.2.2.1"], "[MQTT-2.2.2-1]"),
  });
  if (r.pos + len.value > r.end && !r.short) {
    r.problem(`Malformed: Property Length ${len.value} runs past the end of the packet.`);
  }
  r.enter(r.pos + len.value, "the property list");
  try {
    while (r.pos < r.end) readProperty(r, owner, values);
  } finally {
    r.leave();
  }
  return values;
}

function readProperty(r: Reader, owner: string, values: PropertyValues): void {
  const id = r.vbi("Property identifier");
  const def = DEFS[id.value];
  const section = SECTIONS[owner]?.[id.value];
  const spec = ref("5.0", section ? [section, "2.2.2.2"] : "2.2.2.2");
  if (!def) {
    // Unknown identifier: its type, hence its length, is unknown, so the rest cannot be split.
    r.problem(`Malformed: unknown property identifier ${hex2(id.value)} (5.0 §2.2.2.2).`);
    r.field(r.end - r.pos, {
      name: `Unknown property ${hex2(id.value)}`,
      value: "(raw)",
      explanation:
        "An identifier this version of MQTT does not define; what follows cannot be decoded reliably.",
      spec,
    });
    return;
  }
  const at = r.pos + id.length;
  const { length, value, raw } = readValue(r, def, at);
  values[def.name] = raw;
  r.field(id.length + length, {
    name: def.name,
    value,
    explanation: def.explanation,
    spec: id.value === 0x11 && owner === "CONNECT" ? `${spec} [MQTT-3.1.2-23]` : spec,
  });
}

function readValue(
  r: Reader,
  def: PropertyDef,
  at: number,
): { length: number; value: string; raw: number | string } {
  switch (def.kind) {
    case "byte": {
      const v = r.u8(def.name, at);
      return { length: 1, value: String(v), raw: v };
    }
    case "u16": {
      const v = r.u16(def.name, at);
      return { length: 2, value: String(v), raw: v };
    }
    case "u32": {
      const v = r.u32(def.name, at);
      const seconds = def.name.endsWith("Interval");
      return { length: 4, value: seconds ? duration(v) : String(v), raw: v };
    }
    case "vbi": {
      const v = r.vbi(def.name, at);
      return { length: v.length, value: String(v.value), raw: v.value };
    }
    case "utf8": {
      const s = readString(r, def.name, at);
      return { length: s.length, value: s.text, raw: s.text };
    }
    case "binary": {
      const n = r.u16(def.name, at);
      r.need(2 + n, def.name, at);
      const text = hexOf(r.bytes.subarray(at + 2, at + 2 + n));
      return { length: 2 + n, value: n ? text : "(empty)", raw: text };
    }
    case "pair": {
      const key = readString(r, def.name, at);
      const val = readString(r, def.name, at + key.length);
      return {
        length: key.length + val.length,
        value: `${key.text} = ${val.text}`,
        raw: `${key.text}=${val.text}`,
      };
    }
  }
}

/** A length-prefixed UTF-8 string at `at`, for display (quoted) or as hex if not valid UTF-8. */
function readString(r: Reader, what: string, at: number): { length: number; text: string } {
  const n = r.u16(what, at);
  r.need(2 + n, what, at);
  const bytes = r.bytes.subarray(at + 2, at + 2 + n);
  const text = utf8OrNull(bytes);
  if (text === null) r.problem(`Malformed: ${what} is not valid UTF-8 (5.0 §1.5.4) [MQTT-1.5.4-1].`);
  return { length: 2 + n, text: text === null ? hexOf(bytes) : quote(text) };
}

/** "3600 s (1 h)": seconds with a readable unit, and the spec's special values. */
export function duration(seconds: number): string {
  if (seconds === 0xffffffff) return `${seconds} s (never expires)`;
  if (seconds === 0) return "0 s";
  const units: [number, string][] = [
    [86400, "d"],
    [3600, "h"],
    [60, "min"],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0) return `${seconds} s (${seconds / size} ${unit})`;
  }
  return `${seconds} s`;
}
