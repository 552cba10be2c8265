/**
 * Golden traces of broker restarts and persistence (scenario `broker.restarts`,
 * `broker.persistence`). Each expected sequence was checked by hand: latency 40 ms, the client
 * retries every reconnectDelayMs (300 ms) and its first attempt after the broker is up connects.
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

const crashAt100 = { restarts: [{ atMs: 100, kind: "crash", downMs: 500 }] };
const gracefulAt100 = { restarts: [{ atMs: 100, kind: "graceful", downMs: 500 }] };

/** Two retained values on one topic, a crash at 300, and a subscriber that joins only at 1000. */
const retainedThenCrash = (persistence: unknown) => ({
  publishQos: 1,
  subscriber: { qos: 1, joinAtMs: 1000 },
  messages: [
    { topic: "a", payload: "21.5", retain: true },
    { topic: "a", payload: "22.0", retain: true, atMs: 200 },
  ],
  broker: { persistence, restarts: [{ atMs: 300, kind: "crash", downMs: 200 }] },
});
/** The broker accepts and retains both before the crash (nobody subscribes yet). */
const retainedTwice = [
  "0 publisher>broker PUBLISH id=1 qos=1 retain",
  "40 deliver@broker m1 #1",
  "40 retained@broker m1 stored a",
  "40 not-forwarded m1 (no-subscription)",
  "40 broker>publisher PUBACK id=1",
  "200 publisher>broker PUBLISH id=2 qos=1 retain",
  "240 deliver@broker m2 #1",
  "240 retained@broker m2 stored a",
  "240 not-forwarded m2 (no-subscription)",
  "240 broker>publisher PUBACK id=2",
];

