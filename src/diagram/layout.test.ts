import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { runScenario } from "../sim/engine.ts";
import { simulate } from "../sim/simulate.ts";
import { arrowProgress, layout, packetAriaLabel } from "./layout.ts";
import { stepsOf } from "../sim/steps.ts";

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
