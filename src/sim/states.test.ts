import { describe, expect, it } from "vitest";
import { simulate } from "./simulate.ts";
import type { StateEvent, TraceEvent } from "./types.ts";

const states = (events: TraceEvent[]) =>
  events.filter((e): e is StateEvent => e.type === "state").map((e) => `${e.at} ${e.role} ${e.state}`);

describe("state recording", () => {
  it("records the QoS 2 handshake state by state on both sides", () => {
    const trace = simulate({ publishQos: 2 }, { states: true });
    expect(states(trace.events)).toEqual([
      "publisher sender queued",
      "publisher sender awaitingPubrec",
      "broker receiver stored",
      "publisher sender awaitingPubcomp",
      "broker receiver idle",
      "publisher sender complete",
    ]);
  });

  it("records what a clean reconnect discards on both sides", () => {
    const trace = simulate(
      { publishQos: 2, session: "clean", faults: [{ packet: "PUBREL" }] },
      { states: true },
    );
    expect(states(trace.events).slice(-2)).toEqual([
      "broker receiver discarded",
      "publisher sender discarded",
    ]);
  });

  it("reads the same snapshots whichever driver runs the machines", () => {
    const scenario = {
      publishQos: 2,
      subscriber: { qos: 2 },
      session: "clean",
      faults: [{ packet: "PUBREL" }],
    };
    const pure = simulate(scenario, { states: true, driver: "pure" });
    const actor = simulate(scenario, { states: true, driver: "actor" });
    expect(states(pure.events)).toEqual(states(actor.events));
    expect(pure.events).toEqual(actor.events);
  });

  it("changes nothing else in the trace", () => {
    const scenario = {
      publishQos: 2,
      subscriber: { qos: 1 },
      messages: [{}, {}],
      faults: [{ packet: "PUBREC" }, { hop: "broker-subscriber", packet: "PUBACK", message: 2 }],
    };
    const plain = simulate(scenario);
    const withStates = simulate(scenario, { states: true });
    // causedBy counts state events too (an index into the trace as returned): map it back.
    const plainIndex = new Map<number, number>();
    withStates.events.forEach((e, i) => {
      if (e.type !== "state") plainIndex.set(i, plainIndex.size);
    });
    const mapped = withStates.events
      .filter((e) => e.type !== "state")
      .map((e) =>
        "causedBy" in e && e.causedBy !== undefined ? { ...e, causedBy: plainIndex.get(e.causedBy) } : e,
      );
    expect(mapped).toEqual(plain.events);
    expect(withStates.outcome).toEqual(plain.outcome);
  });
});
