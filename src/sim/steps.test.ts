import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "./arbitrary.ts";
import { runScenario } from "./runScenario.ts";
import { simulate } from "./simulate.ts";
import type { PacketEvent, Trace, TraceEvent } from "./types.ts";
import { stepsOf, type Step } from "./steps.ts";

/** A step as a short label: "arrive CONNACK", "event reconnected", "lost PUBACK". */
function label(trace: Trace, step: Step): string {
  const e = trace.events[step.index] as TraceEvent;
  return `${step.kind} ${e.type === "packet" ? e.packet : e.type}`;
}

describe("stepsOf: the order of one instant", () => {
  it("a reconnect comes before what arrives with its CONNACK (subscriber's PUBACK lost)", () => {
    const trace = simulate({
      publishQos: 1,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
    });
    const labels = stepsOf(trace).map((s) => label(trace, s));
    const at = (l: string, from = 0) => labels.indexOf(l, from);
    const connack = at("arrive CONNACK");
    expect(labels.slice(connack, connack + 4)).toEqual([
      "arrive CONNACK",
      "event reconnected",
      "arrive PUBLISH",
      "event deliver",
    ]);
  });

  it("a fault's loss comes before the break it causes; a packet lost with its connection after it", () => {
    // Two messages 10 ms apart: the first PUBLISH's loss breaks the connection while the second
    // is still on its way, so the second is lost with it.
    const trace = simulate({
      publishQos: 1,
      messages: [{}, {}],
      timing: { publishIntervalMs: 10 },
      faults: [{ packet: "PUBLISH" }],
    });
    const steps = stepsOf(trace);
    const labels = steps.map((s) => label(trace, s));
    const lost = labels.indexOf("lost PUBLISH");
    expect(labels.slice(lost, lost + 3)).toEqual(["lost PUBLISH", "event connection-lost", "lost PUBLISH"]);
    const second = trace.events[(steps[lost + 2] as Step).index] as PacketEvent;
    expect([second.message, second.lostBy]).toEqual([2, "connection-lost"]);
  });

  it("over random scenarios: time order, and whatever a party does at an instant follows an arrival there that caused it", () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const trace = runScenario(scenario);
        const steps = stepsOf(trace);
        for (let i = 1; i < steps.length; i++) {
          expect((steps[i] as Step).t).toBeGreaterThanOrEqual((steps[i - 1] as Step).t);
        }
        steps.forEach((step, i) => {
          const e = trace.events[step.index] as TraceEvent;
          // A reconnect is the arrival of its CONNACK, just before it.
          if (e.type === "reconnected") {
            const before = steps[i - 1] as Step;
            const packet = trace.events[before.index] as PacketEvent;
            expect([before.kind, packet.packet, before.t]).toEqual(["arrive", "CONNACK", step.t]);
          }
          // A delivery at the receiver comes after the arrival of a PUBLISH or PUBREL there.
          if (e.type === "deliver") {
            const cause = steps.slice(0, i).some((s) => {
              const p = trace.events[s.index] as TraceEvent;
              return (
                s.kind === "arrive" &&
                s.t === step.t &&
                p.type === "packet" &&
                p.to === e.at &&
                (p.packet === "PUBLISH" || p.packet === "PUBREL")
              );
            });
            expect(cause).toBe(true);
          }
        });
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
