/**
 * The cause rules can fail: each one rejects a trace whose causedBy was bent the way a bug in the
 * engine would bend it, and accepts the engine's own trace of the same scenario.
 */
import { describe, expect, it } from "vitest";
import { CAUSE_RULES, causeProblems } from "./causeRules.ts";
import { simulate } from "./simulate.ts";
import type { Trace, TraceEvent } from "./types.ts";

function rule(start: string) {
  const found = CAUSE_RULES.find((r) => r.name.startsWith(start));
  if (!found) throw new Error(`no rule starting "${start}"`);
  return found;
}

function find(trace: Trace, match: (e: TraceEvent) => boolean): number {
  const i = trace.events.findIndex(match);
  if (i < 0) throw new Error("no such event");
  return i;
}

/** The trace with `events[i].causedBy` set to `cause` (undefined removes it). */
function bend(trace: Trace, i: number, cause: number | undefined): Trace {
  const events = trace.events.map((e, j) => {
    if (j !== i) return e;
    const copy: TraceEvent & { causedBy?: number } = { ...e };
    if (cause === undefined) delete copy.causedBy;
    else copy.causedBy = cause;
    return copy;
  });
  return { ...trace, events };
}

const isPacket =
  (packet: string, extra: (e: TraceEvent) => boolean = () => true) =>
  (e: TraceEvent) =>
    e.type === "packet" && e.packet === packet && extra(e);

const qos2PubrecLost = simulate({ publishQos: 2, faults: [{ packet: "PUBREC" }] });
const timedPubrelLost = simulate({
  protocol: "3.1.1",
  retransmit: "on-timeout",
  publishQos: 2,
  faults: [{ packet: "PUBREL" }],
});
const cleanSubscriberOffline = simulate({
  publishQos: 1,
  subscriber: { qos: 1 },
  session: { subscriber: "clean" },
  messages: [{}, {}],
  timing: { reconnectDelayMs: 1500 },
  faults: [{ hop: "broker-subscriber", packet: "PUBLISH" }],
});

const gracefulRestart = simulate({
  publishQos: 1,
  subscriber: { qos: 1 },
  broker: { persistence: "on", restarts: [{ atMs: 100, kind: "graceful", downMs: 500 }] },
});
const lateSubscriberRetained = simulate({
  publishQos: 1,
  subscriber: { qos: 1, joinAtMs: 500 },
  messages: [{ retain: true }],
});
const willOnDisconnectWithWill = simulate({
  publishQos: 1,
  subscriber: { qos: 1 },
  will: { qos: 1 },
  publisherEnd: { atMs: 500, kind: "disconnect-with-will" },
});

