import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { runScenario } from "../sim/runScenario.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { simulate } from "../sim/simulate.ts";
import { PRESETS, presetScenario } from "../app/presets.ts";
import { arrowProgress, layout, LEAVING, packetAriaLabel } from "./layout.ts";
import { layoutProblems } from "./layoutCheck.testing.ts";
import { stepsOf } from "../sim/steps.ts";
import { toggleDrop } from "../sim/interventions.ts";
import type { PacketEvent } from "../sim/types.ts";
import { CLICK_BENCH_SCENARIO } from "./clickBench.testing.ts";

describe("layout", () => {
  it("draws one arrow per packet, slanted down by the latency", () => {
    const trace = simulate({ publishQos: 2, subscriber: { qos: 2 } });
    const d = layout(trace, { width: 900 });
    const packets = trace.events.filter((e) => e.type === "packet");
    expect(d.arrows).toHaveLength(packets.length);
    for (const a of d.arrows) {
      expect(a.y2).toBeGreaterThan(a.y1);
      expect(a.endY).toBe(a.y2);
    }
  });

  it("stops a lost packet halfway, at its ✕", () => {
    const trace = simulate({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    const d = layout(trace, { width: 900 });
    const lost = d.arrows.find((a) => a.event.dropped)!;
    expect(lost.tEnd).toBe(lost.event.t + 20);
    expect(lost.endX).toBeCloseTo((lost.x1 + lost.x2) / 2, 6);
    // Its would-be arrival may fall in a squeezed idle stretch; what is drawn ends at the loss.
    expect(lost.endY).toBeCloseTo(d.yOf(lost.event.t + 20), 6);
    expect(lost.ariaLabel).toBe("PUBACK, message 1, attempt 1, broker to publisher, dropped");
  });

  it("marks the second delivery to the application as a duplicate", () => {
    const trace = simulate({ publishQos: 1, subscriber: { qos: 1 }, faults: [{ packet: "PUBACK" }] });
    const badges = layout(trace, { width: 900 }).badges.filter((b) => b.final);
    expect(badges.map((b) => [b.count, b.duplicate])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it("says what the application did with each delivery, read from its causedBy", () => {
    const trace = simulate({
      publishQos: 1,
      subscriber: { qos: 1 },
      dedupe: true,
      faults: [{ packet: "PUBACK" }],
    });
    const badges = layout(trace, { width: 900 }).badges;
    expect(badges.filter((b) => b.final).map((b) => b.processed)).toEqual(["processed", "ignored"]);
    expect(badges.filter((b) => !b.final).map((b) => b.processed)).toEqual([null, null]);
  });

  it("draws each timer from the packet it guarded, even with several copies in flight", () => {
    fc.assert(
      fc.property(arbitraryScenario({ retransmit: ["on-timeout"] }), (scenario) => {
        const trace = runScenario(scenario);
        const d = layout(trace, { width: 900 });
        for (const mark of d.marks.filter((m) => m.kind === "timeout")) {
          expect(mark.label).toContain(`after ${scenario.timing.timeoutMs} ms`);
          expect(mark.y0).toBeCloseTo(d.yOf(mark.t - scenario.timing.timeoutMs), 6);
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("puts packets leaving together in the same direction on separate rows", () => {
    const trace = simulate({
      publishQos: 1,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
    });
    const d = layout(trace, { width: 900 });
    const connack = d.arrows.find((a) => a.event.packet === "CONNACK")!;
    const resent = d.arrows.find((a) => a.event.packet === "PUBLISH" && a.event.dup)!;
    expect(resent.event.t).toBe(connack.event.t);
    expect(resent.y1).toBeGreaterThan(connack.y1);
  });

  it("names CONNECT by its connection attempt", () => {
    const trace = simulate({ publishQos: 0, faults: [{ packet: "PUBLISH" }] });
    const connect = trace.events.find((e) => e.type === "packet" && e.packet === "CONNECT");
    expect(connect?.type === "packet" && packetAriaLabel(connect)).toBe(
      "CONNECT, connection attempt 1, publisher to broker",
    );
  });

  it("grows an arrow from its sender as playback time passes", () => {
    const trace = simulate({ publishQos: 0 });
    const arrow = layout(trace, { width: 900 }).arrows[0]!;
    expect(arrowProgress(arrow, -1)).toBe(0);
    expect(arrowProgress(arrow, 20)).toBeCloseTo(0.5);
    expect(arrowProgress(arrow, 40)).toBe(1);
  });
});

describe("stepsOf", () => {
  it("has a send and an arrival or a loss for every packet, in time order", () => {
    const trace = simulate({ publishQos: 2, faults: [{ packet: "PUBREL" }] });
    const steps = stepsOf(trace);
    const packets = trace.events.filter((e) => e.type === "packet").length;
    expect(steps.filter((s) => s.kind === "send")).toHaveLength(packets);
    expect(steps.filter((s) => s.kind === "arrive" || s.kind === "lost")).toHaveLength(packets);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.t).toBeGreaterThanOrEqual(steps[i - 1]!.t);
  });
});

describe("packets that leave together", () => {
  it("draw what the lower one causes no higher than its arrival", () => {
    const trace = simulate({
      publishQos: 1,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
    });
    const d = layout(trace, { width: 900 });
    const resent = d.arrows.find((a) => a.event.packet === "PUBLISH" && a.event.dup)!;
    const duplicate = d.badges.find((b) => b.duplicate)!;
    const answer = d.arrows.find((a) => a.event.packet === "PUBACK" && a.event.attempt === 2)!;
    expect(duplicate.y).toBeCloseTo(resent.y2, 6);
    expect(answer.y1).toBeCloseTo(resent.y2, 6);
  });
});

describe("notes", () => {
  it("fit inside the drawing, even at its very end", () => {
    const trace = simulate({
      publishQos: 2,
      session: "clean",
      subscriber: { qos: 2 },
      faults: [{ packet: "PUBREL" }],
    });
    const d = layout(trace, { width: 900 });
    const notes = d.marks.filter((m) => m.kind === "session-discarded");
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note.y + 50).toBeLessThanOrEqual(d.height);
  });
});

describe("text boxes", () => {
  const duplicate = () => runScenario(presetScenario(PRESETS.find((p) => p.id === "pump-qos1-puback-lost")!));

  it("keep the duplicate's badge whole inside the drawing at 640 px (the embed's default)", () => {
    const d = layout(duplicate(), { width: 640 });
    const badge = d.badges.find((b) => b.duplicate)!;
    expect(badge.textBox.lines.join(" ")).toBe("m1 DUPLICATE (2×)");
    expect(badge.textBox.x + badge.textBox.w).toBeLessThanOrEqual(d.width);
    expect(d.width).toBe(640);
  });

  it("scale with fontScale: a packet label at 24 px or more for a projector, the default look untouched", () => {
    const plain = layout(duplicate(), { width: 1920 });
    const big = layout(duplicate(), { width: 1920, fontScale: 1.8 });
    expect(plain.arrows[0]!.labelBox.fontPx).toBe(13.5);
    expect(plain.arrows[0]!.labelBox.sized).toBe(false);
    expect(big.arrows[0]!.labelBox.fontPx).toBeGreaterThanOrEqual(24);
    expect(big.arrows[0]!.labelBox.sized).toBe(true);
    expect(big.headerPx).toBeCloseTo(1.8 * plain.headerPx, 6);
    expect(big.height).toBeGreaterThan(plain.height);
  });

  it("wrap at ' · ' and widen the drawing when 320 px cannot hold the widest piece", () => {
    const d = layout(duplicate(), { width: 320 });
    expect(d.width).toBeGreaterThan(320);
    expect(d.arrows.some((a) => a.labelBox.lines.length > 1)).toBe(true);
    expect(layoutProblems(d)).toEqual([]);
  });
});

describe("the playhead", () => {
  /** Where the things of instant t are drawn: the playhead must reach the lowest of them. */
  function lowestAt(d: ReturnType<typeof layout>, t: number): number {
    let y = d.yOf(t);
    for (const a of d.arrows) {
      if (a.event.t === t) y = Math.max(y, a.y1);
      if (a.tEnd === t) y = Math.max(y, a.endY);
    }
    for (const b of d.badges) if (b.t === t) y = Math.max(y, b.y);
    for (const m of d.marks) if (m.t === t && m.kind !== "timeout") y = Math.max(y, m.y);
    return y;
  }

  it("meets the arrow it narrates at every step, also in a lower slot (QoS 1 duplicate)", () => {
    const trace = simulate({
      publishQos: 1,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
    });
    const d = layout(trace, { width: 900 });
    const last = d.arrows.at(-1)!;
    expect(d.playheadY(last.tEnd)).toBeCloseTo(last.endY, 6);
    for (const step of stepsOf(trace)) expect(d.playheadY(step.t)).toBeCloseTo(lowestAt(d, step.t), 6);
  });

  it("meets every instant's lowest arrow end, delivery or mark, for random scenarios", () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const trace = runScenario(scenario);
        const d = layout(trace, { width: 900 });
        for (const step of stepsOf(trace)) expect(d.playheadY(step.t)).toBeCloseTo(lowestAt(d, step.t), 6);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe("a packet just sent", () => {
  it("is drawn leaving its sender at its send step, not invisible", () => {
    const arrow = layout(simulate({ publishQos: 0 }), { width: 900 }).arrows[0]!;
    expect(arrowProgress(arrow, arrow.event.t)).toBe(LEAVING);
    expect(arrowProgress(arrow, arrow.event.t - 0.001)).toBe(0);
  });
});

describe("layoutProblems (what the property test checks)", () => {
  it("names a label moved onto another, onto its own line, or out of the drawing", () => {
    const d = layout(simulate({ publishQos: 2 }), { width: 900 });
    expect(layoutProblems(d)).toEqual([]);
    const [a, b] = d.arrows;
    const onOther = { ...a!.labelBox, x: b!.labelBox.x, y: b!.labelBox.y };
    const boxes = d.boxes.map((x) => (x.owner === a!.key && x.kind === "label" ? { ...x, ...onOther } : x));
    expect(layoutProblems({ ...d, boxes }).join()).toContain("overlaps");
    const mid = { x: (a!.x1 + a!.endX) / 2 - 10, y: (a!.y1 + a!.endY) / 2 - 5 };
    const arrows = d.arrows.map((x) => (x === a ? { ...x, labelBox: { ...x.labelBox, ...mid } } : x));
    expect(layoutProblems({ ...d, arrows }).join()).toContain("lies on its own line");
    expect(layoutProblems({ ...d, width: 100 }).join()).toContain("outside the drawing");
  });
});

describe("the drawing's size", () => {
  it("is whole pixels, as SVG size attributes and screenshot viewports need", () => {
    fc.assert(
      fc.property(arbitraryScenario(), fc.integer({ min: 320, max: 1920 }), (scenario, width) => {
        const d = layout(runScenario(scenario), { width });
        expect(Number.isInteger(d.width) && Number.isInteger(d.height)).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe("a local spread", () => {
  // The click of npm run bench:ui: 60 packets.
  const scenario = CLICK_BENCH_SCENARIO;
  const trace = simulate(scenario);
  const width = 833;
  const flight = trace.scenario.timing.latencyMs;

  it("draws a crowded instant taller and leaves a quiet one at the normal height", () => {
    const d = layout(trace, { width });
    expect(layoutProblems(d)).toEqual([]);
    // Just after the first reconnection (440 ms) the CONNACK, the reconnection's line and the
    // PUBLISH sent again crowd the PUBLISH's label: that flight and its neighbours are drawn taller.
    expect(d.yOf(440 + flight) - d.yOf(440)).toBeGreaterThan(56);
    // The first CONNECT after the reconnect delay flies alone: its flight keeps the normal height.
    expect(d.yOf(360 + flight) - d.yOf(360)).toBe(56);
  });

  it("keeps everything drawn before a dropped packet where it was, and moves nothing sideways", () => {
    const target = trace.events.find(
      (e): e is PacketEvent => e.type === "packet" && e.packet === "PUBLISH" && e.message === 3,
    )!;
    const dropped = simulate({ ...scenario, faults: toggleDrop(trace.scenario, target).faults });
    const [a, b] = [layout(trace, { width }), layout(dropped, { width })];
    expect(b.lanes).toEqual(a.lanes);
    const before = <T extends { key: string; t: number }>(xs: readonly T[]) =>
      new Map(xs.filter((x) => x.t < target.t).map((x) => [x.key, { ...x, event: undefined }]));
    const arrows = (d: typeof a) => d.arrows.map((x) => ({ ...x, t: x.event.t }));
    expect(before(arrows(a)).size).toBeGreaterThan(20);
    expect(before(arrows(b))).toEqual(before(arrows(a)));
    expect(before(b.badges)).toEqual(before(a.badges));
    expect(before(b.marks)).toEqual(before(a.marks));
  });
});

describe("a burst of deliveries at one lane", () => {
  // Found by layout.property.test.ts: resends every 42 ms on an 84 ms link deliver three messages
  // sixteen times, two of them at one instant; at 320 px the wrapped badges need a taller drawing
  // than the usual tries give.
  it("gets a drawing tall enough for every badge, without overlaps", () => {
    const trace = runScenario(
      parseScenarioOrThrow({
        protocol: "3.1.1",
        retransmit: "on-timeout",
        session: { publisher: "clean", subscriber: "clean" },
        publishQos: 1,
        subscriber: { qos: 2 },
        qos2Delivery: { broker: "on-publish", subscriber: "on-publish" },
        dedupe: true,
        messages: [
          { topic: "v/3/y", payload: "prop" },
          { topic: "851pa/g02m/s5q0", payload: "xOs", retain: true },
          { topic: "98a", payload: "CpW", retain: true },
        ],
        timing: { latencyMs: 84, timeoutMs: 42, reconnectDelayMs: 0, publishIntervalMs: 1 },
      }),
    );
    const d = layout(trace, { width: 320 });
    expect(layoutProblems(d)).toEqual([]);
    expect(d.fits).toBe(true);
  });

  // Also found by the property test: four messages published at once, each delivered over and
  // over, stack their badges further down than a few hundred small steps reach.
  it("stacks as many badges as one instant brings", () => {
    const trace = runScenario(
      parseScenarioOrThrow({
        protocol: "3.1.1",
        retransmit: "on-timeout",
        session: { publisher: "clean", subscriber: "persistent" },
        publishQos: 1,
        subscriber: { qos: 1 },
        dedupe: true,
        messages: [
          { topic: "5", payload: "dU6L#}i5", retain: true },
          { topic: "3/a1s8", payload: "7}IgB>ut", retain: true },
          { topic: "8l7/7q/r", payload: "<)KOVcP&", retain: true },
          { topic: "xd", payload: "8$jG" },
        ],
        timing: { latencyMs: 89, timeoutMs: 45, reconnectDelayMs: 0, publishIntervalMs: 0 },
      }),
    );
    const d = layout(trace, { width: 320 });
    expect(layoutProblems(d)).toEqual([]);
  });
});