const cases: Golden[] = [
  {
    name: "QoS 2, crash without persistence: the stored message and both sessions are gone; lost",
    scenario: { publishQos: 2, broker: { persistence: "off", ...crashAt100 } },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1 lost-with-connection",
      "100 broker-down crash kept [] lost [1] sessions lost",
      "100 connection-lost publisher-broker",
      "600 broker-up",
      // 400 is refused (the broker is down): the attempt at 700 connects.
      "700 publisher>broker CONNECT",
      "740 session-discarded@broker publisher-broker []",
      "740 broker>publisher CONNACK sp=0",
      "780 reconnected publisher-broker sp=0",
      "780 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[0, "lost"]],
  },
  {
    name: "QoS 2, graceful shutdown with persistence: the held id survives, PUBREL is resent; once (5.0: DISCONNECT 0x8B)",
    scenario: { publishQos: 2, broker: { persistence: "on", ...gracefulAt100 } },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1 lost-with-connection",
      "100 broker-down graceful kept [1] lost [] sessions kept",
      "100 broker>publisher DISCONNECT rc=0x8b",
      "100 connection-lost publisher-broker",
      "600 broker-up",
      "700 publisher>broker CONNECT",
      "740 broker>publisher CONNACK sp=1",
      "780 reconnected publisher-broker sp=1",
      "780 publisher>broker PUBREL id=1",
      "820 deliver@broker m1 #1",
      "820 process@broker m1",
      "820 broker>publisher PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
  },
  {
    name: "3.1.1 graceful shutdown: the broker just closes (no DISCONNECT from a 3.1.1 server)",
    scenario: { protocol: "3.1.1", publishQos: 2, broker: { persistence: "on", ...gracefulAt100 } },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1 lost-with-connection",
      "100 broker-down graceful kept [1] lost [] sessions kept",
      "100 connection-lost publisher-broker",
      "600 broker-up",
      "700 publisher>broker CONNECT",
      "740 broker>publisher CONNACK sp=1",
      "780 reconnected publisher-broker sp=1",
      "780 publisher>broker PUBREL id=1",
      "820 deliver@broker m1 #1",
      "820 process@broker m1",
      "820 broker>publisher PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
  },
  {
    name: "QoS 1, PUBACK unacknowledged at a graceful shutdown with persistence: the kept message is resent; delivered twice",
    scenario: { publishQos: 1, subscriber: { qos: 1 }, broker: { persistence: "on", ...gracefulAt100 } },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBACK id=1",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "80 subscriber>broker PUBACK id=1 lost-with-connection",
      "100 broker-down graceful kept [1] lost [] sessions kept",
      "100 broker>publisher DISCONNECT rc=0x8b",
      "100 connection-lost publisher-broker",
      "100 broker>subscriber DISCONNECT rc=0x8b",
      "100 connection-lost broker-subscriber",
      "600 broker-up",
      "700 publisher>broker CONNECT",
      "700 subscriber>broker CONNECT",
      "740 broker>publisher CONNACK sp=1",
      "740 broker>subscriber CONNACK sp=1",
      "740 broker>subscriber PUBLISH id=1 qos=1 dup",
      "780 reconnected publisher-broker sp=1",
      "780 reconnected broker-subscriber sp=1",
      "780 deliver@subscriber m1 #2",
      "780 process@subscriber m1",
      "780 subscriber>broker PUBACK id=1",
    ],
    outcome: [[2, "duplicated"]],
  },
  {
    name: "QoS 1, the same shutdown without persistence: the broker forgot it; delivered once",
    scenario: { publishQos: 1, subscriber: { qos: 1 }, broker: { persistence: "off", ...gracefulAt100 } },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBACK id=1",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "80 subscriber>broker PUBACK id=1 lost-with-connection",
      "100 broker-down graceful kept [] lost [1] sessions lost",
      "100 broker>publisher DISCONNECT rc=0x8b",
      "100 connection-lost publisher-broker",
      "100 broker>subscriber DISCONNECT rc=0x8b",
      "100 connection-lost broker-subscriber",
      "600 broker-up",
      "700 publisher>broker CONNECT",
      "700 subscriber>broker CONNECT",
      "740 session-discarded@broker publisher-broker []",
      "740 broker>publisher CONNACK sp=0",
      "740 session-discarded@broker broker-subscriber []",
      "740 broker>subscriber CONNACK sp=0",
      "780 reconnected publisher-broker sp=0",
      "780 session-discarded@publisher publisher-broker []",
      "780 reconnected broker-subscriber sp=0",
      "780 session-discarded@subscriber broker-subscriber []",
    ],
    outcome: [[1, "once"]],
  },
  {
    name: "QoS 2, crash after an autosave older than the message: the publisher sees PUBCOMP, the message is lost",
    scenario: {
      publishQos: 2,
      messages: [{}, {}],
      broker: { persistence: { autosaveMs: 1000 }, restarts: [{ atMs: 1100, kind: "crash", downMs: 400 }] },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1",
      "120 deliver@broker m1 #1",
      "120 process@broker m1",
      "120 broker>publisher PUBCOMP id=1",
      "1000 publisher>broker PUBLISH id=2 qos=2",
      "1040 broker>publisher PUBREC id=2",
      "1080 publisher>broker PUBREL id=2 lost-with-connection",
      // The autosave at 1000 ran before message 2 was published: it holds the sessions only.
      "1100 broker-down crash kept [] lost [2] sessions kept saved@1000",
      "1100 connection-lost publisher-broker",
      "1500 broker-up",
      "1700 publisher>broker CONNECT",
      "1740 broker>publisher CONNACK sp=1",
      "1780 reconnected publisher-broker sp=1",
      "1780 publisher>broker PUBREL id=2",
      // The broker no longer knows id 2, answers PUBCOMP all the same [MQTT-4.3.3-11].
      "1820 broker>publisher PUBCOMP id=2",
    ],
    outcome: [
      [1, "once"],
      [0, "lost"],
    ],
  },
  {
    name: "QoS 2, crash after an autosave that holds the message: restored, completed; once",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 2 },
      broker: { persistence: { autosaveMs: 60 }, ...crashAt100 },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1 lost-with-connection",
      "100 broker-down crash kept [1] lost [] sessions kept saved@60",
      "100 connection-lost publisher-broker",
      "100 connection-lost broker-subscriber",
      "600 broker-up",
      "700 publisher>broker CONNECT",
      "700 subscriber>broker CONNECT",
      "740 broker>publisher CONNACK sp=1",
      "740 broker>subscriber CONNACK sp=1",
      "780 reconnected publisher-broker sp=1",
      "780 publisher>broker PUBREL id=1",
      "780 reconnected broker-subscriber sp=1",
      "820 deliver@broker m1 #1",
      "820 broker>subscriber PUBLISH id=1 qos=2",
      "820 broker>publisher PUBCOMP id=1",
      "860 subscriber>broker PUBREC id=1",
      "900 broker>subscriber PUBREL id=1",
      "940 deliver@subscriber m1 #1",
      "940 process@subscriber m1",
      "940 subscriber>broker PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
  },
  {
    name: "no reconnect delay: the client connects the moment the broker is up",
    scenario: { publishQos: 0, timing: { reconnectDelayMs: 0 }, broker: crashAt100 },
    sequence: [
      "0 publisher>broker PUBLISH qos=0",
      "40 deliver@broker m1 #1",
      "40 process@broker m1",
      "100 broker-down crash kept [] lost [] sessions lost",
      "100 connection-lost publisher-broker",
      "600 broker-up",
      "600 publisher>broker CONNECT",
      "640 session-discarded@broker publisher-broker []",
      "640 broker>publisher CONNACK sp=0",
      "680 reconnected publisher-broker sp=0",
      "680 session-discarded@publisher publisher-broker []",
    ],
    outcome: [[1, "once"]],
  },
  {
    name: "Retained, crash without persistence: the retained message is gone; the late subscriber gets only SUBACK (and Session Present 0)",
    scenario: retainedThenCrash("off"),
    sequence: [
      ...retainedTwice,
      "300 broker-down crash kept [] lost [] sessions lost",
      "300 connection-lost publisher-broker",
      "500 broker-up",
      "600 publisher>broker CONNECT",
      "640 session-discarded@broker publisher-broker []",
      "640 broker>publisher CONNACK sp=0",
      "680 reconnected publisher-broker sp=0",
      "680 session-discarded@publisher publisher-broker []",
      "1000 subscriber>broker CONNECT",
      "1040 broker>subscriber CONNACK sp=0",
      "1080 subscriber>broker SUBSCRIBE id=1",
      "1120 broker>subscriber SUBACK id=1 granted=1",
    ],
    outcome: [
      [0, "lost"],
      [0, "lost"],
    ],
  },
  {
    name: "Retained, crash with persistence on: the retained message survives; the late subscriber gets the latest one with RETAIN=1",
    scenario: retainedThenCrash("on"),
    sequence: [
      ...retainedTwice,
      "300 broker-down crash kept [] lost [] sessions kept",
      "300 connection-lost publisher-broker",
      "500 broker-up",
      "600 publisher>broker CONNECT",
      "640 broker>publisher CONNACK sp=1",
      "680 reconnected publisher-broker sp=1",
      "1000 subscriber>broker CONNECT",
      "1040 broker>subscriber CONNACK sp=1",
      "1080 subscriber>broker SUBSCRIBE id=1",
      "1120 broker>subscriber SUBACK id=1 granted=1",
      "1120 broker>subscriber PUBLISH id=1 qos=1 retain",
      "1160 deliver@subscriber m2 #1",
      "1160 process@subscriber m2",
      "1160 subscriber>broker PUBACK id=1",
    ],
    outcome: [
      [0, "lost"],
      [1, "once"],
    ],
  },
  {
    name: "Retained, crash restoring an autosave: the retained message of the last save comes back, an older value than the one published since",
    scenario: retainedThenCrash({ autosaveMs: 220 }),
    sequence: [
      ...retainedTwice,
      "300 broker-down crash kept [] lost [] sessions kept saved@220",
      "300 connection-lost publisher-broker",
      "500 broker-up",
      "600 publisher>broker CONNECT",
      "640 broker>publisher CONNACK sp=1",
      "680 reconnected publisher-broker sp=1",
      "1000 subscriber>broker CONNECT",
      "1040 broker>subscriber CONNACK sp=1",
      "1080 subscriber>broker SUBSCRIBE id=1",
      "1120 broker>subscriber SUBACK id=1 granted=1",
      "1120 broker>subscriber PUBLISH id=1 qos=1 retain",
      "1160 deliver@subscriber m1 #1",
      "1160 process@subscriber m1",
      "1160 subscriber>broker PUBACK id=1",
    ],
    outcome: [
      [1, "once"],
      [0, "lost"],
    ],
  },
  {
    name: "5.0, crash with persistence on, the broker down longer than the subscriber's Session Expiry Interval: the session expires while it is down; the reconnect gets Session Present 0 [MQTT-3.1.2-23]",
    scenario: {
      protocol: "5.0",
      publishQos: 1,
      session: { publisher: "persistent", subscriber: "persistent" },
      sessionExpiryS: { subscriber: 1 },
      subscriber: { qos: 1 },
      messages: [{ atMs: 0 }, { atMs: 3500 }],
      broker: { persistence: "on", restarts: [{ atMs: 100, kind: "crash", downMs: 3000 }] },
    },
    sequence: [
      "0 publisher>broker CONNECT",
      "0 subscriber>broker CONNECT",
      "40 broker>publisher CONNACK sp=1",
      "40 broker>subscriber CONNACK sp=1",
      "80 publisher>broker PUBLISH id=1 qos=1 lost-with-connection",
      "100 broker-down crash kept [] lost [] sessions kept",
      "100 connection-lost publisher-broker",
      "100 connection-lost broker-subscriber",
      "1100 session-expired@broker broker-subscriber 1s []",
      "3100 broker-up",
      "3100 publisher>broker CONNECT",
      "3100 subscriber>broker CONNECT",
      "3140 broker>publisher CONNACK sp=1",
      "3140 broker>subscriber CONNACK sp=0",
      "3180 reconnected publisher-broker sp=1",
      "3180 publisher>broker PUBLISH id=1 qos=1 dup",
      "3180 reconnected broker-subscriber sp=0",
      "3180 session-discarded@subscriber broker-subscriber []",
      "3220 deliver@broker m1 #1",
      "3220 broker>subscriber PUBLISH id=1 qos=1",
      "3220 broker>publisher PUBACK id=1",
      "3260 deliver@subscriber m1 #1",
      "3260 process@subscriber m1",
      "3260 subscriber>broker PUBACK id=1",
      "3500 publisher>broker PUBLISH id=2 qos=1",
      "3540 deliver@broker m2 #1",
      "3540 broker>subscriber PUBLISH id=2 qos=1",
      "3540 broker>publisher PUBACK id=2",
      "3580 deliver@subscriber m2 #1",
      "3580 process@subscriber m2",
      "3580 subscriber>broker PUBACK id=2",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "5.0, crash without persistence: the session is gone with the broker, so it never expires later; Session Present 0 on return",
    scenario: {
      protocol: "5.0",
      publishQos: 1,
      session: { publisher: "persistent", subscriber: "persistent" },
      sessionExpiryS: { subscriber: 1 },
      subscriber: { qos: 1 },
      messages: [{ atMs: 0 }, { atMs: 3500 }],
      broker: { persistence: "off", restarts: [{ atMs: 100, kind: "crash", downMs: 3000 }] },
    },
    sequence: [
      "0 publisher>broker CONNECT",
      "0 subscriber>broker CONNECT",
      "40 broker>publisher CONNACK sp=1",
      "40 broker>subscriber CONNACK sp=1",
      "80 publisher>broker PUBLISH id=1 qos=1 lost-with-connection",
      "100 broker-down crash kept [] lost [] sessions lost",
      "100 connection-lost publisher-broker",
      "100 connection-lost broker-subscriber",
      "3100 broker-up",
      "3100 publisher>broker CONNECT",
      "3100 subscriber>broker CONNECT",
      "3140 session-discarded@broker publisher-broker []",
      "3140 broker>publisher CONNACK sp=0",
      "3140 session-discarded@broker broker-subscriber []",
      "3140 broker>subscriber CONNACK sp=0",
      "3180 reconnected publisher-broker sp=0",
      "3180 session-discarded@publisher publisher-broker [1]",
      "3180 reconnected broker-subscriber sp=0",
      "3180 session-discarded@subscriber broker-subscriber []",
      "3500 publisher>broker PUBLISH id=2 qos=1",
      "3540 deliver@broker m2 #1",
      "3540 broker>subscriber PUBLISH id=1 qos=1",
      "3540 broker>publisher PUBACK id=2",
      "3580 deliver@subscriber m2 #1",
      "3580 process@subscriber m2",
      "3580 subscriber>broker PUBACK id=1",
    ],
    outcome: [
      [0, "lost"],
      [1, "once"],
    ],
  },
];

