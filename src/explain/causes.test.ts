import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { presetScenario, PRESETS } from "../app/presets.ts";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { runScenario } from "../sim/runScenario.ts";
import { simulate } from "../sim/simulate.ts";
import type { Trace, TraceEvent, Verdict } from "../sim/types.ts";
import { finalParty, verdictCauses } from "./causes.ts";
import { explainOutcome } from "./verdict.ts";

/** The event types the diagram draws (an arrow, a badge or a mark): what can be highlighted. */
const DRAWN = new Set([
  "packet",
  "deliver",
  "timeout",
  "connection-lost",
  "session-discarded",
  "not-forwarded",
  // Issue 14: marks on the broker's lane (diagram/layout.ts), named behind a will's verdict.
  "retained",
  "will",
  "broker-down",
  "broker-up",
]);

/** Whether event `e` is about message `m`, as the trace says (not as a sentence says). */
function relates(trace: Trace, e: TraceEvent, m: number): boolean {
  switch (e.type) {
    case "session-discarded":
      return e.messages.includes(m);
    case "broker-down":
      return e.lost.includes(m);
    case "connection-lost": {
      const cause = e.causedBy === undefined ? undefined : trace.events[e.causedBy];
      return cause?.type === "packet" && cause.dropped && cause.message === m;
    }
    case "packet":
      return e.message === m;
    default:
      return "message" in e && e.message === m;
  }
}

/** The checks every verdict's causes pass, whatever the scenario. */
function expectSound(trace: Trace): void {
  for (const x of explainOutcome(trace)) {
    const indexes = x.causes.map((c) => c.index);
    expect(new Set(indexes).size).toBe(indexes.length);
    expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
    for (const { index, name } of x.causes) {
      const e = trace.events[index];
      expect(e, `cause ${index} of message ${x.message}`).toBeDefined();
      if (!e) continue;
      expect(DRAWN.has(e.type)).toBe(true);
      expect(name.length).toBeGreaterThan(0);
      // A delivery behind a verdict is the final application's; a packet is the one that made it.
      const madeDelivery = x.causes.some((c) => {
        const d = trace.events[c.index];
        return d?.type === "deliver" && d.causedBy === index;
      });
      expect(relates(trace, e, x.message) || madeDelivery, `cause ${index}: ${name}`).toBe(true);
      if (e.type === "deliver") expect(e.at).toBe(finalParty(trace));
    }
    const deliveries = x.causes.flatMap((c) => {
      const e = trace.events[c.index];
      return e?.type === "deliver" ? [e] : [];
    });
    const lostPackets = x.causes.filter((c) => {
      const e = trace.events[c.index];
      return e?.type === "packet" && e.dropped;
    });
    const expected: Record<Verdict, () => void> = {
      // Not processed: nothing delivered to show; something lost, discarded or not forwarded is.
      lost: () => {
        expect(deliveries).toEqual([]);
        expect(x.causes.length).toBeGreaterThan(0);
      },
      // Twice or more: every delivery after the first is there.
      duplicated: () => {
        expect(deliveries.length).toBeGreaterThan(0);
        expect(deliveries.every((d) => d.count > 1)).toBe(true);
      },
      // Once: the one processed delivery.
      once: () => expect(deliveries).toHaveLength(1),
    };
    expected[x.verdict]();
    // Every lost packet of the message is named.
    const allLost = trace.events.filter((e) => e.type === "packet" && e.dropped && e.message === x.message);
    expect(lostPackets).toHaveLength(allLost.length);
  }
}

describe("verdictCauses over the presets", () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))(
    "%s: every highlighted event exists and relates",
    (_, p) => {
      expectSound(runScenario(presetScenario(p)));
    },
  );

  it("QoS 1 with the PUBACK lost: the lost PUBACK, the connection it broke, the resent PUBLISH and the second delivery", () => {
    const trace = simulate({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    const [x] = explainOutcome(trace);
    expect(x?.verdict).toBe("duplicated");
    expect(x?.causes.map((c) => c.name)).toEqual([
      "PUBACK id 1 from the broker to the publisher, lost",
      "connection lost between the publisher and the broker",
      "PUBLISH id 1 from the publisher to the broker, resent",
      "delivery 2 to the broker",
    ]);
  });

  it("QoS 0 with the PUBLISH lost: the lost PUBLISH is the whole story", () => {
    const trace = simulate({ publishQos: 0, faults: [{ packet: "PUBLISH" }] });
    const names = verdictCauses(trace, 1, "lost").map((c) => c.name);
    expect(names[0]).toBe("PUBLISH from the publisher to the broker, lost");
    expect(names.some((n) => n.startsWith("delivery"))).toBe(false);
  });

  it("nothing lost: the delivery processed and the PUBLISH that made it", () => {
    const trace = simulate({ publishQos: 2 });
    expect(verdictCauses(trace, 1, "once").map((c) => c.name)).toEqual([
      "PUBREL id 1 from the publisher to the broker",
      "delivery 1 to the broker",
    ]);
  });

  it("a clean session that drops the message: the discard is named", () => {
    const preset = PRESETS.find((p) => p.id === "clean-session-qos2-lost");
    if (!preset) throw new Error("preset missing");
    const trace = runScenario(presetScenario(preset));
    const x = explainOutcome(trace).find((e) => e.verdict === "lost");
    expect(x?.causes.some((c) => c.name.includes("discarded its session"))).toBe(true);
  });
});

describe("verdictCauses over random scenarios", { timeout: 120_000 }, () => {
  it("highlights only events that exist, are drawn and relate to the verdict's message", () => {
    fc.assert(
      fc.property(arbitraryScenario({ timeout: "above-round-trip" }), (scenario) => {
        expectSound(runScenario(scenario));
      }),
      { numRuns: 300 },
    );
  });
});
