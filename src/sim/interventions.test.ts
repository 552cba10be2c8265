import { describe, expect, it } from "vitest";
import { toggleDrop } from "./interventions.ts";
import { simulate } from "./simulate.ts";
import type { PacketEvent, Trace } from "./types.ts";

const packets = (trace: Trace) => trace.events.filter((e): e is PacketEvent => e.type === "packet");

describe("dropping and restoring a packet", () => {
  it("drops the clicked packet and the simulation reacts to it", () => {
    const trace = simulate({ publishQos: 1 });
    const puback = packets(trace).find((p) => p.packet === "PUBACK")!;
    const dropped = simulate(toggleDrop(trace.scenario, puback));
    expect(dropped.outcome.messages[0]?.verdict).toBe("duplicated");
  });

  it("drops a resent copy: PUBREC twice is two clicks", () => {
    let trace = simulate({ publishQos: 2 });
    for (let click = 1; click <= 2; click++) {
      const pubrec = packets(trace).find((p) => p.packet === "PUBREC" && !p.dropped)!;
      expect(pubrec.attempt).toBe(click);
      trace = simulate(toggleDrop(trace.scenario, pubrec));
    }
    expect(packets(trace).filter((p) => p.packet === "PUBREC" && p.lostBy === "fault")).toHaveLength(2);
    expect(trace.outcome.messages[0]?.verdict).toBe("once");
  });

  it("restores a dropped packet to the original trace", () => {
    const original = simulate({ publishQos: 2, subscriber: { qos: 1 } });
    const publish = packets(original)[0]!;
    const dropped = simulate(toggleDrop(original.scenario, publish));
    const restored = simulate(toggleDrop(dropped.scenario, packets(dropped)[0]!));
    expect(restored).toEqual(original);
  });

  it("leaves a packet lost with its connection alone", () => {
    const trace = simulate({ publishQos: 2, subscriber: { qos: 2 }, faults: [{ packet: "PUBREC" }] });
    const scenario = { ...trace.scenario, timing: { ...trace.scenario.timing } };
    const event = { ...packets(trace)[0]!, dropped: true, lostBy: "connection-lost" as const };
    expect(toggleDrop(scenario, event)).toBe(scenario);
  });
});
