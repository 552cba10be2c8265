/**
 * What the explanations, the diagram and the exports say about offline periods, queues and expiry:
 * each read from the trace's disconnected, session-expired and not-forwarded events.
 */
import { describe, expect, it } from "vitest";
import { layout } from "../diagram/layout.ts";
import { layoutProblems } from "../diagram/layoutCheck.testing.ts";
import { diagramSvg } from "../diagram/svgString.ts";
import { traceToMermaid } from "../export/mermaid.ts";
import type { Trace } from "../sim/types.ts";
import { verdictCauses } from "./causes.ts";
import { run, sentence } from "./testing.ts";
import { explainOutcome } from "./verdict.ts";

const away = (end: "disconnect" | "cut", atMs = 500, forMs = 3000) => ({
  publishQos: 1,
  subscriber: { qos: 1, offline: [{ atMs, forMs, end }] },
});

const expiredInQueue = run({
  ...away("disconnect"),
  messages: [{ payload: "a" }, { payload: "b", expiryS: 1 }],
});
const sessionGone = run({
  ...away("cut"),
  messages: [{ payload: "a" }, { payload: "b" }, { payload: "c" }],
  sessionExpiryS: { subscriber: 1 },
});
const queueFull = run({
  ...away("disconnect"),
  messages: [{ payload: "a" }, { payload: "b" }, { payload: "c" }],
  broker: { maxQueued: 1 },
});

function why(trace: Trace, message: number): string {
  return explainOutcome(trace)[message - 1]?.why ?? "";
}

describe("narration of offline periods", () => {
  it("says how the subscriber leaves and when it comes back", () => {
    expect(sentence(expiredInQueue, "event", (e) => e.type === "disconnected")).toBe(
      "The subscriber goes offline: it sends DISCONNECT and closes the connection. It comes back at 3500 ms.",
    );
    expect(sentence(sessionGone, "event", (e) => e.type === "disconnected")).toBe(
      "The subscriber goes offline: its connection breaks, losing anything in flight. It comes back at 3500 ms.",
    );
  });

  it("says a message accepted while the subscriber is away waits in its queue", () => {
    expect(
      sentence(expiredInQueue, "event", (e) => e.type === "deliver" && e.at === "broker" && e.message === 2),
    ).toBe("The broker accepts message 2; the subscriber is away, so it waits in the subscriber's queue.");
    expect(
      sentence(queueFull, "event", (e) => e.type === "deliver" && e.at === "broker" && e.message === 1),
    ).toBe("The broker accepts message 1 and routes it to the subscription.");
  });

  it("tells a message that expired in the queue, and a session that expired with its queue", () => {
    expect(sentence(expiredInQueue, "event", (e) => e.type === "not-forwarded")).toBe(
      "Message 2 expired while the subscriber was away: its Message Expiry Interval passed in the queue, so the broker deletes it.",
    );
    expect(sentence(sessionGone, "event", (e) => e.type === "session-expired")).toBe(
      "The subscriber stayed away longer than its Session Expiry Interval (1 s): the broker ends its session, and with it message 2, never delivered.",
    );
    expect(sentence(queueFull, "event", (e) => e.type === "not-forwarded")).toBe(
      "The subscriber is offline and its queue is full, so the broker drops message 3.",
    );
  });
});

describe("verdicts of offline periods", () => {
  it("says a message expired while the subscriber was away", () => {
    expect(why(expiredInQueue, 2)).toContain("expired while the subscriber was away");
  });

  it("says the session expired, and names that event among the causes", () => {
    expect(why(sessionGone, 2)).toContain("stayed away longer than its Session Expiry Interval (1 s)");
    expect(why(sessionGone, 3)).toContain("because the subscriber's session had expired");
    const names = verdictCauses(sessionGone, 2, "lost").map((c) => c.name);
    expect(names).toContain("the subscriber's session expired");
  });

  it("says the queue was full", () => {
    expect(why(queueFull, 3)).toContain("its queue was full");
  });
});

describe("drawings and exports of offline periods", () => {
  for (const [name, trace] of [
    ["expired in the queue", expiredInQueue],
    ["session expired", sessionGone],
    ["queue full", queueFull],
  ] as const) {
    it(`lays out ${name} with every note in place and nothing overlapping, at 1280 and 360 px`, () => {
      for (const width of [1280, 360]) {
        const d = layout(trace, { width });
        expect(layoutProblems(d)).toEqual([]);
        expect(d.marks.filter((m) => m.kind === "disconnected")).toHaveLength(1);
      }
    });
  }

  it("writes the offline and expiry notes on their lanes, in the SVG and in Mermaid", () => {
    const d = layout(sessionGone, { width: 1280 });
    const labels = d.marks.map((m) => m.label);
    expect(labels).toContain("offline: connection cut, back at 3500 ms");
    expect(labels).toContain("session expired after 1 s: drops message 2");
    expect(labels).toContain("not forwarded: subscriber's session expired");
    const svg = diagramSvg(d, { title: "t", idPrefix: "q" });
    expect(svg).toContain("seq-disconnected");
    expect(svg).toContain("seq-session-expired");
    const mermaid = traceToMermaid(sessionGone);
    expect(mermaid).toContain("offline: connection cut, back at 3500 ms");
    expect(mermaid).toContain("session expired after 1 s: drops message 2");
    expect(traceToMermaid(expiredInQueue)).toContain(
      "m2 not forwarded: expired while the subscriber was away",
    );
  });
});