describe("golden traces: broker restarts and persistence", () => {
  for (const c of cases) {
    it(c.name, () => {
      const trace = simulate(c.scenario);
      expect(sequence(trace)).toEqual(c.sequence);
      expect(trace.outcome.messages.map((m) => [m.deliveries, m.verdict])).toEqual(c.outcome);
      expect(causeProblems(trace)).toEqual([]);
    });
  }

  it("a subscriber away after its DISCONNECT has no connection to lose; it returns on its own schedule", () => {
    const trace = simulate({
      publishQos: 2,
      subscriber: { qos: 2, offline: [{ atMs: 100, forMs: 1500, end: "disconnect" }] },
      broker: { persistence: "on", restarts: [{ atMs: 800, kind: "crash", downMs: 200 }] },
      messages: [{ atMs: 300 }],
    });
    expect(
      sequence(trace).filter((line) => / (connection-lost|reconnected|CONNECT|CONNACK)\b/.test(line)),
    ).toEqual([
      "800 connection-lost publisher-broker",
      "1100 publisher>broker CONNECT",
      "1140 broker>publisher CONNACK sp=1",
      "1180 reconnected publisher-broker sp=1",
      "1600 subscriber>broker CONNECT",
      "1640 broker>subscriber CONNACK sp=1",
      "1680 reconnected broker-subscriber sp=1",
    ]);
    expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["once"]);
    expect(causeProblems(trace)).toEqual([]);
  });

  it("a connection that broke before the restart is not broken again; its reconnect waits for the broker", () => {
    const trace = simulate({
      publishQos: 1,
      faults: [{ packet: "PUBACK" }],
      broker: { persistence: "on", restarts: [{ atMs: 100, kind: "crash", downMs: 1000 }] },
    });
    expect(sequence(trace)).toEqual([
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 process@broker m1",
      "40 broker>publisher PUBACK id=1 LOST",
      "60 connection-lost publisher-broker",
      "100 broker-down crash kept [] lost [] sessions kept",
      "1100 broker-up",
      // Attempts at 360, 660 and 960 are refused; 1260 is the first after the broker is up.
      "1260 publisher>broker CONNECT",
      "1300 broker>publisher CONNACK sp=1",
      "1340 reconnected publisher-broker sp=1",
      "1340 publisher>broker PUBLISH id=1 qos=1 dup",
      "1380 deliver@broker m1 #2",
      "1380 process@broker m1",
      "1380 broker>publisher PUBACK id=1",
    ]);
    expect(causeProblems(trace)).toEqual([]);
  });
});