/** [rule, trace, event to bend, the wrong cause]: each a mistake the rule must catch. */
const mistakes: [string, Trace, (t: Trace) => number, (t: Trace) => number | undefined][] = [
  [
    "every causedBy names an earlier",
    qos2PubrecLost,
    (t) => find(t, isPacket("PUBLISH")),
    (t) => t.events.length - 1,
  ],
  ["only publish and state", qos2PubrecLost, (t) => find(t, (e) => e.type === "deliver"), () => undefined],
  ["an answer", qos2PubrecLost, (t) => find(t, isPacket("PUBCOMP")), (t) => find(t, isPacket("PUBREC"))],
  [
    "a PUBLISH is caused",
    qos2PubrecLost,
    (t) =>
      find(
        t,
        isPacket("PUBLISH", (e) => "dup" in e && e.dup),
      ),
    () => 0,
  ],
  [
    "a PUBREL sent again",
    timedPubrelLost,
    (t) =>
      find(
        t,
        isPacket("PUBREL", (e) => e.t > 80),
      ),
    () => 0,
  ],
  ["a CONNECT", qos2PubrecLost, (t) => find(t, isPacket("CONNECT")), (t) => find(t, isPacket("PUBREC"))],
  [
    "a deliver",
    qos2PubrecLost,
    (t) => find(t, (e) => e.type === "deliver"),
    (t) => find(t, isPacket("PUBLISH")),
  ],
  [
    "a process or ignore",
    qos2PubrecLost,
    (t) => find(t, (e) => e.type === "process"),
    (t) => find(t, isPacket("PUBREL")),
  ],
  [
    "a timeout",
    timedPubrelLost,
    (t) => find(t, (e) => e.type === "timeout"),
    (t) => find(t, isPacket("PUBLISH")),
  ],
  [
    "a connection-lost",
    qos2PubrecLost,
    (t) => find(t, (e) => e.type === "connection-lost"),
    (t) => find(t, isPacket("PUBLISH")),
  ],
  [
    "a reconnected",
    qos2PubrecLost,
    (t) => find(t, (e) => e.type === "reconnected"),
    (t) => find(t, isPacket("CONNECT")),
  ],
  [
    "a session-discarded",
    cleanSubscriberOffline,
    (t) => find(t, (e) => e.type === "session-discarded" && e.at === "subscriber"),
    (t) => find(t, (e) => e.type === "reconnected"),
  ],
  [
    "a connection-lost",
    gracefulRestart,
    (t) => find(t, (e) => e.type === "connection-lost"),
    (t) => find(t, (e) => e.type === "broker-up"),
  ],
  ["only publish and state", gracefulRestart, (t) => find(t, (e) => e.type === "broker-down"), () => 0],
  [
    "a broker's DISCONNECT",
    gracefulRestart,
    (t) => find(t, isPacket("DISCONNECT")),
    (t) => find(t, isPacket("PUBACK")),
  ],
  [
    "a broker-up",
    gracefulRestart,
    (t) => find(t, (e) => e.type === "broker-up"),
    (t) => find(t, (e) => e.type === "connection-lost"),
  ],
  [
    "a not-forwarded",
    cleanSubscriberOffline,
    (t) => find(t, (e) => e.type === "not-forwarded"),
    (t) => find(t, (e) => e.type === "deliver" && e.message === 2),
  ],
  [
    "a SUBSCRIBE",
    lateSubscriberRetained,
    (t) => find(t, isPacket("SUBSCRIBE")),
    (t) => find(t, isPacket("CONNECT")),
  ],
  [
    "a DISCONNECT",
    willOnDisconnectWithWill,
    (t) => find(t, isPacket("DISCONNECT")),
    (t) => find(t, isPacket("PUBACK")),
  ],
  [
    "a retained",
    lateSubscriberRetained,
    (t) => find(t, (e) => e.type === "retained"),
    (t) => find(t, isPacket("PUBLISH")),
  ],
  [
    "a will",
    willOnDisconnectWithWill,
    (t) => find(t, (e) => e.type === "will"),
    (t) => find(t, (e) => e.type === "publisher-end"),
  ],
];

describe("cause rules", () => {
  it("has a mistake below for every rule", () => {
    const covered = new Set(mistakes.map(([start]) => rule(start)));
    expect(CAUSE_RULES.filter((r) => !covered.has(r)).map((r) => r.name)).toEqual([]);
  });

  for (const [start, trace, effect, wrong] of mistakes) {
    it(`catches a wrong cause: ${rule(start).name}`, () => {
      expect(causeProblems(trace, [rule(start)])).toEqual([]);
      const bent = bend(trace, effect(trace), wrong(trace));
      expect(causeProblems(bent, [rule(start)])).toHaveLength(1);
    });
  }

  it("catches a timer that names a packet sent before the last one", () => {
    const trace = simulate({
      protocol: "3.1.1",
      retransmit: "on-timeout",
      publishQos: 1,
      timing: { timeoutMs: 20 },
    });
    const timeouts = trace.events.flatMap((e, i) => (e.type === "timeout" ? [i] : []));
    expect(timeouts.length).toBeGreaterThan(1);
    const second = timeouts[1] as number;
    const first = trace.events[timeouts[0] as number] as TraceEvent & { causedBy: number };
    expect(causeProblems(bend(trace, second, first.causedBy), [rule("a timeout")])).toHaveLength(1);
  });
});
