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

  it("draws no packet less than most of a typical flight after the event before it; long gaps stay real", () => {
    const real = timed(relayLike(simulate(qos1PubackLost)));
    // The reconnect's CONNECT and CONNACK within the same millisecond.
    const connack = real.events.findIndex((e) => e.type === "packet" && e.packet === "CONNACK" && e.t > 0);
    const connect = real.events[connack - 1] as RealTraceEvent;
    const events = real.events.map((e, i) => (i === connack ? { ...e, t: connect.t } : e));
    const { trace, drawnIndex } = drawableTrace({ ...real, events });
    const flight = trace.scenario.timing.latencyMs;
    const drawn = packets(trace.events);
    drawn.forEach((p, i) => {
      if (i > 0) expect(p.t - (drawn[i - 1] as PacketEvent).t).toBeGreaterThanOrEqual(0.75 * flight - 1e-9);
    });
    // A 250 ms wait before a PUBLISH is drawn as 250 ms.
    const publishes = real.events.flatMap((e, i) =>
      e.type === "packet" && e.packet === "PUBLISH" && !e.dup && i > 0 ? [i] : [],
    );
    for (const i of publishes) {
      const at = drawnIndex[i] ?? -1;
      const before = trace.events[at - 1];
      if (at > 0 && before !== undefined) expect(trace.events[at]!.t - before.t).toBeCloseTo(250, 6);
    }
    const flat = layout(trace, { width: 600 }).arrows.filter((a) => !(a.endY - a.y1 > 0));
    expect(flat.map((a) => a.event.packet)).toEqual([]);
  });

  it("keeps a random loss's cause and draws a packet held behind a cut as lost with its connection", () => {
    const real = timed(relayLike(simulate(qos1PubackLost)));
    const cutAt = real.events.findIndex((e) => e.type === "packet" && e.cut === true);
    const events = real.events.map((e, i): RealTraceEvent => {
      if (i !== cutAt || e.type !== "packet") return e;
      return { ...e, lostBy: "random" } as RealTraceEvent;
    });
    // A packet that waited behind a held one: dropped, never cut.
    const behind = events.findIndex((e, i) => i > cutAt && e.type === "packet");
    events[behind] = { ...(events[behind] as RealPacketEvent), dropped: true };
    const { trace, drawnIndex } = drawableTrace({ ...real, events });
    expect(trace.events[drawnIndex[cutAt] ?? -1]).toMatchObject({ dropped: true, lostBy: "random" });
    expect(trace.events[drawnIndex[behind] ?? -1]).toMatchObject({
      dropped: true,
      lostBy: "connection-lost",
    });
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
    // The drawing ends when its last packet lands, after the last event the relay saw.
    const lands = packets(trace.events).map((e) => e.arrives);
    expect(trace.outcome.durationMs).toBe(Math.max(real.events.at(-1)?.t ?? 0, ...lands));
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
