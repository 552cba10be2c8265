/**
 * Golden traces of the implementation profiles: each case shows what one real implementation does
 * where it departs from the specification (or where the scenario asks what it cannot do), and the
 * findings the trace reports. Each sequence was checked by hand against the profile's sources
 * (src/protocol/profiles) and shared/docs/mqtt-reference.md §8.
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
  /** "party code" of each finding, in order. */
  findings: string[];
}

const cases: Golden[] = [
  {
    name: "EMQX 5 resends the PUBLISH after 30 s on a live connection: a slow link duplicates QoS 1",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1 },
      timing: { latencyMs: 20000 },
      profiles: { broker: "emqx-5" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "20000 deliver@broker m1 #1",
      "20000 broker>subscriber PUBLISH id=1 qos=1",
      "20000 broker>publisher PUBACK id=1",
      "40000 deliver@subscriber m1 #1",
      "40000 process@subscriber m1",
      "40000 subscriber>broker PUBACK id=1",
      "50000 timeout@broker m1 waiting for PUBACK",
      "50000 broker>subscriber PUBLISH id=1 qos=1 dup",
      "70000 deliver@subscriber m1 #2",
      "70000 process@subscriber m1",
      "70000 subscriber>broker PUBACK id=1",
    ],
    outcome: [[2, "duplicated"]],
    findings: ["broker live-resend"],
  },
  {
    name: "EMQX 5 in on-timeout mode resends after its own 30 s, not timing.timeoutMs",
    scenario: {
      protocol: "3.1.1",
      retransmit: "on-timeout",
      publishQos: 2,
      subscriber: { qos: 2 },
      faults: [{ hop: "broker-subscriber", packet: "PUBREC" }],
      profiles: { broker: "emqx-5" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 subscriber>broker PUBREC id=1 LOST",
      "80 publisher>broker PUBREL id=1",
      "120 broker>publisher PUBCOMP id=1",
      "30040 timeout@broker m1 waiting for PUBREC",
      "30040 broker>subscriber PUBLISH id=1 qos=2 dup",
      "30080 subscriber>broker PUBREC id=1",
      "30120 broker>subscriber PUBREL id=1",
      "30160 deliver@subscriber m1 #1",
      "30160 process@subscriber m1",
      "30160 subscriber>broker PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
    findings: ["broker live-resend"],
  },
  {
    name: "VerneMQ resends after 20 s on a live connection",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 2 },
      timing: { latencyMs: 15000 },
      profiles: { broker: "vernemq" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "15000 deliver@broker m1 #1",
      "15000 broker>subscriber PUBLISH id=1 qos=2",
      "15000 broker>publisher PUBREC id=1",
      "30000 subscriber>broker PUBREC id=1",
      "30000 publisher>broker PUBREL id=1",
      "35000 timeout@broker m1 waiting for PUBREC",
      "35000 broker>subscriber PUBLISH id=1 qos=2 dup",
      "45000 broker>subscriber PUBREL id=1",
      "45000 broker>publisher PUBCOMP id=1",
      "50000 subscriber>broker PUBREC id=1",
      "60000 deliver@subscriber m1 #1",
      "60000 process@subscriber m1",
      "60000 subscriber>broker PUBCOMP id=1",
      "65000 timeout@broker m1 waiting for PUBCOMP",
      "65000 broker>subscriber PUBREL id=1",
      "65000 broker>subscriber PUBREL id=1",
      "80000 subscriber>broker PUBCOMP id=1",
      "80000 subscriber>broker PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
    findings: ["broker live-resend"],
  },
  {
    name: "RabbitMQ 3 answers a QoS 2 PUBLISH with PUBACK and grants the subscription QoS 1",
    scenario: {
      protocol: "3.1.1",
      publishQos: 2,
      subscriber: { qos: 2 },
      profiles: { broker: "rabbitmq-3" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBACK id=1",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "80 subscriber>broker PUBACK id=1",
    ],
    outcome: [[1, "once"]],
    findings: ["broker subscription-downgraded", "broker qos-downgraded"],
  },
  {
    name: "RabbitMQ 3 closes a 5.0 CONNECT without CONNACK",
    scenario: { publishQos: 1, subscriber: { qos: 1 }, profiles: { broker: "rabbitmq-3" } },
    sequence: [
      "0 publisher>broker CONNECT",
      "0 subscriber>broker CONNECT",
      "40 connection-lost publisher-broker",
      "40 connection-lost broker-subscriber",
    ],
    outcome: [[0, "lost"]],
    findings: ["broker protocol-closed"],
  },
  {
    name: "AWS IoT Core sends no acknowledgement for a QoS 2 PUBLISH",
    scenario: { publishQos: 2, subscriber: { qos: 1 }, profiles: { broker: "aws-iot-core" } },
    sequence: ["0 publisher>broker PUBLISH id=1 qos=2"],
    outcome: [[0, "lost"]],
    findings: ["broker qos-ignored"],
  },
  {
    name: "AWS IoT Core sends no SUBACK for a QoS 2 subscription: nothing is forwarded",
    scenario: { publishQos: 1, subscriber: { qos: 2 }, profiles: { broker: "aws-iot-core" } },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 not-forwarded m1 (no-subscription)",
      "40 broker>publisher PUBACK id=1",
    ],
    outcome: [[0, "lost"]],
    findings: ["broker subscription-ignored"],
  },
  {
    name: "Azure IoT Hub closes the connection on a QoS 2 PUBLISH",
    scenario: {
      protocol: "3.1.1",
      publishQos: 2,
      subscriber: { qos: 2 },
      profiles: { broker: "azure-iot-hub" },
    },
    sequence: ["0 publisher>broker PUBLISH id=1 qos=2", "40 connection-lost publisher-broker"],
    outcome: [[0, "lost"]],
    findings: ["broker subscription-downgraded", "broker qos-disconnect"],
  },
  {
    name: "Aedes 1 hands QoS 2 on at PUBLISH (Method B) and resends with DUP=0",
    scenario: {
      protocol: "3.1.1",
      publishQos: 2,
      subscriber: { qos: 2 },
      faults: [{ hop: "broker-subscriber", packet: "PUBREC" }],
      profiles: { broker: "aedes-1" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 subscriber>broker PUBREC id=1 LOST",
      "80 publisher>broker PUBREL id=1",
      "100 connection-lost broker-subscriber",
      "120 broker>publisher PUBCOMP id=1",
      "400 subscriber>broker CONNECT",
      "440 broker>subscriber CONNACK sp=1",
      "440 broker>subscriber PUBLISH id=1 qos=2",
      "480 reconnected broker-subscriber sp=1",
      "480 subscriber>broker PUBREC id=1",
      "520 broker>subscriber PUBREL id=1",
      "560 deliver@subscriber m1 #1",
      "560 process@subscriber m1",
      "560 subscriber>broker PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
    findings: ["broker no-dup"],
  },
  {
    name: "Aedes 1 refuses a 5.0 CONNECT (CONNACK 0x84)",
    scenario: { publishQos: 1, profiles: { broker: "aedes-1" } },
    sequence: [
      "0 publisher>broker CONNECT",
      "40 broker>publisher CONNACK sp=0 rc=0x84",
      "80 connection-lost publisher-broker",
    ],
    outcome: [[0, "lost"]],
    findings: ["broker protocol-refused"],
  },
  {
    name: "Aedes 1 answers the publisher Session Present 0: a lost QoS 1 PUBLISH is never resent",
    scenario: {
      protocol: "3.1.1",
      publishQos: 1,
      faults: [{ packet: "PUBLISH" }],
      profiles: { broker: "aedes-1" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1 LOST",
      "20 connection-lost publisher-broker",
      "320 publisher>broker CONNECT",
      "360 broker>publisher CONNACK sp=0",
      "400 reconnected publisher-broker sp=0",
      "400 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[0, "lost"]],
    findings: ["broker session-present-0"],
  },
  {
    name: "MQTT.js 5 resends without DUP after Session Present 0: a clean session duplicates QoS 1",
    scenario: {
      publishQos: 1,
      session: "clean",
      faults: [{ packet: "PUBACK" }],
      profiles: { publisher: "mqttjs-5" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 process@broker m1",
      "40 broker>publisher PUBACK id=1 LOST",
      "60 connection-lost publisher-broker",
      "360 publisher>broker CONNECT",
      "400 session-discarded@broker publisher-broker []",
      "400 broker>publisher CONNACK sp=0",
      "440 reconnected publisher-broker sp=0",
      "440 publisher>broker PUBLISH id=1 qos=1",
      "480 deliver@broker m1 #2",
      "480 process@broker m1",
      "480 broker>publisher PUBACK id=1",
    ],
    outcome: [[2, "duplicated"]],
    findings: ["publisher resent-after-session-lost", "publisher no-dup"],
  },
  {
    name: "MQTT.js 5 on Aedes 1 resends after Session Present 0, so the lost PUBLISH arrives",
    scenario: {
      protocol: "3.1.1",
      publishQos: 1,
      faults: [{ packet: "PUBLISH" }],
      profiles: { broker: "aedes-1", publisher: "mqttjs-5" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1 LOST",
      "20 connection-lost publisher-broker",
      "320 publisher>broker CONNECT",
      "360 broker>publisher CONNACK sp=0",
      "400 reconnected publisher-broker sp=0",
      "400 publisher>broker PUBLISH id=1 qos=1",
      "440 deliver@broker m1 #1",
      "440 process@broker m1",
      "440 broker>publisher PUBACK id=1",
    ],
    outcome: [[1, "once"]],
    findings: ["broker session-present-0", "publisher resent-after-session-lost", "publisher no-dup"],
  },
  {
    name: "Paho Go 1 hands a repeated QoS 2 PUBLISH on twice",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 2 },
      faults: [{ hop: "broker-subscriber", packet: "PUBREC" }],
      profiles: { subscriber: "paho-go-1" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1",
      "120 deliver@broker m1 #1",
      "120 broker>subscriber PUBLISH id=1 qos=2",
      "120 broker>publisher PUBCOMP id=1",
      "160 deliver@subscriber m1 #1",
      "160 process@subscriber m1",
      "160 subscriber>broker PUBREC id=1 LOST",
      "180 connection-lost broker-subscriber",
      "480 subscriber>broker CONNECT",
      "520 broker>subscriber CONNACK sp=1",
      "520 broker>subscriber PUBLISH id=1 qos=2 dup",
      "560 reconnected broker-subscriber sp=1",
      "560 deliver@subscriber m1 #2",
      "560 process@subscriber m1",
      "560 subscriber>broker PUBREC id=1",
      "600 broker>subscriber PUBREL id=1",
      "640 subscriber>broker PUBCOMP id=1",
    ],
    outcome: [[2, "duplicated"]],
    findings: ["subscriber repeated-qos2-delivered"],
  },
  {
    name: "Mosquitto 2.0 keeps Method A where the scenario asked Method B: a finding",
    scenario: {
      publishQos: 2,
      session: "clean",
      qos2Delivery: { broker: "on-publish" },
      faults: [{ packet: "PUBREL" }],
      profiles: { broker: "mosquitto-2.0" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1 LOST",
      "100 connection-lost publisher-broker",
      "400 publisher>broker CONNECT",
      "440 session-discarded@broker publisher-broker [1]",
      "440 broker>publisher CONNACK sp=0 receiveMaximum=20",
      "480 reconnected publisher-broker sp=0",
      "480 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[0, "lost"]],
    findings: ["broker qos2-delivery"],
  },
  // The cases below were seen on loopback in lab/profiles.test.ts (the real run and this trace agree).
  {
    name: "Mosquitto 2.0 answers PUBACK 0x10 to a retained message published before the late subscriber's SUBSCRIBE",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1, joinAtMs: 400, retainHandling: 2 },
      messages: [{ retain: true, atMs: 0 }],
      profiles: { broker: "mosquitto-2.0" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1 retain",
      "40 deliver@broker m1 #1",
      "40 retained@broker m1 stored plant/line1/batch",
      "40 not-forwarded m1 (no-subscription)",
      // Nobody subscribes yet: 0x10 No matching subscribers (a MAY, §3.4.2.1; Mosquitto's knob).
      "40 broker>publisher PUBACK id=1 rc=0x10",
      "400 subscriber>broker CONNECT",
      "440 broker>subscriber CONNACK sp=1 receiveMaximum=20",
      "480 subscriber>broker SUBSCRIBE id=1",
      // Retain Handling 2: no retained message at SUBSCRIBE.
      "520 broker>subscriber SUBACK id=1 granted=1",
    ],
    outcome: [[0, "lost"]],
    findings: [],
  },
  {
    name: "Mosquitto 2.0 with its default autosave (1800 s): a crash before the first save loses both sessions and the queued QoS 2 message",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 2, offline: [{ atMs: 100, forMs: 1500, end: "disconnect" }] },
      broker: {
        persistence: { autosaveMs: 1_800_000 },
        restarts: [{ atMs: 800, kind: "crash", downMs: 200 }],
      },
      messages: [{ atMs: 300 }],
      profiles: { broker: "mosquitto-2.0" },
    },
    sequence: [
      "100 disconnected@subscriber broker-subscriber graceful until 1600",
      "100 subscriber>broker DISCONNECT",
      "300 publisher>broker PUBLISH id=1 qos=2",
      "340 broker>publisher PUBREC id=1",
      "380 publisher>broker PUBREL id=1",
      "420 deliver@broker m1 #1",
      "420 broker>publisher PUBCOMP id=1",
      "800 broker-down crash kept [] lost [1] sessions lost saved@0",
      // The subscriber is away: only the publisher's connection breaks.
      "800 connection-lost publisher-broker",
      "1000 broker-up",
      "1100 publisher>broker CONNECT",
      "1140 session-discarded@broker publisher-broker []",
      "1140 broker>publisher CONNACK sp=0 receiveMaximum=20",
      "1180 reconnected publisher-broker sp=0",
      "1180 session-discarded@publisher publisher-broker []",
      "1600 subscriber>broker CONNECT",
      "1640 session-discarded@broker broker-subscriber []",
      "1640 broker>subscriber CONNACK sp=0 receiveMaximum=20",
      "1680 reconnected broker-subscriber sp=0",
      "1680 session-discarded@subscriber broker-subscriber []",
    ],
    outcome: [[0, "lost"]],
    findings: [],
  },
  {
    name: "Aedes 1 answers a late subscriber Session Present 0: its session held no subscription yet",
    scenario: {
      protocol: "3.1.1",
      publishQos: 2,
      subscriber: { qos: 1, joinAtMs: 400 },
      messages: [
        { retain: true, atMs: 0 },
        { retain: true, atMs: 700 },
      ],
      profiles: { broker: "aedes-1" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2 retain",
      "40 deliver@broker m1 #1",
      "40 retained@broker m1 stored plant/line1/batch",
      "40 not-forwarded m1 (no-subscription)",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1",
      "120 broker>publisher PUBCOMP id=1",
      "400 subscriber>broker CONNECT",
      "440 broker>subscriber CONNACK sp=0",
      "480 subscriber>broker SUBSCRIBE id=1",
      "520 broker>subscriber SUBACK id=1 granted=1",
      "520 broker>subscriber PUBLISH id=1 qos=1 retain",
      "560 deliver@subscriber m1 #1",
      "560 process@subscriber m1",
      "560 subscriber>broker PUBACK id=1",
      "700 publisher>broker PUBLISH id=2 qos=2 retain",
      "740 deliver@broker m2 #1",
      "740 retained@broker m2 stored plant/line1/batch",
      "740 broker>subscriber PUBLISH id=2 qos=1",
      "740 broker>publisher PUBREC id=2",
      "780 deliver@subscriber m2 #1",
      "780 process@subscriber m2",
      "780 subscriber>broker PUBACK id=2",
      "780 publisher>broker PUBREL id=2",
      "820 broker>publisher PUBCOMP id=2",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
    ],
    findings: [],
  },
  {
    name: "Aedes 1 resends a copy it downgraded to QoS 1 at the published QoS 2 after the subscriber reconnects",
    scenario: {
      protocol: "3.1.1",
      publishQos: 2,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
      profiles: { broker: "aedes-1" },
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBREC id=1",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "80 subscriber>broker PUBACK id=1 LOST",
      "80 publisher>broker PUBREL id=1",
      "100 connection-lost broker-subscriber",
      "120 broker>publisher PUBCOMP id=1",
      "400 subscriber>broker CONNECT",
      "440 broker>subscriber CONNACK sp=1",
      // The stored copy at the published QoS, same packet id, a new QoS 2 flow.
      "440 broker>subscriber PUBLISH id=1 qos=2",
      "480 reconnected broker-subscriber sp=1",
      "480 subscriber>broker PUBREC id=1",
      "520 broker>subscriber PUBREL id=1",
      "560 deliver@subscriber m1 #2",
      "560 process@subscriber m1",
      "560 subscriber>broker PUBCOMP id=1",
    ],
    outcome: [[2, "duplicated"]],
    findings: ["broker stored-copy-published-qos"],
  },
  {
    name: "Aedes 1 sends a QoS 2 message queued for a QoS 1 subscription at QoS 2",
    scenario: {
      protocol: "3.1.1",
      publishQos: 1,
      subscriber: { qos: 1, offline: [{ atMs: 100, forMs: 1200, end: "disconnect" }] },
      messages: [
        { qos: 2, atMs: 300 },
        { qos: 1, atMs: 350 },
      ],
      profiles: { broker: "aedes-1" },
    },
    sequence: [
      "100 disconnected@subscriber broker-subscriber graceful until 1300",
      "100 subscriber>broker DISCONNECT",
      "300 publisher>broker PUBLISH id=1 qos=2",
      "340 deliver@broker m1 #1",
      "340 broker>publisher PUBREC id=1",
      "350 publisher>broker PUBLISH id=2 qos=1",
      "380 publisher>broker PUBREL id=1",
      "390 deliver@broker m2 #1",
      "390 broker>publisher PUBACK id=2",
      "420 broker>publisher PUBCOMP id=1",
      "1300 subscriber>broker CONNECT",
      "1340 broker>subscriber CONNACK sp=1",
      "1340 broker>subscriber PUBLISH id=1 qos=2",
      "1340 broker>subscriber PUBLISH id=2 qos=1",
      "1380 reconnected broker-subscriber sp=1",
      "1380 subscriber>broker PUBREC id=1",
      "1380 deliver@subscriber m2 #1",
      "1380 process@subscriber m2",
      "1380 subscriber>broker PUBACK id=2",
      "1420 broker>subscriber PUBREL id=1",
      "1460 deliver@subscriber m1 #1",
      "1460 process@subscriber m1",
      "1460 subscriber>broker PUBCOMP id=1",
    ],
    outcome: [
      [1, "once"],
      [1, "once"],
    ],
    findings: ["broker stored-copy-published-qos"],
  },
];

describe("golden traces of the implementation profiles", () => {
  for (const c of cases) {
    it(c.name, () => {
      const trace = simulate(c.scenario);
      expect(sequence(trace)).toStrictEqual(c.sequence);
      expect(trace.outcome.messages.map((m) => [m.deliveries, m.verdict])).toStrictEqual(c.outcome);
      expect((trace.findings ?? []).map((f) => `${f.party} ${f.code}`)).toStrictEqual(c.findings);
      expect(causeProblems(trace)).toEqual([]);
      expect(causeProblems(simulate(c.scenario, { states: true }))).toEqual([]);
    });
  }

  it("points each finding at the event that shows it, with its profile's source", () => {
    const trace = simulate(cases[0]?.scenario);
    const [finding] = trace.findings ?? [];
    expect(finding).toMatchObject({
      party: "broker",
      profile: "emqx-5",
      code: "live-resend",
      source: "https://docs.emqx.com/en/emqx/latest/design/retransmission.html",
    });
    expect(finding?.text).toBe(
      "EMQX 5 resent the PUBLISH after 30 s on a live connection; MQTT 5.0 forbids resending except after a reconnect [MQTT-4.4.0-1]",
    );
    expect(trace.events[finding?.event ?? -1]).toMatchObject({ type: "timeout", at: "broker" });
  });

  it("runs the actor driver to the same trace as the pure one", () => {
    for (const c of cases) {
      expect(simulate(c.scenario, { driver: "actor", states: true })).toStrictEqual(
        simulate(c.scenario, { states: true }),
      );
    }
  });

  it("echoes the profile's QoS 2 method where the scenario set none, and keeps an explicit one", () => {
    expect(simulate({ publishQos: 2, profiles: { broker: "emqx-5" } }).scenario.qos2Delivery).toStrictEqual({
      broker: "on-publish",
      subscriber: "on-pubrel",
    });
    const explicit = simulate({
      publishQos: 2,
      qos2Delivery: { broker: "on-pubrel" },
      profiles: { broker: "emqx-5" },
    });
    expect(explicit.scenario.qos2Delivery.broker).toBe("on-pubrel");
    expect(explicit.findings?.map((f) => f.code)).toStrictEqual(["qos2-delivery"]);
    // EMQX hands it on at PUBLISH all the same: the delivery precedes the PUBREL.
    expect(sequence(explicit).slice(0, 2)).toStrictEqual([
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 deliver@broker m1 #1",
    ]);
  });
});
