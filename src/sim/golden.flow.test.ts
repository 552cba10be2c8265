/**
 * Golden traces of several messages in flight, flow control (Receive Maximum, MQTT 5.0 §4.9) and
 * refusals (reason codes >= 0x80). Each sequence was checked by hand against
 * shared/docs/mqtt-reference.md §4, §7; none of them is typed into the engine: the overtaking of
 * QoS 2 by QoS 1 falls out of Method A.
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

const cases: Golden[] = [
  {
    name: "QoS 1 back to back, the connection cut: every unacknowledged PUBLISH resent in its original order [MQTT-4.6.0-1]",
    scenario: {
      publishQos: 1,
      messages: [{ atMs: 0 }, { atMs: 0 }, { atMs: 0 }],
      faults: [{ packet: "PUBLISH", message: 2 }],
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1 lost-with-connection",
      "0 publisher>broker PUBLISH id=2 qos=1 LOST",
      "0 publisher>broker PUBLISH id=3 qos=1 lost-with-connection",
      "20 connection-lost publisher-broker",
      "320 publisher>broker CONNECT",
      "360 broker>publisher CONNACK sp=1",
      "400 reconnected publisher-broker sp=1",
      "400 publisher>broker PUBLISH id=1 qos=1 dup",
      "400 publisher>broker PUBLISH id=2 qos=1 dup",
      "400 publisher>broker PUBLISH id=3 qos=1 dup",
      "440 deliver@broker m1 #1",
      "440 process@broker m1",
      "440 broker>publisher PUBACK id=1",
      "440 deliver@broker m2 #1",
      "440 process@broker m2",
      "440 broker>publisher PUBACK id=2",
      "440 deliver@broker m3 #1",
      "440 process@broker m3",
      "440 broker>publisher PUBACK id=3",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "QoS 1, 2, 1, 2, 1, 2 back to back through a Method A broker: the QoS 1 messages overtake (m1 m3 m5 m2 m4 m6)",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 2 },
      messages: [
        { qos: 1, atMs: 0 },
        { qos: 2, atMs: 0 },
        { qos: 1, atMs: 0 },
        { qos: 2, atMs: 0 },
        { qos: 1, atMs: 0 },
        { qos: 2, atMs: 0 },
      ],
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "0 publisher>broker PUBLISH id=2 qos=2",
      "0 publisher>broker PUBLISH id=3 qos=1",
      "0 publisher>broker PUBLISH id=4 qos=2",
      "0 publisher>broker PUBLISH id=5 qos=1",
      "0 publisher>broker PUBLISH id=6 qos=2",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBACK id=1",
      "40 broker>publisher PUBREC id=2",
      "40 deliver@broker m3 #1",
      "40 broker>subscriber PUBLISH id=2 qos=1",
      "40 broker>publisher PUBACK id=3",
      "40 broker>publisher PUBREC id=4",
      "40 deliver@broker m5 #1",
      "40 broker>subscriber PUBLISH id=3 qos=1",
      "40 broker>publisher PUBACK id=5",
      "40 broker>publisher PUBREC id=6",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "80 subscriber>broker PUBACK id=1",
      "80 publisher>broker PUBREL id=2",
      "80 deliver@subscriber m3 #1",
      "80 process@subscriber m3",
      "80 subscriber>broker PUBACK id=2",
      "80 publisher>broker PUBREL id=4",
      "80 deliver@subscriber m5 #1",
      "80 process@subscriber m5",
      "80 subscriber>broker PUBACK id=3",
      "80 publisher>broker PUBREL id=6",
      "120 deliver@broker m2 #1",
      "120 broker>subscriber PUBLISH id=4 qos=2",
      "120 broker>publisher PUBCOMP id=2",
      "120 deliver@broker m4 #1",
      "120 broker>subscriber PUBLISH id=5 qos=2",
      "120 broker>publisher PUBCOMP id=4",
      "120 deliver@broker m6 #1",
      "120 broker>subscriber PUBLISH id=6 qos=2",
      "120 broker>publisher PUBCOMP id=6",
      "160 subscriber>broker PUBREC id=4",
      "160 subscriber>broker PUBREC id=5",
      "160 subscriber>broker PUBREC id=6",
      "200 broker>subscriber PUBREL id=4",
      "200 broker>subscriber PUBREL id=5",
      "200 broker>subscriber PUBREL id=6",
      "240 deliver@subscriber m2 #1",
      "240 process@subscriber m2",
      "240 subscriber>broker PUBCOMP id=4",
      "240 deliver@subscriber m4 #1",
      "240 process@subscriber m4",
      "240 subscriber>broker PUBCOMP id=5",
      "240 deliver@subscriber m6 #1",
      "240 process@subscriber m6",
      "240 subscriber>broker PUBCOMP id=6",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
      [1, "once"],
      [1, "once"],
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "Receive Maximum 2, five QoS 1 messages at once: two in flight, the rest wait and go as PUBACKs return quota",
    scenario: {
      publishQos: 1,
      receiveMaximum: { broker: 2 },
      messages: [{ atMs: 0 }, { atMs: 0 }, { atMs: 0 }, { atMs: 0 }, { atMs: 0 }],
    },
    sequence: [
      "0 publisher>broker CONNECT",
      "40 broker>publisher CONNACK sp=1 receiveMaximum=2",
      "80 publisher>broker PUBLISH id=1 qos=1",
      "80 publisher>broker PUBLISH id=2 qos=1",
      "80 quota-wait@publisher m3 2/2 in flight",
      "80 quota-wait@publisher m4 2/2 in flight",
      "80 quota-wait@publisher m5 2/2 in flight",
      "120 deliver@broker m1 #1",
      "120 process@broker m1",
      "120 broker>publisher PUBACK id=1",
      "120 deliver@broker m2 #1",
      "120 process@broker m2",
      "120 broker>publisher PUBACK id=2",
      "160 publisher>broker PUBLISH id=3 qos=1",
      "160 publisher>broker PUBLISH id=4 qos=1",
      "200 deliver@broker m3 #1",
      "200 process@broker m3",
      "200 broker>publisher PUBACK id=3",
      "200 deliver@broker m4 #1",
      "200 process@broker m4",
      "200 broker>publisher PUBACK id=4",
      "240 publisher>broker PUBLISH id=5 qos=1",
      "280 deliver@broker m5 #1",
      "280 process@broker m5",
      "280 broker>publisher PUBACK id=5",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
      [1, "once"],
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "QoS 2, Receive Maximum 1: a successful PUBREC returns no quota; the next PUBLISH waits for PUBCOMP",
    scenario: { publishQos: 2, receiveMaximum: { broker: 1 }, messages: [{}, { atMs: 0 }] },
    sequence: [
      "0 publisher>broker CONNECT",
      "40 broker>publisher CONNACK sp=1 receiveMaximum=1",
      "80 publisher>broker PUBLISH id=1 qos=2",
      "80 quota-wait@publisher m2 1/1 in flight",
      "120 broker>publisher PUBREC id=1",
      "160 publisher>broker PUBREL id=1",
      "200 deliver@broker m1 #1",
      "200 process@broker m1",
      "200 broker>publisher PUBCOMP id=1",
      "240 publisher>broker PUBLISH id=2 qos=2",
      "280 broker>publisher PUBREC id=2",
      "320 publisher>broker PUBREL id=2",
      "360 deliver@broker m2 #1",
      "360 process@broker m2",
      "360 broker>publisher PUBCOMP id=2",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "QoS 2 refused with PUBREC 0x87: no PUBREL, never resent, not forwarded; the refusal returns quota at once",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 2 },
      receiveMaximum: { broker: 1 },
      messages: [{}, { atMs: 0 }],
      refusals: [{ message: 1, reasonCode: 135 }],
    },
    sequence: [
      "0 publisher>broker CONNECT",
      "0 subscriber>broker CONNECT",
      "40 broker>publisher CONNACK sp=1 receiveMaximum=1",
      "40 broker>subscriber CONNACK sp=1 receiveMaximum=1",
      "80 publisher>broker PUBLISH id=1 qos=2",
      "80 quota-wait@publisher m2 1/1 in flight",
      "120 broker>publisher PUBREC id=1 rc=0x87",
      "160 publisher>broker PUBLISH id=2 qos=2",
      "200 broker>publisher PUBREC id=2",
      "240 publisher>broker PUBREL id=2",
      "280 deliver@broker m2 #1",
      "280 broker>subscriber PUBLISH id=1 qos=2",
      "280 broker>publisher PUBCOMP id=2",
      "320 subscriber>broker PUBREC id=1",
      "360 broker>subscriber PUBREL id=1",
      "400 deliver@subscriber m2 #1",
      "400 process@subscriber m2",
      "400 subscriber>broker PUBCOMP id=1",
    ],
    outcome: [
      [0, "lost"],
      [1, "once"],
    ],
  },
  {
    name: "QoS 1 refused by the subscriber with PUBACK 0x97, that PUBACK lost: the PUBLISH is still unacknowledged, resent and refused again, never delivered",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1 },
      refusals: [{ hop: "broker-subscriber", message: 1, reasonCode: 151 }],
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBACK id=1",
      "80 subscriber>broker PUBACK id=1 rc=0x97 LOST",
      "100 connection-lost broker-subscriber",
      "400 subscriber>broker CONNECT",
      "440 broker>subscriber CONNACK sp=1",
      "440 broker>subscriber PUBLISH id=1 qos=1 dup",
      "480 reconnected broker-subscriber sp=1",
      "480 subscriber>broker PUBACK id=1 rc=0x97",
    ],
    outcome: [[0, "lost"]],
  },
  {
    name: "3.1.1: the subscriber's in-flight window of 1 holds the broker's second PUBLISH back; nothing on the wire says so",
    scenario: {
      protocol: "3.1.1",
      publishQos: 1,
      subscriber: { qos: 1 },
      receiveMaximum: { subscriber: 1 },
      messages: [{}, { atMs: 0 }],
    },
    sequence: [
      "0 publisher>broker CONNECT",
      "0 subscriber>broker CONNECT",
      "40 broker>publisher CONNACK sp=1",
      "40 broker>subscriber CONNACK sp=1",
      "80 publisher>broker PUBLISH id=1 qos=1",
      "80 publisher>broker PUBLISH id=2 qos=1",
      "120 deliver@broker m1 #1",
      "120 broker>subscriber PUBLISH id=1 qos=1",
      "120 broker>publisher PUBACK id=1",
      "120 deliver@broker m2 #1",
      "120 quota-wait@broker m2 1/1 in flight",
      "120 broker>publisher PUBACK id=2",
      "160 deliver@subscriber m1 #1",
      "160 process@subscriber m1",
      "160 subscriber>broker PUBACK id=1",
      "200 broker>subscriber PUBLISH id=2 qos=1",
      "240 deliver@subscriber m2 #1",
      "240 process@subscriber m2",
      "240 subscriber>broker PUBACK id=2",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "Receive Maximum 1, a late subscriber: its second retained copy and a live message wait for the first PUBACK, in order [MQTT-4.9.0-2]",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1, joinAtMs: 200 },
      receiveMaximum: { subscriber: 1 },
      messages: [
        { topic: "a", retain: true, atMs: 0 },
        { topic: "b", retain: true, atMs: 0 },
        { topic: "a", atMs: 300 },
      ],
    },
    sequence: [
      "0 publisher>broker CONNECT",
      "40 broker>publisher CONNACK sp=1",
      "80 publisher>broker PUBLISH id=1 qos=1 retain",
      "80 publisher>broker PUBLISH id=2 qos=1 retain",
      "120 deliver@broker m1 #1",
      "120 retained@broker m1 stored a",
      "120 not-forwarded m1 (no-subscription)",
      "120 broker>publisher PUBACK id=1",
      "120 deliver@broker m2 #1",
      "120 retained@broker m2 stored b",
      "120 not-forwarded m2 (no-subscription)",
      "120 broker>publisher PUBACK id=2",
      "200 subscriber>broker CONNECT receiveMaximum=1",
      "240 broker>subscriber CONNACK sp=1",
      "280 subscriber>broker SUBSCRIBE id=1",
      "300 publisher>broker PUBLISH id=3 qos=1",
      "320 broker>subscriber SUBACK id=1 granted=1",
      "320 broker>subscriber PUBLISH id=1 qos=1 retain",
      "320 quota-wait@broker m2 1/1 in flight",
      "340 deliver@broker m3 #1",
      "340 quota-wait@broker m3 1/1 in flight",
      "340 broker>publisher PUBACK id=3",
      "360 deliver@subscriber m1 #1",
      "360 process@subscriber m1",
      "360 subscriber>broker PUBACK id=1",
      "400 broker>subscriber PUBLISH id=2 qos=1 retain",
      "440 deliver@subscriber m2 #1",
      "440 process@subscriber m2",
      "440 subscriber>broker PUBACK id=2",
      "480 broker>subscriber PUBLISH id=3 qos=1",
      "520 deliver@subscriber m3 #1",
      "520 process@subscriber m3",
      "520 subscriber>broker PUBACK id=3",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "Receive Maximum 1, an offline subscriber returns: the unacknowledged copy is resent first, then the waiting and queued ones one at a time, in order [MQTT-4.6.0-1]",
    scenario: {
      publishQos: 1,
      session: { publisher: "persistent", subscriber: "persistent" },
      subscriber: { qos: 1, offline: [{ atMs: 130, forMs: 270, end: "cut" }] },
      receiveMaximum: { subscriber: 1 },
      messages: [{ atMs: 0 }, { atMs: 0 }, { atMs: 150 }, { atMs: 200 }],
    },
    sequence: [
      "0 publisher>broker CONNECT",
      "0 subscriber>broker CONNECT receiveMaximum=1",
      "40 broker>publisher CONNACK sp=1",
      "40 broker>subscriber CONNACK sp=1",
      "80 publisher>broker PUBLISH id=1 qos=1",
      "80 publisher>broker PUBLISH id=2 qos=1",
      "120 deliver@broker m1 #1",
      "120 broker>subscriber PUBLISH id=1 qos=1 lost-with-connection",
      "120 broker>publisher PUBACK id=1",
      "120 deliver@broker m2 #1",
      "120 quota-wait@broker m2 1/1 in flight",
      "120 broker>publisher PUBACK id=2",
      "130 disconnected@subscriber broker-subscriber cut until 400",
      "130 connection-lost broker-subscriber",
      "150 publisher>broker PUBLISH id=3 qos=1",
      "190 deliver@broker m3 #1",
      "190 broker>publisher PUBACK id=3",
      "200 publisher>broker PUBLISH id=4 qos=1",
      "240 deliver@broker m4 #1",
      "240 broker>publisher PUBACK id=4",
      "400 subscriber>broker CONNECT receiveMaximum=1",
      "440 broker>subscriber CONNACK sp=1",
      "440 broker>subscriber PUBLISH id=1 qos=1 dup",
      "440 quota-wait@broker m3 1/1 in flight",
      "440 quota-wait@broker m4 1/1 in flight",
      "480 reconnected broker-subscriber sp=1",
      "480 deliver@subscriber m1 #1",
      "480 process@subscriber m1",
      "480 subscriber>broker PUBACK id=1",
      "520 broker>subscriber PUBLISH id=2 qos=1",
      "560 deliver@subscriber m2 #1",
      "560 process@subscriber m2",
      "560 subscriber>broker PUBACK id=2",
      "600 broker>subscriber PUBLISH id=3 qos=1",
      "640 deliver@subscriber m3 #1",
      "640 process@subscriber m3",
      "640 subscriber>broker PUBACK id=3",
      "680 broker>subscriber PUBLISH id=4 qos=1",
      "720 deliver@subscriber m4 #1",
      "720 process@subscriber m4",
      "720 subscriber>broker PUBACK id=4",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
      [1, "once"],
      [1, "once"],
    ],
  },
  {
    name: "Receive Maximum 1, a crash restores an autosave: the restored unacknowledged copy holds the quota, the restored queued one waits for its PUBACK",
    scenario: {
      publishQos: 1,
      session: { publisher: "persistent", subscriber: "persistent" },
      subscriber: { qos: 1 },
      receiveMaximum: { subscriber: 1 },
      messages: [{ atMs: 0 }, { atMs: 0 }],
      broker: { persistence: { autosaveMs: 150 }, restarts: [{ atMs: 210, kind: "crash", downMs: 200 }] },
    },
    sequence: [
      "0 publisher>broker CONNECT",
      "0 subscriber>broker CONNECT receiveMaximum=1",
      "40 broker>publisher CONNACK sp=1",
      "40 broker>subscriber CONNACK sp=1",
      "80 publisher>broker PUBLISH id=1 qos=1",
      "80 publisher>broker PUBLISH id=2 qos=1",
      "120 deliver@broker m1 #1",
      "120 broker>subscriber PUBLISH id=1 qos=1",
      "120 broker>publisher PUBACK id=1",
      "120 deliver@broker m2 #1",
      "120 quota-wait@broker m2 1/1 in flight",
      "120 broker>publisher PUBACK id=2",
      "160 deliver@subscriber m1 #1",
      "160 process@subscriber m1",
      "160 subscriber>broker PUBACK id=1",
      "200 broker>subscriber PUBLISH id=2 qos=1 lost-with-connection",
      "210 broker-down crash kept [1,2] lost [] sessions kept saved@150",
      "210 connection-lost publisher-broker",
      "210 connection-lost broker-subscriber",
      "410 broker-up",
      "510 publisher>broker CONNECT",
      "510 subscriber>broker CONNECT receiveMaximum=1",
      "550 broker>publisher CONNACK sp=1",
      "550 broker>subscriber CONNACK sp=1",
      "550 broker>subscriber PUBLISH id=1 qos=1 dup",
      "550 quota-wait@broker m2 1/1 in flight",
      "590 reconnected publisher-broker sp=1",
      "590 reconnected broker-subscriber sp=1",
      "590 deliver@subscriber m1 #2",
      "590 process@subscriber m1",
      "590 subscriber>broker PUBACK id=1",
      "630 broker>subscriber PUBLISH id=2 qos=1",
      "670 deliver@subscriber m2 #1",
      "670 process@subscriber m2",
      "670 subscriber>broker PUBACK id=2",
    ],
    outcome: [
      [2, "duplicated"],
      [1, "once"],
    ],
  },
];

describe("golden traces: several messages in flight, Receive Maximum, refusals", () => {
  it.each(cases)("$name", (c) => {
    const trace = simulate(c.scenario);
    expect(sequence(trace)).toEqual(c.sequence);
    expect(trace.outcome.messages.map((m) => [m.deliveries, m.verdict])).toEqual(c.outcome);
    expect(causeProblems(trace)).toEqual([]);
    expect(causeProblems(simulate(c.scenario, { states: true }))).toEqual([]);
    expect(simulate(c.scenario, { driver: "actor" })).toEqual(trace);
  });

  it("the subscriber gets 1, 2, 1, 2, 1, 2 as m1 m3 m5 m2 m4 m6 (Mosquitto's order) under Method A, in order under Method B", () => {
    const order = (delivery: "on-pubrel" | "on-publish") =>
      simulate({
        publishQos: 1,
        subscriber: { qos: 2 },
        qos2Delivery: { broker: delivery, subscriber: delivery },
        messages: [1, 2, 1, 2, 1, 2].map((qos) => ({ qos, atMs: 0 })),
      })
        .events.filter((e) => e.type === "process")
        .map((e) => e.message);
    expect(order("on-pubrel")).toEqual([1, 3, 5, 2, 4, 6]);
    expect(order("on-publish")).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("a refused message is never delivered by that receiver; its refusal returns quota at once", () => {
    const trace = simulate({
      publishQos: 1,
      receiveMaximum: { broker: 1 },
      messages: [{}, { atMs: 0 }],
      refusals: [{ message: 1, reasonCode: 0x80 }],
    });
    const publishes = trace.events.flatMap((e) => (e.type === "packet" && e.packet === "PUBLISH" ? [e] : []));
    expect(publishes.map((e) => [e.message, e.resend === true])).toEqual([
      [1, false],
      [2, false],
    ]);
    // Message 2 waited for quota; the refusing PUBACK's arrival sent it.
    const cause = trace.events[publishes[1]?.causedBy ?? -1];
    expect(cause).toMatchObject({ type: "packet", packet: "PUBACK", message: 1, reasonCode: 0x80 });
    expect(trace.outcome.messages.map((m) => m.deliveries)).toEqual([0, 1]);
  });

  it("the CONNECT carries the subscriber's Receive Maximum and every CONNACK the broker's (5.0 properties)", () => {
    const trace = simulate({
      publishQos: 1,
      subscriber: { qos: 1 },
      receiveMaximum: { broker: 3, subscriber: 2 },
    });
    const props = trace.events.flatMap((e) =>
      e.type === "packet" && (e.packet === "CONNECT" || e.packet === "CONNACK")
        ? [`${e.from}>${e.to} ${e.packet} ${JSON.stringify(e.properties ?? {})}`]
        : [],
    );
    expect(props).toEqual([
      "publisher>broker CONNECT {}",
      'subscriber>broker CONNECT {"receiveMaximum":2}',
      'broker>publisher CONNACK {"receiveMaximum":3}',
      'broker>subscriber CONNACK {"receiveMaximum":3}',
    ]);
  });
});
