/**
 * Golden traces for the classic cases. Each expected sequence was checked by hand against
 * shared/docs/mqtt-reference.md; the full JSON of each trace (bytes included) is pinned in golden/.
 */
import { describe, expect, it } from "vitest";
import { causeProblems } from "./causeRules.ts";
import { eventLine } from "./sequence.ts";
import { type Golden, itMatchesGolden } from "./golden.testing.ts";
import { simulate } from "./simulate.ts";

const cases: Golden[] = [
  {
    name: "QoS 0, PUBLISH lost: nothing is resent, the reading is lost",
    file: "qos0-publish-lost",
    scenario: { publishQos: 0, faults: [{ packet: "PUBLISH" }] },
    sequence: [
      "0 publisher>broker PUBLISH qos=0 LOST",
      "20 connection-lost publisher-broker",
      "320 publisher>broker CONNECT",
      "360 broker>publisher CONNACK sp=1",
      "400 reconnected publisher-broker sp=1",
    ],
    outcome: [[0, "lost"]],
    unusedFaults: 0,
  },
  {
    name: "QoS 1, PUBLISH lost: resent with DUP after the reconnect, processed once",
    file: "qos1-publish-lost",
    scenario: { publishQos: 1, faults: [{ packet: "PUBLISH" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1 LOST",
      "20 connection-lost publisher-broker",
      "320 publisher>broker CONNECT",
      "360 broker>publisher CONNACK sp=1",
      "400 reconnected publisher-broker sp=1",
      "400 publisher>broker PUBLISH id=1 qos=1 dup",
      "440 deliver@broker m1 #1",
      "440 process@broker m1",
      "440 broker>publisher PUBACK id=1",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "QoS 1, PUBACK lost: the resend is a new message to the broker, processed twice",
    file: "qos1-puback-lost",
    scenario: { publishQos: 1, faults: [{ packet: "PUBACK" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 process@broker m1",
      "40 broker>publisher PUBACK id=1 LOST",
      "60 connection-lost publisher-broker",
      "360 publisher>broker CONNECT",
      "400 broker>publisher CONNACK sp=1",
      "440 reconnected publisher-broker sp=1",
      "440 publisher>broker PUBLISH id=1 qos=1 dup",
      "480 deliver@broker m1 #2",
      "480 process@broker m1",
      "480 broker>publisher PUBACK id=1",
    ],
    outcome: [[2, "duplicated"]],
    unusedFaults: 0,
  },
  {
    name: "QoS 2, PUBLISH lost: resent with DUP, processed once",
    file: "qos2-publish-lost",
    scenario: { publishQos: 2, faults: [{ packet: "PUBLISH" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2 LOST",
      "20 connection-lost publisher-broker",
      "320 publisher>broker CONNECT",
      "360 broker>publisher CONNACK sp=1",
      "400 reconnected publisher-broker sp=1",
      "400 publisher>broker PUBLISH id=1 qos=2 dup",
      "440 broker>publisher PUBREC id=1",
      "480 publisher>broker PUBREL id=1",
      "520 deliver@broker m1 #1",
      "520 process@broker m1",
      "520 broker>publisher PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "QoS 2, PUBREC lost: the resent PUBLISH is answered with PUBREC and not delivered again",
    file: "qos2-pubrec-lost",
    scenario: { publishQos: 2, faults: [{ packet: "PUBREC" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1 LOST",
      "60 connection-lost publisher-broker",
      "360 publisher>broker CONNECT",
      "400 broker>publisher CONNACK sp=1",
      "440 reconnected publisher-broker sp=1",
      "440 publisher>broker PUBLISH id=1 qos=2 dup",
      "480 broker>publisher PUBREC id=1",
      "520 publisher>broker PUBREL id=1",
      "560 deliver@broker m1 #1",
      "560 process@broker m1",
      "560 broker>publisher PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "QoS 2, PUBREL lost: PUBREL is resent, never PUBLISH",
    file: "qos2-pubrel-lost",
    scenario: { publishQos: 2, faults: [{ packet: "PUBREL" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1 LOST",
      "100 connection-lost publisher-broker",
      "400 publisher>broker CONNECT",
      "440 broker>publisher CONNACK sp=1",
      "480 reconnected publisher-broker sp=1",
      "480 publisher>broker PUBREL id=1",
      "520 deliver@broker m1 #1",
      "520 process@broker m1",
      "520 broker>publisher PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "QoS 2, PUBCOMP lost: PUBREL is resent and answered with PUBCOMP, no second delivery",
    file: "qos2-pubcomp-lost",
    scenario: { publishQos: 2, faults: [{ packet: "PUBCOMP" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1",
      "120 deliver@broker m1 #1",
      "120 process@broker m1",
      "120 broker>publisher PUBCOMP id=1 LOST",
      "140 connection-lost publisher-broker",
      "440 publisher>broker CONNECT",
      "480 broker>publisher CONNACK sp=1",
      "520 reconnected publisher-broker sp=1",
      "520 publisher>broker PUBREL id=1",
      "560 broker>publisher PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "clean session, QoS 1 PUBLISH lost: the message is discarded, 0 deliveries",
    file: "clean-qos1-publish-lost",
    scenario: { publishQos: 1, session: "clean", faults: [{ packet: "PUBLISH" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1 LOST",
      "20 connection-lost publisher-broker",
      "320 publisher>broker CONNECT",
      "360 session-discarded@broker publisher-broker []",
      "360 broker>publisher CONNACK sp=0",
      "400 reconnected publisher-broker sp=0",
      "400 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[0, "lost"]],
    unusedFaults: 0,
  },
  {
    name: "clean session, QoS 1 PUBACK lost: nothing is resent, 1 delivery",
    file: "clean-qos1-puback-lost",
    scenario: { publishQos: 1, session: "clean", faults: [{ packet: "PUBACK" }] },
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
      "440 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "clean session, QoS 2 PUBLISH lost: 0 deliveries",
    file: "clean-qos2-publish-lost",
    scenario: { publishQos: 2, session: "clean", faults: [{ packet: "PUBLISH" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2 LOST",
      "20 connection-lost publisher-broker",
      "320 publisher>broker CONNECT",
      "360 session-discarded@broker publisher-broker []",
      "360 broker>publisher CONNACK sp=0",
      "400 reconnected publisher-broker sp=0",
      "400 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[0, "lost"]],
    unusedFaults: 0,
  },
  {
    name: "clean session, QoS 2 PUBREC lost, Method A: the stored message is discarded, 0 deliveries",
    file: "clean-qos2-pubrec-lost-method-a",
    scenario: { publishQos: 2, session: "clean", faults: [{ packet: "PUBREC" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1 LOST",
      "60 connection-lost publisher-broker",
      "360 publisher>broker CONNECT",
      "400 session-discarded@broker publisher-broker [1]",
      "400 broker>publisher CONNACK sp=0",
      "440 reconnected publisher-broker sp=0",
      "440 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[0, "lost"]],
    unusedFaults: 0,
  },
  {
    name: "clean session, QoS 2 PUBREC lost, Method B: delivered on PUBLISH, 1 delivery",
    file: "clean-qos2-pubrec-lost-method-b",
    scenario: {
      publishQos: 2,
      session: "clean",
      qos2Delivery: { broker: "on-publish" },
      faults: [{ packet: "PUBREC" }],
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 deliver@broker m1 #1",
      "40 process@broker m1",
      "40 broker>publisher PUBREC id=1 LOST",
      "60 connection-lost publisher-broker",
      "360 publisher>broker CONNECT",
      "400 session-discarded@broker publisher-broker [1]",
      "400 broker>publisher CONNACK sp=0",
      "440 reconnected publisher-broker sp=0",
      "440 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "clean session, QoS 2 PUBREL lost, Method A: 0 deliveries",
    file: "clean-qos2-pubrel-lost-method-a",
    scenario: { publishQos: 2, session: "clean", faults: [{ packet: "PUBREL" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1 LOST",
      "100 connection-lost publisher-broker",
      "400 publisher>broker CONNECT",
      "440 session-discarded@broker publisher-broker [1]",
      "440 broker>publisher CONNACK sp=0",
      "480 reconnected publisher-broker sp=0",
      "480 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[0, "lost"]],
    unusedFaults: 0,
  },
  {
    name: "clean session, QoS 2 PUBREL lost, Method B: 1 delivery",
    file: "clean-qos2-pubrel-lost-method-b",
    scenario: {
      publishQos: 2,
      session: "clean",
      qos2Delivery: { broker: "on-publish" },
      faults: [{ packet: "PUBREL" }],
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 deliver@broker m1 #1",
      "40 process@broker m1",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1 LOST",
      "100 connection-lost publisher-broker",
      "400 publisher>broker CONNECT",
      "440 session-discarded@broker publisher-broker [1]",
      "440 broker>publisher CONNACK sp=0",
      "480 reconnected publisher-broker sp=0",
      "480 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "clean session, QoS 2 PUBCOMP lost: 1 delivery",
    file: "clean-qos2-pubcomp-lost",
    scenario: { publishQos: 2, session: "clean", faults: [{ packet: "PUBCOMP" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1",
      "120 deliver@broker m1 #1",
      "120 process@broker m1",
      "120 broker>publisher PUBCOMP id=1 LOST",
      "140 connection-lost publisher-broker",
      "440 publisher>broker CONNECT",
      "480 session-discarded@broker publisher-broker []",
      "480 broker>publisher CONNACK sp=0",
      "520 reconnected publisher-broker sp=0",
      "520 session-discarded@publisher publisher-broker [1]",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "on-timeout (3.1.1), QoS 1 PUBACK lost: resent after the timeout, processed twice",
    file: "timeout-qos1-puback-lost",
    scenario: { protocol: "3.1.1", retransmit: "on-timeout", publishQos: 1, faults: [{ packet: "PUBACK" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 process@broker m1",
      "40 broker>publisher PUBACK id=1 LOST",
      "500 timeout@publisher m1 waiting for PUBACK",
      "500 publisher>broker PUBLISH id=1 qos=1 dup",
      "540 deliver@broker m1 #2",
      "540 process@broker m1",
      "540 broker>publisher PUBACK id=1",
    ],
    outcome: [[2, "duplicated"]],
    unusedFaults: 0,
  },
  {
    name: "on-timeout (3.1.1), QoS 2 PUBREC lost: PUBLISH resent after the timeout, processed once",
    file: "timeout-qos2-pubrec-lost",
    scenario: { protocol: "3.1.1", retransmit: "on-timeout", publishQos: 2, faults: [{ packet: "PUBREC" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1 LOST",
      "500 timeout@publisher m1 waiting for PUBREC",
      "500 publisher>broker PUBLISH id=1 qos=2 dup",
      "540 broker>publisher PUBREC id=1",
      "580 publisher>broker PUBREL id=1",
      "620 deliver@broker m1 #1",
      "620 process@broker m1",
      "620 broker>publisher PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "on-timeout (3.1.1), QoS 2 PUBREL lost: PUBREL resent after the timeout, processed once",
    file: "timeout-qos2-pubrel-lost",
    scenario: { protocol: "3.1.1", retransmit: "on-timeout", publishQos: 2, faults: [{ packet: "PUBREL" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1 LOST",
      "580 timeout@publisher m1 waiting for PUBCOMP",
      "580 publisher>broker PUBREL id=1",
      "620 deliver@broker m1 #1",
      "620 process@broker m1",
      "620 broker>publisher PUBCOMP id=1",
    ],
    outcome: [[1, "once"]],
    unusedFaults: 0,
  },
  {
    name: "two hops, QoS 2 to a QoS 1 subscription, second-hop PUBACK lost: the subscriber gets it twice",
    file: "two-hops-2-to-1-puback-lost",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
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
      "160 subscriber>broker PUBACK id=1 LOST",
      "180 connection-lost broker-subscriber",
      "480 subscriber>broker CONNECT",
      "520 broker>subscriber CONNACK sp=1",
      "520 broker>subscriber PUBLISH id=1 qos=1 dup",
      "560 reconnected broker-subscriber sp=1",
      "560 deliver@subscriber m1 #2",
      "560 process@subscriber m1",
      "560 subscriber>broker PUBACK id=1",
    ],
    outcome: [[2, "duplicated"]],
    unusedFaults: 0,
  },
  {
    name: "two hops, QoS 1 PUBACK lost on the first hop: even a QoS 2 subscriber gets it twice",
    file: "two-hops-qos1-resent-to-qos2-subscriber",
    scenario: { publishQos: 1, subscriber: { qos: 2 }, faults: [{ packet: "PUBACK" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1",
      "40 broker>publisher PUBACK id=1 LOST",
      "60 connection-lost publisher-broker",
      "80 deliver@subscriber m1 #1",
      "80 process@subscriber m1",
      "80 subscriber>broker PUBACK id=1",
      "360 publisher>broker CONNECT",
      "400 broker>publisher CONNACK sp=1",
      "440 reconnected publisher-broker sp=1",
      "440 publisher>broker PUBLISH id=1 qos=1 dup",
      "480 deliver@broker m1 #2",
      "480 broker>subscriber PUBLISH id=2 qos=1",
      "480 broker>publisher PUBACK id=1",
      "520 deliver@subscriber m1 #2",
      "520 process@subscriber m1",
      "520 subscriber>broker PUBACK id=2",
    ],
    outcome: [[2, "duplicated"]],
    unusedFaults: 0,
  },
  {
    name: "two hops, QoS 2 to a QoS 0 subscription, second-hop PUBLISH lost: lost, never duplicated",
    file: "two-hops-2-to-0-publish-lost",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 0 },
      faults: [{ hop: "broker-subscriber", packet: "PUBLISH" }],
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=2",
      "40 broker>publisher PUBREC id=1",
      "80 publisher>broker PUBREL id=1",
      "120 deliver@broker m1 #1",
      "120 broker>subscriber PUBLISH qos=0 LOST",
      "120 broker>publisher PUBCOMP id=1",
      "140 connection-lost broker-subscriber",
      "440 subscriber>broker CONNECT",
      "480 broker>subscriber CONNACK sp=1",
      "520 reconnected broker-subscriber sp=1",
    ],
    outcome: [[0, "lost"]],
    unusedFaults: 0,
  },
  {
    name: "two hops, clean subscriber offline: the in-flight message and the next one are lost",
    file: "two-hops-clean-subscriber-offline",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1 },
      session: { subscriber: "clean" },
      messages: [{}, {}],
      timing: { reconnectDelayMs: 1500 },
      faults: [{ hop: "broker-subscriber", packet: "PUBLISH" }],
    },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 broker>subscriber PUBLISH id=1 qos=1 LOST",
      "40 broker>publisher PUBACK id=1",
      "60 connection-lost broker-subscriber",
      "1000 publisher>broker PUBLISH id=2 qos=1",
      "1040 deliver@broker m2 #1",
      "1040 not-forwarded m2 (no-session)",
      "1040 broker>publisher PUBACK id=2",
      "1560 subscriber>broker CONNECT",
      "1600 session-discarded@broker broker-subscriber [1]",
      "1600 broker>subscriber CONNACK sp=0",
      "1640 reconnected broker-subscriber sp=0",
      "1640 session-discarded@subscriber broker-subscriber []",
    ],
    outcome: [
      [0, "lost"],
      [0, "lost"],
    ],
    unusedFaults: 0,
  },
  {
    name: "dedupe: a QoS 1 duplicate is delivered twice but processed once; a fault that never matches is unused",
    file: "dedupe-and-unused-fault",
    scenario: { publishQos: 1, dedupe: true, faults: [{ packet: "PUBACK" }, { packet: "PUBREC" }] },
    sequence: [
      "0 publisher>broker PUBLISH id=1 qos=1",
      "40 deliver@broker m1 #1",
      "40 process@broker m1",
      "40 broker>publisher PUBACK id=1 LOST",
      "60 connection-lost publisher-broker",
      "360 publisher>broker CONNECT",
      "400 broker>publisher CONNACK sp=1",
      "440 reconnected publisher-broker sp=1",
      "440 publisher>broker PUBLISH id=1 qos=1 dup",
      "480 deliver@broker m1 #2",
      "480 ignore@broker m1",
      "480 broker>publisher PUBACK id=1",
    ],
    outcome: [[2, "once"]],
    unusedFaults: 1,
  },
];

describe("golden traces", () => {
  itMatchesGolden(cases);
});

describe("causes in the golden traces", () => {
  it("every causedBy names an earlier-or-same-instant event of a plausible type", () => {
    for (const c of cases) {
      expect(causeProblems(simulate(c.scenario)), c.file).toEqual([]);
      expect(causeProblems(simulate(c.scenario, { states: true })), `${c.file}, states`).toEqual([]);
    }
  });

  /** Each event's line followed by the line of what caused it: the chain a reader follows. */
  const because = (scenario: unknown) => {
    const { events } = simulate(scenario);
    return events.map((e) => {
      const cause = "causedBy" in e && e.causedBy !== undefined ? events[e.causedBy] : undefined;
      const line = eventLine(e) ?? `${e.t} ${e.type}`;
      return cause ? `${line} <- ${eventLine(cause) ?? `${cause.t} ${cause.type}`}` : line;
    });
  };

  it("QoS 2, PUBREC lost: the reconnect comes from the loss, the resend from the CONNACK", () => {
    expect(because({ publishQos: 2, faults: [{ packet: "PUBREC" }] })).toEqual([
      "0 publish",
      "0 publisher>broker PUBLISH id=1 qos=2 <- 0 publish",
      "40 broker>publisher PUBREC id=1 LOST <- 0 publisher>broker PUBLISH id=1 qos=2",
      "60 connection-lost publisher-broker <- 40 broker>publisher PUBREC id=1 LOST",
      "360 publisher>broker CONNECT <- 60 connection-lost publisher-broker",
      "400 broker>publisher CONNACK sp=1 <- 360 publisher>broker CONNECT",
      "440 reconnected publisher-broker sp=1 <- 400 broker>publisher CONNACK sp=1",
      "440 publisher>broker PUBLISH id=1 qos=2 dup <- 400 broker>publisher CONNACK sp=1",
      "480 broker>publisher PUBREC id=1 <- 440 publisher>broker PUBLISH id=1 qos=2 dup",
      "520 publisher>broker PUBREL id=1 <- 480 broker>publisher PUBREC id=1",
      "560 deliver@broker m1 #1 <- 520 publisher>broker PUBREL id=1",
      "560 process@broker m1 <- 560 deliver@broker m1 #1",
      "560 broker>publisher PUBCOMP id=1 <- 520 publisher>broker PUBREL id=1",
    ]);
  });

  it("the broker resends on the second hop because of the CONNACK it sends at that instant", () => {
    const lines = because({
      publishQos: 1,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
    });
    expect(lines).toContain(
      "440 broker>subscriber PUBLISH id=1 qos=1 dup <- 440 broker>subscriber CONNACK sp=1",
    );
    expect(lines).toContain(
      "40 broker>subscriber PUBLISH id=1 qos=1 <- 0 publisher>broker PUBLISH id=1 qos=1",
    );
  });

  it("a timer resend comes from the timeout, the timeout from the packet it guarded", () => {
    const lines = because({
      protocol: "3.1.1",
      retransmit: "on-timeout",
      publishQos: 2,
      faults: [{ packet: "PUBREL" }],
    });
    expect(lines).toContain(
      "580 timeout@publisher m1 waiting for PUBCOMP <- 80 publisher>broker PUBREL id=1 LOST",
    );
    expect(lines).toContain(
      "580 publisher>broker PUBREL id=1 <- 580 timeout@publisher m1 waiting for PUBCOMP",
    );
  });

  it("a message the broker cannot forward, and a clean session thrown away, name the arrival behind them", () => {
    const lines = because(cases.find((c) => c.file === "two-hops-clean-subscriber-offline")?.scenario);
    expect(lines).toContain("1040 not-forwarded m2 (no-session) <- 1000 publisher>broker PUBLISH id=2 qos=1");
    expect(lines).toContain(
      "1600 session-discarded@broker broker-subscriber [1] <- 1560 subscriber>broker CONNECT",
    );
    expect(lines).toContain(
      "1640 session-discarded@subscriber broker-subscriber [] <- 1600 broker>subscriber CONNACK sp=0",
    );
  });
});
