/**
 * The diagram of retained messages, late subscribers and wills: their notes stand on the right
 * lanes, SUBSCRIBE/SUBACK/DISCONNECT arrows are labelled like the other packets, and nothing
 * collides at any width.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runScenario } from "../sim/runScenario.ts";
import { RETAIN_SCENARIOS } from "../sim/retain.testing.ts";
import { layout, packetLabel } from "./layout.ts";
import { layoutProblems } from "./layoutCheck.testing.ts";

const traces = Object.values(RETAIN_SCENARIOS).map((s) => runScenario(s));

describe("retained messages and wills in the diagram", () => {
  it("never collides, at any width from 320 px and any text scale", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: traces.length - 1 }),
        fc.integer({ min: 320, max: 1920 }),
        fc.constantFrom(1, 1.4, 1.8),
        (i, width, fontScale) => {
          expect(layoutProblems(layout(traces[i]!, { width, fontScale }))).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it("writes the retained and will notes by the broker, the publisher's end by the publisher", () => {
    const d = layout(runScenario(RETAIN_SCENARIOS.deadSensor!), { width: 900 });
    const by = (kind: string) => d.marks.filter((m) => m.kind === kind).map((m) => [m.party, m.label]);
    expect(by("retained")).toEqual([["broker", "retained: keeps message 2"]]);
    expect(by("will")).toEqual([["broker", "will published: message 2 (DISCONNECT 0x04)"]]);
    expect(by("publisher-end")).toEqual([["publisher", "publisher ends: DISCONNECT 0x04"]]);
    // Message 1 and the will both come before the subscriber joins.
    const early = ["broker", "not forwarded: nobody subscribed yet"];
    expect(by("not-forwarded")).toEqual([early, early]);
  });

  it("labels SUBACK with the granted QoS, DISCONNECT with its reason code, a retained copy with RETAIN", () => {
    const trace = runScenario(RETAIN_SCENARIOS.deadSensor!);
    const labels = trace.events.flatMap((e) => (e.type === "packet" ? [packetLabel(e)] : []));
    expect(labels).toContain("SUBSCRIBE · id 1");
    expect(labels).toContain("SUBACK · id 1 · granted QoS 1");
    expect(labels).toContain("DISCONNECT · 0x04");
    expect(labels).toContain("PUBLISH · id 1 · QoS 1 · RETAIN");
  });
});
