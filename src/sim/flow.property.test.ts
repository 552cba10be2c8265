/**
 * Properties of several messages in flight, flow control and refusals, over generated scenarios:
 * per-message QoS and publish times (often back to back), Receive Maximum on either hop, refusals,
 * faults and both session kinds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { profileNamed } from "../protocol/profiles/index.ts";
import { QOS_LEVELS } from "../protocol/types.ts";
import { causeProblems } from "./causeRules.ts";
import { parseScenario } from "./scenario.ts";
import { arbitraryQuotaScenario } from "./arbitrary.ts";
import { behavioursOf } from "./behaviours.ts";
import { runScenario } from "./runScenario.ts";
import { HOPS, type Hop, type PacketEvent, type Scenario, type Trace, type TraceEvent } from "./types.ts";

const MAX_MESSAGES = 6;

/** A valid flow scenario: generated raw, then parsed (so the schema and rules decide validity). */
const flowScenario: fc.Arbitrary<Scenario> = fc
  .record({
    protocol: fc.constantFrom("3.1.1", "5.0"),
    publishQos: fc.constantFrom(...QOS_LEVELS),
    twoHops: fc.boolean(),
    granted: fc.constantFrom(...QOS_LEVELS),
    session: fc.constantFrom("persistent", "clean"),
    delivery: fc.constantFrom("on-pubrel", "on-publish"),
    messages: fc.array(
      fc.record({
        qos: fc.option(fc.constantFrom(...QOS_LEVELS), { nil: undefined }),
        gap: fc.constantFrom(0, 0, 10, 100),
      }),
      { minLength: 1, maxLength: MAX_MESSAGES },
    ),
    rmBroker: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    rmSubscriber: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    refusals: fc.array(
      fc.record({
        hop: fc.constantFrom(...HOPS),
        message: fc.integer({ min: 1, max: MAX_MESSAGES }),
        reasonCode: fc.constantFrom(0x80, 0x87, 0x97),
      }),
      { maxLength: 2 },
    ),
    faults: fc.array(
      fc.record({
        hop: fc.constantFrom(...HOPS),
        packet: fc.constantFrom("PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP", "CONNACK"),
        message: fc.integer({ min: 1, max: MAX_MESSAGES }),
        attempt: fc.integer({ min: 1, max: 2 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map((r) => {
    let at = 0;
    const input: Record<string, unknown> = {
      protocol: r.protocol,
      publishQos: r.publishQos,
      session: r.session,
      qos2Delivery: { broker: r.delivery, subscriber: r.delivery },
      messages: r.messages.map((m) => {
        at += m.gap;
        return m.qos === undefined ? { atMs: at } : { qos: m.qos, atMs: at };
      }),
      faults: r.faults.filter((f) => r.twoHops || f.hop === "publisher-broker"),
    };
    if (r.twoHops) input.subscriber = { qos: r.granted };
    if (r.rmBroker !== undefined || (r.twoHops && r.rmSubscriber !== undefined)) {
      input.receiveMaximum = {
        ...(r.rmBroker === undefined ? {} : { broker: r.rmBroker }),
        ...(r.twoHops && r.rmSubscriber !== undefined ? { subscriber: r.rmSubscriber } : {}),
      };
    }
    if (r.protocol === "5.0" && r.refusals.length > 0) input.refusals = r.refusals;
    return parseScenario(input);
  })
  .filter((p) => p.ok)
  .map((p) => (p.ok ? p.scenario : (undefined as never)));

const RUNS = { numRuns: 300 };
const TIMEOUT = { timeout: 120_000 };

const packets = (trace: Trace, hop: Hop): PacketEvent[] =>
  trace.events.flatMap((e) => (e.type === "packet" && e.hop === hop ? [e] : []));

/** Whether this acknowledgement returns send quota: PUBACK, PUBCOMP, or a PUBREC >= 0x80 (§4.9). */
function returnsQuota(e: PacketEvent): boolean {
  return (
    e.packet === "PUBACK" || e.packet === "PUBCOMP" || (e.packet === "PUBREC" && (e.reasonCode ?? 0) >= 0x80)
  );
}

/** Scenarios of every path to a hop at once (arbitrary.ts), the valid ones as the parser gives them. */
const quotaScenario: fc.Arbitrary<Scenario> = arbitraryQuotaScenario()
  .map((s) => parseScenario(s))
  .filter((p) => p.ok)
  .map((p) => (p.ok ? p.scenario : (undefined as never)));

/** Retained, queued and restarted flows make each run slower than flowScenario's. */
const QUOTA_RUNS = { numRuns: 500 };

/** The most unacknowledged PUBLISHes a hop's sender may have: Receive Maximum plus its profile's excess. */
function quotaLimit(scenario: Scenario, hop: Hop): number {
  const behaviours = behavioursOf(scenario, profileNamed);
  const [receiver, sender] =
    hop === "publisher-broker" ? (["broker", "publisher"] as const) : (["subscriber", "broker"] as const);
  const given = scenario.receiveMaximum?.[receiver === "broker" ? "broker" : "subscriber"];
  return (given ?? behaviours[receiver].receiveMaximum) + behaviours[sender].receiveMaximumExcess;
}

/**
 * Where a hop's sender has more QoS 1/2 PUBLISHes unacknowledged than quotaLimit, read from the wire
 * alone. Each connection starts with a full quota (§4.9): a PUBLISH sent on it (first or resent)
 * takes one, keyed by packet id (a timer's resend on the same connection takes none); PUBACK, PUBCOMP or a PUBREC >= 0x80 arriving gives it back
 * [MQTT-4.9.0-2]. A connection's end (lost, cut, graceful, broker down) or a new CONNECT reaching
 * the broker (which replaces any connection it had, [MQTT-3.1.4-3]) gives all back.
 */
function quotaProblems(trace: Trace): string[] {
  const problems: string[] = [];
  for (const hop of HOPS) {
    const limit = quotaLimit(trace.scenario, hop);
    const [sender, receiver] =
      hop === "publisher-broker" ? (["publisher", "broker"] as const) : (["broker", "subscriber"] as const);
    const behaviour = behavioursOf(trace.scenario, profileNamed)[receiver];
    // A receiver that ignores a QoS above its maximum never answers it (AWS IoT Core and QoS 2): that
    // flow is outside Receive Maximum's bookkeeping ("on-timeout" senders give it up after a few copies).
    const ignored = (qos: number) => behaviour.aboveMaximumQos === "ignore" && qos > behaviour.maximumQos;
    const open = new Map<number, number>();
    // Packet ids sent on the current connection: a timer resend of one repeats its flow, no new quota.
    const sentHere = new Set<number>();
    // What reaches an end in order of arrival: quota-returning acks to the sender, and CONNECTs.
    const arrivals = packets(trace, hop)
      .filter((e) => !e.dropped && ((e.to === sender && returnsQuota(e)) || e.packet === "CONNECT"))
      .sort((a, b) => a.arrives - b.arrives);
    let next = 0;
    trace.events.forEach((e: TraceEvent, i) => {
      for (; next < arrivals.length && (arrivals[next] as PacketEvent).arrives <= e.t; next++) {
        const arrived = arrivals[next] as PacketEvent;
        if (arrived.packet === "CONNECT") {
          open.clear();
          sentHere.clear();
        } else open.delete(arrived.packetId ?? 0);
      }
      const ended =
        ((e.type === "connection-lost" || e.type === "disconnected") && e.hop === hop) ||
        e.type === "broker-down";
      if (ended) {
        open.clear();
        sentHere.clear();
      }
      if (e.type !== "packet" || e.hop !== hop || e.packet !== "PUBLISH" || e.from !== sender) return;
      const id = e.packetId ?? 0;
      if ((e.qos ?? 0) === 0 || ignored(e.qos ?? 0) || (e.resend === true && sentHere.has(id))) return;
      sentHere.add(id);
      open.set(id, e.message ?? 0);
      if (open.size > limit)
        problems.push(
          `${hop} event ${i} t=${e.t}: ${open.size} unacknowledged (m${[...open.values()].join(" m")}), limit ${limit}`,
        );
    });
  }
  return problems;
}

describe("flow properties", TIMEOUT, () => {
  it("the generated scenarios reach what the properties are about", () => {
    const traces = fc.sample(flowScenario, { numRuns: 300, seed: 14 }).map((s) => runScenario(s));
    const has = (test: (e: TraceEvent) => boolean) => traces.filter((t) => t.events.some(test)).length;
    expect(has((e) => e.type === "quota-wait")).toBeGreaterThan(10);
    expect(has((e) => e.type === "packet" && (e.reasonCode ?? 0) >= 0x80)).toBeGreaterThan(10);
    expect(has((e) => e.type === "packet" && e.packet === "PUBLISH" && e.resend === true)).toBeGreaterThan(
      10,
    );
  });

  it("every generated trace keeps the cause rules", () => {
    fc.assert(
      fc.property(flowScenario, (scenario) => {
        expect(causeProblems(runScenario(scenario))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("after a reconnect the unacknowledged PUBLISHes are resent in their original order [MQTT-4.6.0-1]", () => {
    fc.assert(
      fc.property(flowScenario, (scenario) => {
        const trace = runScenario(scenario);
        for (const hop of HOPS) {
          const own = packets(trace, hop);
          // Message order on this hop: the order of their first PUBLISHes.
          const firstSent = new Map<number, number>();
          own.forEach((e, i) => {
            if (e.packet === "PUBLISH" && e.message !== undefined && !firstSent.has(e.message))
              firstSent.set(e.message, i);
          });
          // The resends caused by one CONNACK go out in that order.
          const byConnack = new Map<number, number[]>();
          for (const e of own) {
            if (e.packet !== "PUBLISH" || e.resend !== true || e.causedBy === undefined) continue;
            const cause = trace.events[e.causedBy] as TraceEvent;
            if (cause.type !== "packet" || cause.packet !== "CONNACK") continue;
            const list = byConnack.get(e.causedBy) ?? [];
            list.push(firstSent.get(e.message ?? 0) ?? -1);
            byConnack.set(e.causedBy, list);
          }
          for (const order of byConnack.values()) expect(order).toEqual([...order].sort((a, b) => a - b));
        }
      }),
      RUNS,
    );
  });

  it("PUBACKs and PUBRECs go out in the order their PUBLISHes arrived [MQTT-4.6.0-2], [MQTT-4.6.0-3]", () => {
    fc.assert(
      fc.property(flowScenario, (scenario) => {
        const trace = runScenario(scenario);
        for (const hop of HOPS) {
          // The PUBLISHes answered, in the order of the answers.
          const answered = packets(trace, hop)
            .filter((e) => (e.packet === "PUBACK" || e.packet === "PUBREC") && e.causedBy !== undefined)
            .map((e) => e.causedBy as number);
          const order = answered.map((i) => [(trace.events[i] as PacketEvent).arrives, i] as const);
          const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(order).toEqual(sorted);
        }
      }),
      RUNS,
    );
  });

  it("no hop ever has more unacknowledged QoS 1/2 PUBLISHes than its receiver's Receive Maximum [MQTT-3.3.4-9], [MQTT-3.3.4-10]", () => {
    fc.assert(
      fc.property(flowScenario, (scenario) => {
        expect(quotaProblems(runScenario(scenario))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("Receive Maximum holds for retained copies, queued copies, resends after restarts and wills too [MQTT-4.9.0-2]", () => {
    fc.assert(
      fc.property(quotaScenario, (scenario) => {
        const trace = runScenario(scenario);
        expect(quotaProblems(trace)).toEqual([]);
        expect(causeProblems(trace)).toEqual([]);
      }),
      QUOTA_RUNS,
    );
  });

  it("the quota scenarios reach retained copies, queued copies and waits together", () => {
    const traces = fc.sample(quotaScenario, { numRuns: 600, seed: 9 }).map((s) => runScenario(s));
    const has = (test: (t: Trace) => boolean) => traces.filter(test).length;
    const retainedSent = (t: Trace) =>
      t.events.some(
        (e) =>
          e.type === "packet" &&
          e.packet === "PUBLISH" &&
          e.hop === "broker-subscriber" &&
          e.retain === true &&
          (e.qos ?? 0) > 0,
      );
    const waited = (t: Trace) =>
      t.events.some((e) => e.type === "quota-wait" && e.hop === "broker-subscriber");
    const offline = (t: Trace) => t.events.some((e) => e.type === "disconnected");
    expect(has((t) => retainedSent(t) && waited(t))).toBeGreaterThan(20);
    expect(has((t) => offline(t) && waited(t))).toBeGreaterThan(10);
    expect(has((t) => t.events.some((e) => e.type === "broker-down") && waited(t))).toBeGreaterThan(5);
  });

  it("a refused message is never resent once its refusal arrived, never gets a PUBREL, and that receiver never delivers it [MQTT-4.4.0-2]", () => {
    fc.assert(
      fc.property(flowScenario, (scenario) => {
        const trace = runScenario(scenario);
        for (const refusal of scenario.refusals ?? []) {
          const own = packets(trace, refusal.hop).filter((e) => e.message === refusal.message);
          const refusing = own.filter(
            (e) => (e.packet === "PUBACK" || e.packet === "PUBREC") && e.reasonCode !== undefined,
          );
          for (const r of refusing) expect(r.reasonCode).toBe(refusal.reasonCode);
          const arrived = refusing.find((e) => !e.dropped);
          if (arrived !== undefined) {
            // A resend of the refused flow carries DUP=1 and its packet id [MQTT-3.3.1-1]. The same
            // message in a new flow is not one: under QoS 1 the publisher's resend after a lost
            // PUBACK is a new message to the broker [MQTT-4.3.2-5], forwarded (and refused) anew.
            const resent = own.filter(
              (e) =>
                e.packet === "PUBLISH" && e.t >= arrived.arrives && e.dup && e.packetId === arrived.packetId,
            );
            expect(resent).toEqual([]);
          }
          expect(own.filter((e) => e.packet === "PUBREL")).toEqual([]);
          const receiver = refusal.hop === "publisher-broker" ? "broker" : "subscriber";
          const delivered = trace.events.filter(
            (e) => e.type === "deliver" && e.at === receiver && e.message === refusal.message,
          );
          expect(delivered).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it("a QoS 1 resend after a lost PUBACK reaches the subscriber as a new flow, refused again, never delivered", () => {
    const parsed = parseScenario({
      protocol: "5.0",
      publishQos: 1,
      subscriber: { qos: 1 },
      messages: [{}],
      refusals: [{ hop: "broker-subscriber", message: 1, reasonCode: 0x80 }],
      faults: [{ hop: "publisher-broker", packet: "PUBACK", message: 1 }],
    });
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    const trace = runScenario(parsed.scenario);
    const forwards = packets(trace, "broker-subscriber").filter((e) => e.packet === "PUBLISH");
    // Two flows of message 1 (the second from the publisher's resend), neither a resend itself.
    expect(forwards.map((e) => [e.message, e.dup, e.packetId])).toEqual([
      [1, false, 1],
      [1, false, 2],
    ]);
    const refusals = packets(trace, "broker-subscriber").filter((e) => e.packet === "PUBACK");
    expect(refusals.map((e) => [e.reasonCode, e.packetId])).toEqual([
      [0x80, 1],
      [0x80, 2],
    ]);
    expect(trace.events.filter((e) => e.type === "deliver" && e.at === "subscriber")).toEqual([]);
  });

  it("per-message QoS: each message's first PUBLISH has its own QoS, and the broker forwards it at min(that, granted) [MQTT-3.8.4-8]", () => {
    fc.assert(
      fc.property(flowScenario, (scenario) => {
        const trace = runScenario(scenario);
        for (const e of trace.events) {
          if (e.type !== "packet" || e.packet !== "PUBLISH" || e.message === undefined) continue;
          const published = scenario.messages[e.message - 1]?.qos ?? scenario.publishQos;
          const expected =
            e.hop === "publisher-broker" ? published : Math.min(published, scenario.subscriber?.qos ?? 0);
          expect(e.qos ?? 0).toBe(expected);
        }
      }),
      RUNS,
    );
  });
});
