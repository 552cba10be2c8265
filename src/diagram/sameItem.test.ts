import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../sim/simulate.ts";
import type { Trace } from "../sim/types.ts";
import { layoutAt, prepare, ROOMY_HOPS, uniform, type PerKind, type Raw } from "./layout.ts";
import { sameData } from "./sameData.ts";
import { FIELDS, SAME, sameItem, type FieldRole, type ItemShift } from "./sameItem.ts";

type Kind = keyof PerKind<unknown>;
const KINDS: readonly Kind[] = ["badges", "marks", "arrows"];
type Item = Record<string, unknown>;

/** QoS 2 over two hops with a lost PUBREC and a broken link: badges, marks and arrows of many sorts. */
const SCENARIO = {
  publishQos: 2,
  subscriber: { qos: 2 },
  messages: Array.from({ length: 8 }, () => ({})),
  faults: [
    { hop: "broker-subscriber", packet: "PUBREC", message: 3, attempt: 1 },
    { hop: "publisher-broker", packet: "PUBLISH", message: 5, attempt: 1 },
  ],
} as const;

/** A trace's raw items, as layoutFrom compares them (the first try, at uniform spread). */
function rawOf(trace: Trace): Raw {
  const options = { width: 960 };
  return layoutAt(trace, options, uniform(1), prepare(trace, options, 1, ROOMY_HOPS)).placing.raw;
}

const trace = simulate(SCENARIO, { states: true });
const raw = rawOf(trace);
const items = (kind: Kind) => raw[kind] as unknown as Item[];

/** Another value of the same sort: a number, text, flag or nothing changed; an object in its first field. */
function other(v: unknown): unknown {
  if (typeof v === "number") return v + 1;
  if (typeof v === "string") return `${v}!`;
  if (typeof v === "boolean") return !v;
  if (v === null || v === undefined) return "other";
  const o = v as Item;
  const first = Object.keys(o)[0] as string;
  return { ...o, [first]: other(o[first]) };
}

/** A raw of one item of `kind` (the others empty), for comparing two items alone. */
function alone(kind: Kind, item: Item): Raw {
  return { badges: [], marks: [], arrows: [], [kind]: [item] } as unknown as Raw;
}

const same = (kind: Kind, a: Item, b: Item, shift: ItemShift = SAME) =>
  sameItem(kind, alone(kind, a), 0, alone(kind, b), 0, shift);

