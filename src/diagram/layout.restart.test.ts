/**
 * Broker restarts on the diagram: a note where the broker goes down, a band on its lane for the
 * time it is down, no text over either at any width; the same in the SVG and Mermaid exports.
 */
import { describe, expect, it } from "vitest";
import { traceToMermaid } from "../export/mermaid.ts";
import { retainedThenCrash } from "../sim/retain.testing.ts";
import { simulate } from "../sim/simulate.ts";
import { layout } from "./layout.ts";
import { layoutProblems } from "./layoutCheck.testing.ts";
import { diagramSvg } from "./svgString.ts";

const scenarios: unknown[] = [
  { publishQos: 2, broker: { restarts: [{ atMs: 100, kind: "crash", downMs: 500 }] } },
  {
    publishQos: 1,
    subscriber: { qos: 1 },
    broker: { persistence: "on", restarts: [{ atMs: 100, kind: "graceful", downMs: 500 }] },
  },
  {
    publishQos: 2,
    subscriber: { qos: 2 },
    messages: [{}, {}, {}],
    timing: { publishIntervalMs: 200 },
    broker: {
      persistence: { autosaveMs: 150 },
      restarts: [
        { atMs: 230, kind: "crash", downMs: 300 },
        { atMs: 1200, kind: "graceful", downMs: 0 },
      ],
    },
  },
  // An autosave restored by the crash brings back an older retained value.
  retainedThenCrash({ autosaveMs: 220 }),
];

describe("broker restarts on the diagram", () => {
  for (const [i, scenario] of scenarios.entries()) {
    for (const width of [360, 640, 1100]) {
      it(`scenario ${i} at ${width} px: a note and a band per restart, nothing overlapping`, () => {
        const trace = simulate(scenario);
        const d = layout(trace, { width });
        expect(layoutProblems(d)).toEqual([]);
        const downs = trace.events.filter((e) => e.type === "broker-down");
        const notes = d.marks.filter((m) => m.kind === "broker-down");
        const bands = d.marks.filter((m) => m.kind === "broker-up");
        expect(notes).toHaveLength(downs.length);
        expect(bands).toHaveLength(downs.length);
        const brokerX = d.lanes.find((l) => l.party === "broker")?.x;
        bands.forEach((band, j) => {
          const down = downs[j]!;
          expect(band.x).toBe(brokerX);
          expect(band.y0).toBeCloseTo(d.yOf(down.t), 6);
          expect(band.textBox).toBeNull();
          expect(notes[j]?.textBox).not.toBeNull();
        });
      });
    }
  }

  it("says what the restart kept and lost, in the note, the SVG and the Mermaid text", () => {
    const trace = simulate(scenarios[0]);
    const d = layout(trace, { width: 900 });
    const note = d.marks.find((m) => m.kind === "broker-down");
    expect(note?.label).toBe("broker crash: loses message 1; sessions lost");
    expect(d.marks.find((m) => m.kind === "broker-up")?.label).toBe("broker down 500 ms");
    const svg = diagramSvg(d, { title: "restart", idPrefix: "r" });
    expect(svg).toContain('class="seq-mark seq-broker-up"');
    expect(svg).toContain("<title>broker down 500 ms</title>");
    expect(svg).toContain("broker crash");
    expect(traceToMermaid(trace)).toContain("Note over Broker: broker crash, loses message 1, sessions lost");
  });

  it("says which retained messages a restart brings back, in the note and the Mermaid text", () => {
    const trace = simulate(scenarios[3]);
    const note = layout(trace, { width: 900 }).marks.find((m) => m.kind === "broker-down");
    expect(note?.label).toBe(
      "broker crash: sessions kept; restores its 220 ms save; retains message 1 again",
    );
    expect(traceToMermaid(trace)).toContain(
      "Note over Broker: broker crash, sessions kept, restores its 220 ms save, retains message 1 again",
    );
  });
});
