/**
 * Golden traces of offline periods, queueing and expiry (5.0 §4.1, §3.1.2.11.2, §3.3.2.3.3). Each
 * expected sequence was checked by hand against shared/docs/mqtt-reference.md and the spec
 * statements cited; every trace also obeys the cause rules.
 */
import { describe, expect, it } from "vitest";
import { causeProblems } from "./causeRules.ts";
import { sequence } from "./sequence.ts";
import { simulate } from "./simulate.ts";

interface Golden {
  name: string;
  scenario: unknown;
  sequence: string[];
  outcome: [deliveries: number, verdict: string][];
}

const messages = (n: number) => Array.from({ length: n }, (_, i) => ({ payload: `m${i + 1}` }));
const away = (atMs: number, forMs: number, end: "disconnect" | "cut") => [{ atMs, forMs, end }];

const cases: Golden[] = [
  {
    name: "a persistent subscriber away gets its QoS 2 messages on return, in order, at the subscription's QoS 1, DUP=0",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 1, offline: away(500, 2000, "disconnect") },
      messages: messages(3),
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1",
      "120 deliver@broker m1 #1",
      "120 broker>subscriber PUBLISH id=1 qos=1",
      "120 broker>publisher PUBCOMP id=1",
      "160 deliver@subscriber m1 #1",
      "160 process@subscriber m1",
      "160 subscriber>broker PUBACK id=1",
      "500 disconnected@subscriber broker-subscriber graceful until 2500",
      "500 subscriber>broker DISCONNECT",
      "1000 publisher>broker PUBLISH id=2 qos=2",
      "1040 broker>publisher PUBREC id=2",
      "1080 publisher>broker PUBREL id=2",
      "1120 deliver@broker m2 #1",
      "1120 broker>publisher PUBCOMP id=2",
      "2000 publisher>broker PUBLISH id=3 qos=2",
      "2040 broker>publisher PUBREC id=3",
      "2080 publisher>broker PUBREL id=3",
      "2120 deliver@broker m3 #1",
      "2120 broker>publisher PUBCOMP id=3",
      "2500 subscriber>broker CONNECT",
      "2540 broker>subscriber CONNACK sp=1",
      "2540 broker>subscriber PUBLISH id=2 qos=1",
      "2540 broker>subscriber PUBLISH id=3 qos=1",
      "2580 reconnected broker-subscriber sp=1",
      "2580 deliver@subscriber m2 #1",
      "2580 process@subscriber m2",
      "2580 subscriber>broker PUBACK id=2",
      "2580 deliver@subscriber m3 #1",
      "2580 process@subscriber m3",
      "2580 subscriber>broker PUBACK id=3",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "a cut while a PUBLISH is in flight: that one is resent with DUP=1 first, then the queued one with DUP=0",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1, offline: away(1060, 1500, "cut") },
      messages: messages(3),
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBACK id=1",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "80 subscriber>broker PUBACK id=1",
      "1000 publisher>broker PUBLISH id=2 qos=1",
      "1040 deliver@broker m2 #1",
      "1040 broker>subscriber PUBLISH id=2 qos=1 lost-with-connection",
      "1040 broker>publisher PUBACK id=2",
      "1060 disconnected@subscriber broker-subscriber cut until 2560",
      "1060 connection-lost broker-subscriber",
      "2000 publisher>broker PUBLISH id=3 qos=1",
      "2040 deliver@broker m3 #1",
      "2040 broker>publisher PUBACK id=3",
      "2560 subscriber>broker CONNECT",
      "2600 broker>subscriber CONNACK sp=1",
      "2600 broker>subscriber PUBLISH id=2 qos=1 dup",
      "2600 broker>subscriber PUBLISH id=3 qos=1",
      "2640 reconnected broker-subscriber sp=1",
      "2640 deliver@subscriber m2 #1",
      "2640 process@subscriber m2",
      "2640 subscriber>broker PUBACK id=2",
      "2640 deliver@subscriber m3 #1",
      "2640 process@subscriber m3",
      "2640 subscriber>broker PUBACK id=3",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "QoS 0 is not queued for an offline subscriber by default",
    scenario: {
      publishQos: 0,
      subscriber: { qos: 1, offline: away(500, 2000, "disconnect") },
      messages: messages(3),
    },
    sequence: [
      "0 publisher>broker PUBLISH qos=0",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH qos=0",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "500 disconnected@subscriber broker-subscriber graceful until 2500",
      "500 subscriber>broker DISCONNECT",
      "1000 publisher>broker PUBLISH qos=0",
      "1040 deliver@broker m2 #1",
      "1040 not-forwarded m2 (qos0-offline)",
      "2000 publisher>broker PUBLISH qos=0",
      "2040 deliver@broker m3 #1",
      "2040 not-forwarded m3 (qos0-offline)",
      "2500 subscriber>broker CONNECT",
      "2540 broker>subscriber CONNACK sp=1",
      "2580 reconnected broker-subscriber sp=1",
    ],
    outcome: [
      [1, "once"],
      [0, "lost"],
      [0, "lost"],
    ],
  },
  {
    name: "with broker.queueQos0 the QoS 0 copies wait in the queue and go out on return",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 0, offline: away(500, 2000, "disconnect") },
      messages: messages(3),
      broker: { queueQos0: true },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH qos=0",
      "40 broker>publisher PUBACK id=1",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "500 disconnected@subscriber broker-subscriber graceful until 2500",
      "500 subscriber>broker DISCONNECT",
      "1000 publisher>broker PUBLISH id=2 qos=1",
      "1040 deliver@broker m2 #1",
      "1040 broker>publisher PUBACK id=2",
      "2000 publisher>broker PUBLISH id=3 qos=1",
      "2040 deliver@broker m3 #1",
      "2040 broker>publisher PUBACK id=3",
      "2500 subscriber>broker CONNECT",
      "2540 broker>subscriber CONNACK sp=1",
      "2540 broker>subscriber PUBLISH qos=0",
      "2540 broker>subscriber PUBLISH qos=0",
      "2580 reconnected broker-subscriber sp=1",
      "2580 deliver@subscriber m2 #1",
      "2580 process@subscriber m2",
      "2580 deliver@subscriber m3 #1",
      "2580 process@subscriber m3",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "a full queue (broker.maxQueued 2) drops the third message queued",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1, offline: away(500, 4000, "disconnect") },
      messages: messages(4),
      broker: { maxQueued: 2 },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBACK id=1",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "80 subscriber>broker PUBACK id=1",
      "500 disconnected@subscriber broker-subscriber graceful until 4500",
      "500 subscriber>broker DISCONNECT",
      "1000 publisher>broker PUBLISH id=2 qos=1",
      "1040 deliver@broker m2 #1",
      "1040 broker>publisher PUBACK id=2",
      "2000 publisher>broker PUBLISH id=3 qos=1",
      "2040 deliver@broker m3 #1",
      "2040 broker>publisher PUBACK id=3",
      "3000 publisher>broker PUBLISH id=4 qos=1",
      "3040 deliver@broker m4 #1",
      "3040 not-forwarded m4 (queue-full)",
      "3040 broker>publisher PUBACK id=4",
      "4500 subscriber>broker CONNECT",
      "4540 broker>subscriber CONNACK sp=1",
      "4540 broker>subscriber PUBLISH id=2 qos=1",
      "4540 broker>subscriber PUBLISH id=3 qos=1",
      "4580 reconnected broker-subscriber sp=1",
      "4580 deliver@subscriber m2 #1",
      "4580 process@subscriber m2",
      "4580 subscriber>broker PUBACK id=2",
      "4580 deliver@subscriber m3 #1",
      "4580 process@subscriber m3",
      "4580 subscriber>broker PUBACK id=3",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
      [1, "once"],
      [0, "lost"],
    ],
  },
  {
    name: "a clean subscriber gets nothing of what it missed",
    scenario: {
      publishQos: 1,
      session: { subscriber: "clean" },
      subscriber: { qos: 1, offline: away(500, 2000, "disconnect") },
      messages: messages(3),
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBACK id=1",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "80 subscriber>broker PUBACK id=1",
      "500 disconnected@subscriber broker-subscriber graceful until 2500",
      "500 subscriber>broker DISCONNECT",
      "1000 publisher>broker PUBLISH id=2 qos=1",
      "1040 deliver@broker m2 #1",
      "1040 not-forwarded m2 (no-session)",
      "1040 broker>publisher PUBACK id=2",
      "2000 publisher>broker PUBLISH id=3 qos=1",
      "2040 deliver@broker m3 #1",
      "2040 not-forwarded m3 (no-session)",
      "2040 broker>publisher PUBACK id=3",
      "2500 subscriber>broker CONNECT",
      "2540 session-discarded@broker broker-subscriber []",
      "2540 broker>subscriber CONNACK sp=0",
      "2580 reconnected broker-subscriber sp=0",
      "2580 session-discarded@subscriber broker-subscriber []",
    ],
    outcome: [
      [1, "once"],
      [0, "lost"],
      [0, "lost"],
    ],
  },
  {
    name: "the session expires while the subscriber is away: its queue goes with it, the reconnect gets Session Present 0",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 2, offline: away(500, 3000, "cut") },
      messages: messages(5),
      sessionExpiryS: { subscriber: 2 },
    },
    sequence: [
      "0 publisher>broker CONNECT",
      "0 subscriber>broker CONNECT",
      "40 broker>publisher CONNACK sp=1",
      "40 broker>subscriber CONNACK sp=1",
      "80 publisher>broker PUBLISH id=1 qos=2",
      "120 broker>publisher PUBREC id=1",
      "160 publisher>broker PUBREL id=1",
      "200 deliver@broker m1 #1",
      "200 broker>subscriber PUBLISH id=1 qos=2",
      "200 broker>publisher PUBCOMP id=1",
      "240 subscriber>broker PUBREC id=1",
      "280 broker>subscriber PUBREL id=1",
      "320 deliver@subscriber m1 #1",
      "320 process@subscriber m1",
      "320 subscriber>broker PUBCOMP id=1",
      "500 disconnected@subscriber broker-subscriber cut until 3500",
      "500 connection-lost broker-subscriber",
      "1000 publisher>broker PUBLISH id=2 qos=2",
      "1040 broker>publisher PUBREC id=2",
      "1080 publisher>broker PUBREL id=2",
      "1120 deliver@broker m2 #1",
      "1120 broker>publisher PUBCOMP id=2",
      "2000 publisher>broker PUBLISH id=3 qos=2",
      "2040 broker>publisher PUBREC id=3",
      "2080 publisher>broker PUBREL id=3",
      "2120 deliver@broker m3 #1",
      "2120 broker>publisher PUBCOMP id=3",
      "2500 session-expired@broker broker-subscriber 2s [2,3]",
      "3000 publisher>broker PUBLISH id=4 qos=2",
      "3040 broker>publisher PUBREC id=4",
      "3080 publisher>broker PUBREL id=4",
      "3120 deliver@broker m4 #1",
      "3120 not-forwarded m4 (session-expired)",
      "3120 broker>publisher PUBCOMP id=4",
      "3500 subscriber>broker CONNECT",
      "3540 broker>subscriber CONNACK sp=0",
      "3580 reconnected broker-subscriber sp=0",
      "3580 session-discarded@subscriber broker-subscriber []",
      "4000 publisher>broker PUBLISH id=5 qos=2",
      "4040 broker>publisher PUBREC id=5",
      "4080 publisher>broker PUBREL id=5",
      "4120 deliver@broker m5 #1",
      "4120 broker>subscriber PUBLISH id=4 qos=2",
      "4120 broker>publisher PUBCOMP id=5",
      "4160 subscriber>broker PUBREC id=4",
      "4200 broker>subscriber PUBREL id=4",
      "4240 deliver@subscriber m5 #1",
      "4240 process@subscriber m5",
      "4240 subscriber>broker PUBCOMP id=4",
    ],
    outcome: [
      [1, "once"],
      [0, "lost"],
      [0, "lost"],
      [0, "lost"],
      [1, "once"],
    ],
  },
  {
    name: "a queued message whose expiry interval passes is never delivered; another carries what remains of its own",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1, offline: away(500, 3000, "disconnect") },
      messages: [{ payload: "a" }, { payload: "b", expiryS: 1 }, { payload: "c", expiryS: 4 }],
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBACK id=1",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "80 subscriber>broker PUBACK id=1",
      "500 disconnected@subscriber broker-subscriber graceful until 3500",
      "500 subscriber>broker DISCONNECT",
      "1000 publisher>broker PUBLISH id=2 qos=1 expiry=1",
      "1040 deliver@broker m2 #1",
      "1040 broker>publisher PUBACK id=2",
      "2000 publisher>broker PUBLISH id=3 qos=1 expiry=4",
      // m2 waited its whole second in the queue [MQTT-3.3.2-5].
      "2040 not-forwarded m2 (expired)",
      "2040 deliver@broker m3 #1",
      "2040 broker>publisher PUBACK id=3",
      "3500 subscriber>broker CONNECT",
      "3540 broker>subscriber CONNACK sp=1",
      // m3 waited 1.5 s of its 4: 2.5 s remain, rounded up to whole seconds [MQTT-3.3.2-6].
      "3540 broker>subscriber PUBLISH id=3 qos=1 expiry=3",
      "3580 reconnected broker-subscriber sp=1",
      "3580 deliver@subscriber m3 #1",
      "3580 process@subscriber m3",
      "3580 subscriber>broker PUBACK id=3",
    ],
    outcome: [
      [1, "once"],
      [0, "lost"],
      [1, "once"],
    ],
  },
  {
    name: "a publisher session with Session Expiry 0 ends when its connection breaks: the stored QoS 2 message goes with it",
    scenario: { publishQos: 2, sessionExpiryS: { publisher: 0 }, faults: [{ packet: "PUBREC" }] },
    sequence: [
      "0 publisher>broker CONNECT",
      "40 broker>publisher CONNACK sp=1",
      "80 publisher>broker PUBLISH id=1 qos=2",
      "120 broker>publisher PUBREC id=1 LOST",
      "140 connection-lost publisher-broker",
      // The session ends when the network connection closes [MQTT-3.1.2-23]; Method A held m1.
      "140 session-expired@broker publisher-broker 0s [1]",
      "440 publisher>broker CONNECT",
      "480 broker>publisher CONNACK sp=0",
      "520 reconnected publisher-broker sp=0",
      "520 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[0, "lost"]],
  },
];