describe("sameItem", () => {
  it("has a role for every field of every item, and the trace has items of each kind", () => {
    for (const kind of KINDS) {
      expect(items(kind).length).toBeGreaterThan(2);
      for (const item of items(kind))
        expect(Object.keys(item).sort()).toEqual(Object.keys(FIELDS[kind]).sort());
    }
  });

  it("at the zero shift: every field, and every field of a packet's event, makes two items differ", () => {
    let cases = 0;
    for (const kind of KINDS) {
      for (const item of items(kind)) {
        expect(same(kind, item, { ...item })).toBe(true);
        for (const field of Object.keys(FIELDS[kind])) {
          expect(same(kind, item, { ...item, [field]: other(item[field]) }), `${kind}.${field}`).toBe(false);
          cases++;
        }
      }
    }
    for (const arrow of items("arrows")) {
      const event = arrow.event as Item;
      for (const field of Object.keys(event)) {
        const changed = { ...arrow, event: { ...event, [field]: other(event[field]) } };
        expect(same("arrows", arrow, changed), `event.${field}`).toBe(false);
        cases++;
      }
      // A field more in the event, or one fewer, is a difference too.
      expect(same("arrows", arrow, { ...arrow, event: { ...event, extra: 1 } })).toBe(false);
    }
    expect(cases).toBeGreaterThan(100);
  });

  it("at the zero shift is deep equality: items of a trace and of the trace with one more drop, side by side", () => {
    const faults = [
      ...SCENARIO.faults,
      { hop: "publisher-broker", packet: "PUBLISH", message: 6, attempt: 1 } as const,
    ];
    const next = rawOf(simulate({ ...SCENARIO, faults }, { states: true }));
    const seen = { same: 0, different: 0 };
    for (const kind of KINDS) {
      const n = Math.max(raw[kind].length, next[kind].length);
      for (let at = 0; at < n; at++) {
        const exact = sameData(raw[kind][at], next[kind][at]);
        expect(sameItem(kind, raw, at, next, at, SAME), `${kind}[${at}]`).toBe(exact);
        seen[exact ? "same" : "different"]++;
      }
    }
    // Not vacuous: the items before the drop are the same, those after it not.
    expect(seen.same).toBeGreaterThan(10);
    expect(seen.different).toBeGreaterThan(10);
  });

  it("at the zero shift is deep equality: an item against a copy with random fields changed", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.nat(),
        fc.uniqueArray(fc.nat({ max: 12 }), { maxLength: 3 }),
        (kind, pick, changed) => {
          const item = items(kind)[pick % items(kind).length] as Item;
          const fields = Object.keys(FIELDS[kind]);
          const copy: Item = { ...item };
          for (const f of changed) {
            const field = fields[f % fields.length] as string;
            copy[field] = other(copy[field]);
          }
          expect(same(kind, item, copy)).toBe(sameData(item, copy));
        },
      ),
      { numRuns: 400, seed: 12 },
    );
  }, 30_000);

  it("at the zero shift compares positions exactly, where the tail allows a rounding across a power of two", () => {
    const badge = items("badges")[0] as Item;
    const a = { ...badge, y: 1024 - 2 ** -40 };
    const b = { ...badge, y: 1024 };
    expect(same("badges", a, b)).toBe(false);
    const drawn = { prev: [], next: [] };
    expect(same("badges", a, b, { di: 0, dt: 0, dy: 0, drawn })).toBe(true);
    // Within one power of two, no rounding is allowed there either.
    expect(same("badges", { ...badge, y: 1000 }, { ...badge, y: 1000 + 2 ** -40 }, { ...SAME, drawn })).toBe(
      false,
    );
  });

  it("moved (the tail): the index, times and y's shifted, every field but the names makes two items differ", () => {
    const di = 3;
    const dt = 250;
    const dy = 64.5;
    const shiftOf: Record<FieldRole, (v: unknown) => unknown> = {
      same: (v) => v,
      index: (v) => (v as number) + di,
      time: (v) => (v as number) + dt,
      y: (v) => (v as number) + dy,
      // The new trace's own: never compared by the tail.
      name: other,
    };
    let cases = 0;
    for (const kind of KINDS) {
      const roles = FIELDS[kind] as Record<string, FieldRole>;
      for (const item of items(kind)) {
        const moved: Item = {};
        for (const field of Object.keys(roles))
          moved[field] = shiftOf[roles[field] as FieldRole](item[field]);
        const drawn = { prev: [{ drawn: "PUBLISH · id 1" }], next: [{ drawn: "PUBLISH · id 1" }] };
        const shift = { di, dt, dy, drawn };
        expect(same(kind, item, moved, shift)).toBe(true);
        // Not at another shift.
        for (const by of ["di", "dt", "dy"] as const)
          expect(same(kind, item, moved, { ...shift, [by]: shift[by] + 1 }), `${kind} ${by}`).toBe(false);
        for (const field of Object.keys(roles)) {
          const changed = { ...moved, [field]: other(moved[field]) };
          expect(same(kind, item, changed, shift), `${kind}.${field}`).toBe(roles[field] === "name");
          cases++;
        }
        if (kind === "arrows") {
          const otherText = { ...drawn, next: [{ drawn: "PUBLISH · id 1 · LOST" }] };
          expect(same(kind, item, moved, { ...shift, drawn: otherText })).toBe(false);
        }
      }
    }
    expect(cases).toBeGreaterThan(100);
  });
});
