import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { simulate } from "../sim/simulate.ts";
import type { Scenario, Trace } from "../sim/types.ts";
import { layout, prepare, ROOMY_HOPS, type DiagramLayout } from "./layout.ts";
import { HEAD_FROM_EVENTS, headLayout, layoutHead } from "./layoutHead.ts";
import { visiblePart } from "./visible.ts";

/** Everything `d` draws that reaches above `bottom`, with the lanes and the drawing's width. */
function above(d: DiagramLayout, bottom: number): unknown {
  const top = (...ys: (number | undefined)[]) => Math.min(...ys.filter((y) => y !== undefined));
  const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
  return json({
    width: d.width,
    scale: d.scale,
    headerPx: d.headerPx,
    lanes: d.lanes,
    arrows: d.arrows.filter((a) => top(a.y1, a.endY, a.labelBox.y) <= bottom),
    badges: d.badges.filter((b) => top(b.cy - b.r, b.textBox.y) <= bottom),
    marks: d.marks.filter((m) => top(m.y0, m.y, m.textBox?.y) <= bottom),
    gaps: d.gaps.filter((g) => g.y0 <= bottom),
    gapBoxes: d.gapBoxes.filter((g) => g.y <= bottom),
    boxes: d.boxes.filter((b) => b.y <= bottom),
    yOf: [0, 10, 100, 1000].map((t) => (d.yOf(t) <= bottom ? d.yOf(t) : null)),
  });
}

/** A long run of `base`'s messages, repeated, published `apart` ms apart when given. */
function longRun(base: Scenario, count: number, apart: number | undefined) {
  const messages = Array.from({ length: count }, (_, i) => base.messages[i % base.messages.length]!);
  const timing = { ...base.timing, ...(apart ? { publishIntervalMs: apart } : {}) };
  return simulate({ ...base, messages, timing }, { states: true });
}

describe("layoutHead: a long trace's top, laid out alone", () => {
  it("draws above `bottom` exactly what the whole layout draws there, over random long traces", () => {
    const seen = { runs: 0, heads: 0 };
    fc.assert(
      fc.property(
        arbitraryScenario({ maxFaults: 6 }),
        fc.integer({ min: 120, max: 220 }),
        fc.constantFrom(undefined, 400, 1000),
        fc.constantFrom(640, 960, 1280),
        fc.constantFrom(1, 1, 1.8),
        fc.constantFrom(600, 1200, 2400),
        (base, count, apart, width, fontScale, bottom) => {
          const trace = longRun(base, count, apart);
          const options = { width, fontScale };
          const head = headLayout(trace, options, bottom, 1);
          seen.runs++;
          if (!head) return;
          seen.heads++;
          const whole = layout(trace, options);
          expect(above(head, bottom)).toEqual(above(whole, bottom));
          expect(head.partOf?.arrows).toBe(whole.arrows.length);
          expect(head.arrows.length).toBeLessThanOrEqual(whole.arrows.length);
        },
      ),
      { numRuns: 100, seed: 12 },
    );
    // Not vacuous: many traces have a head. The others crowd (a text found no place at the normal
    // height, so the whole drawing decides how tall each stretch is) or are busy without a pause.
    expect(seen.heads).toBeGreaterThan(seen.runs / 3);
  }, 300_000);

  it("lays out a small part of the 1,000-message trace, the first screen as the whole layout", () => {
    const trace = simulate(
      { publishQos: 2, subscriber: { qos: 2 }, messages: Array.from({ length: 1000 }, () => ({})) },
      { states: true },
    );
    const options = { width: 1280 };
    const head = layoutHead(trace, options, 2400);
    if (!head) throw new Error("no head");
    const whole = layout(trace, options);
    expect(above(head, 2400)).toEqual(above(whole, 2400));
    expect(head.arrows.length).toBeLessThan(whole.arrows.length / 50);
    expect(head.partOf).toEqual({ arrows: 8000 });
    // The page draws a head a band at a time, as the whole: the first band is the same.
    const band = { top: 0, bottom: 2400 };
    expect(visiblePart(head, band).arrows.map((a) => a.key)).toEqual(
      visiblePart(whole, band).arrows.map((a) => a.key),
    );
    // The whole after the head takes the head's lanes (prepare, once per trace and options): the
    // same drawing as the whole of the same run laid out cold.
    expect(prepare(trace, options, 1, ROOMY_HOPS)).toBe(prepare(trace, options, 1, ROOMY_HOPS));
    expect(prepare(trace, { width: 1000 }, 1, ROOMY_HOPS)).not.toBe(prepare(trace, options, 1, ROOMY_HOPS));
    const cold = simulate(trace.scenario, { states: true });
    expect(cold).not.toBe(trace);
    expect(above(whole, Infinity)).toEqual(above(layout(cold, options), Infinity));
  }, 60_000);

  it("leaves a short trace, fixed margins and a head that is most of the trace to the whole layout", () => {
    const trace = simulate({ publishQos: 1, messages: [{}, {}] }, {});
    expect(layoutHead(trace, { width: 960 }, 2400)).toBeNull();
    const long: Trace = simulate(
      { publishQos: 2, subscriber: { qos: 2 }, messages: Array.from({ length: 400 }, () => ({})) },
      {},
    );
    expect(long.events.length).toBeGreaterThanOrEqual(HEAD_FROM_EVENTS);
    expect(layoutHead(long, { width: 960, margins: { left: 100, right: 100 } }, 2400)).toBeNull();
    // A band as tall as most of the drawing: the head would be most of the trace.
    expect(layoutHead(long, { width: 960 }, 150_000)).toBeNull();
    expect(layoutHead(long, { width: 960 }, 2400)).not.toBeNull();
  }, 60_000);
});
