import { describe, expect, it } from "vitest";
import { layout } from "../diagram/layout.ts";
import { simulate } from "../sim/simulate.ts";
import type { PacketEvent } from "../sim/types.ts";
import { diffTraces } from "./diff.ts";
import { drawableTrace, typicalFlightMs } from "./drawableTrace.ts";
import type { RealPacketEvent, RealTrace, RealTraceEvent } from "./realTrace.ts";
import { relayLike } from "./testing.ts";

const qos1PubackLost = {
  publishQos: 1,
  session: "persistent",
  retransmit: "on-reconnect",
  faults: [{ hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 }],
} as const;

/** A relay-like real trace with real-looking times: 0.5 ms between events, 250 ms before each PUBLISH. */
function timed(real: RealTrace): RealTrace {
  let t = 0;
  const events = real.events.map((e): RealTraceEvent => {
    t += e.type === "packet" && e.packet === "PUBLISH" && !e.dup ? 250 : 0.5;
    return { ...e, t };
  });
  return { ...real, events };
}

function packets(events: readonly { type: string }[]): PacketEvent[] {
  return events.filter((e): e is PacketEvent => e.type === "packet");
}

describe("drawableTrace", () => {
  it("leaves out each hop's first connection and the packets the model never draws", () => {
    const model = simulate({ ...qos1PubackLost, subscriber: { qos: 1 } });
    const real = timed(relayLike(model));
    const { trace, drawnIndex } = drawableTrace(real);
    const drawn = packets(trace.events).map((e) => `${e.hop} ${e.packet}`);
    // The model's own packets, in the model's order: the opening CONNECT/CONNACK/SUBSCRIBE/SUBACK gone.
    expect(drawn).toEqual(packets(model.events).map((e) => `${e.hop} ${e.packet}`));
    expect(drawn.filter((p) => p.endsWith("SUBSCRIBE") || p.endsWith("SUBACK"))).toEqual([]);
    real.events.forEach((e, i) => {
      const at = drawnIndex[i] ?? -1;
      if (at >= 0) expect(trace.events[at]?.t).toBe(e.t);
    });
    expect(drawnIndex.filter((i) => i >= 0)).toHaveLength(trace.events.length);
  });

  it("keeps a CONNECT and CONNACK after a loss on their hop (the reconnect)", () => {
    const model = simulate(qos1PubackLost);
    const { trace } = drawableTrace(timed(relayLike(model)));
    const connects = packets(trace.events).filter((e) => e.packet === "CONNECT" || e.packet === "CONNACK");
    expect(connects.map((e) => e.packet)).toEqual(["CONNECT", "CONNACK"]);
    const lost = trace.events.findIndex((e) => e.type === "connection-lost");
    expect(trace.events.indexOf(connects[0] as PacketEvent)).toBeGreaterThan(lost);
  });

  it("marks the relay's cut packet as dropped by a fault and keeps real times", () => {
    const model = simulate(qos1PubackLost);
    const real = timed(relayLike(model));
    const { trace } = drawableTrace(real);
    const cut = packets(trace.events).filter((e) => e.dropped);
    expect(cut).toEqual([expect.objectContaining({ packet: "PUBACK", lostBy: "fault", attempt: 1 })]);
    for (const e of packets(trace.events)) {
      expect(e.arrives).toBeGreaterThanOrEqual(e.t);
      expect(e.arrives - e.t).toBeLessThanOrEqual(trace.scenario.timing.latencyMs);
    }
    // 0.5 ms is the typical gap here, the 250 ms waits before new messages are idle time.
    expect(trace.scenario.timing.latencyMs).toBe(0.5);
    expect(trace.outcome.durationMs).toBe(real.events.at(-1)?.t);
  });

  it("lands a packet at the next later event, never after it", () => {
    const scenario = simulate({ publishQos: 1 }).scenario;
    const ev = (
      t: number,
      packet: RealPacketEvent["packet"],
      from: "publisher" | "broker",
    ): RealPacketEvent => ({
      t,
      type: "packet",
      hop: "publisher-broker",
      from,
      to: from === "publisher" ? "broker" : "publisher",
      packet,
      message: 1,
      packetId: 1,
      qos: 1,
      dup: false,
      retain: false,
      bytes: 4,
      hex: "40 02 00 01",
    });
    const real: RealTrace = {
      scenario,
      events: [ev(10, "PUBLISH", "publisher"), ev(10, "PINGREQ", "publisher"), ev(10.2, "PUBACK", "broker")],
    };
    const { trace, drawnIndex } = drawableTrace(real);
    expect(drawnIndex).toEqual([0, -1, 1]);
    const [publish, puback] = packets(trace.events);
    expect(publish?.arrives).toBeCloseTo(10.2);
    // The last packet has no later event: it lands one typical flight (0.2 ms) after it left.
    expect(puback?.arrives).toBeCloseTo(10.4);
  });

  it("renumbers causedBy to the drawn events, and drops it when it named a left-out one", () => {
    const model = simulate({ ...qos1PubackLost, subscriber: { qos: 1 } });
    const real = timed(relayLike(model));
    // A loss caused by the event before it (drawn), a reconnect by the opening CONNECT (left out).
    const withCauses: RealTrace = {
      ...real,
      events: real.events.map((e, i) =>
        e.type === "connection-lost"
          ? { ...e, causedBy: i - 1 }
          : e.type === "reconnected"
            ? { ...e, causedBy: 0 }
            : e,
      ),
    };
    const { trace, drawnIndex } = drawableTrace(withCauses);
    withCauses.events.forEach((e, i) => {
      const at = drawnIndex[i] ?? -1;
      if (at < 0 || !("causedBy" in e) || e.causedBy === undefined) return;
      const drawn = trace.events[at] as { causedBy?: number };
      const target = drawnIndex[e.causedBy] ?? -1;
      expect(drawn.causedBy).toBe(target >= 0 ? target : undefined);
    });
  });

  it("draws as a layout, and every difference's real packet is drawn", () => {
    const model = simulate(qos1PubackLost);
    const realModel = simulate({ ...qos1PubackLost, faults: [] });
    const real = timed(relayLike(realModel));
    const differences = diffTraces(model, real);
    expect(differences.length).toBeGreaterThan(0);
    const { trace, drawnIndex } = drawableTrace(real);
    const drawing = layout(trace, { width: 640 });
    expect(drawing.arrows).toHaveLength(packets(trace.events).length);
    for (const d of differences) {
      if (d.realIndex === undefined) continue;
      expect(drawnIndex[d.realIndex]).toBeGreaterThanOrEqual(0);
    }
  });

  it("counts deliveries at the final receiver for its outcome", () => {
    const model = simulate({ ...qos1PubackLost, subscriber: { qos: 1 } });
    const { trace } = drawableTrace(timed(relayLike(model)));
    expect(trace.outcome.messages).toEqual(model.outcome.messages);
  });
});

describe("typicalFlightMs", () => {
  it("is the median gap between events at different times", () => {
    expect(typicalFlightMs([0, 1, 2, 2, 3, 303])).toBe(1);
    expect(typicalFlightMs([0, 2, 4, 10])).toBe(2);
    expect(typicalFlightMs([0, 2, 6, 10])).toBe(4);
  });
  it("is 1 ms when no two events are at different times", () => {
    expect(typicalFlightMs([])).toBe(1);
    expect(typicalFlightMs([5, 5])).toBe(1);
  });
});