describe("golden traces: offline periods, queues and expiry", () => {
  for (const c of cases) {
    it(c.name, () => {
      const trace = simulate(c.scenario);
      expect(sequence(trace)).toStrictEqual(c.sequence);
      expect(trace.outcome.messages.map((o) => [o.deliveries, o.verdict])).toStrictEqual(c.outcome);
      expect(causeProblems(trace)).toStrictEqual([]);
      expect(trace.unusedFaults).toStrictEqual([]);
    });
  }

  it("a forwarded PUBLISH that waited under a second carries its whole interval", () => {
    const trace = simulate({ publishQos: 1, subscriber: { qos: 1 }, messages: [{ expiryS: 30 }] });
    const intervals = trace.events.flatMap((e) =>
      e.type === "packet" && e.packet === "PUBLISH" ? [[e.hop, e.properties?.messageExpiryInterval]] : [],
    );
    expect(intervals).toStrictEqual([
      ["publisher-broker", 30],
      ["broker-subscriber", 30],
    ]);
  });

  it("the CONNECT carries the scenario's Session Expiry Interval, and 3600 when it gives none", () => {
    const connects = (scenario: object) =>
      simulate({ publishQos: 1, subscriber: { qos: 1 }, ...scenario }).events.flatMap((e) =>
        e.type === "packet" && e.packet === "CONNECT" ? [[e.hop, e.hex]] : [],
      );
    const given = connects({ sessionExpiryS: { subscriber: 60 } });
    // Property 0x11 Session Expiry Interval, Four Byte Integer [MQTT-3.1.2-11.2]: 60 and 3600.
    expect(given[1]?.[1]).toContain("11 00 00 00 3c");
    expect(given[0]?.[1]).toContain("11 00 00 0e 10");
  });

  it("the offline period's disconnected event says when the subscriber comes back", () => {
    const trace = simulate({
      publishQos: 1,
      subscriber: { qos: 1, offline: away(100, 900, "cut") },
    });
    expect(trace.events.find((e) => e.type === "disconnected")).toStrictEqual({
      t: 100,
      type: "disconnected",
      hop: "broker-subscriber",
      at: "subscriber",
      graceful: false,
      returnsAt: 1000,
    });
  });
});
