import { describe, expect, it } from "vitest";
import { simulate } from "../sim/simulate.ts";
import { explainOutcome, headlineOf } from "./verdict.ts";

const explain = (scenario: Record<string, unknown>) => explainOutcome(simulate(scenario));
const only = (scenario: Record<string, unknown>) => {
  const [first, ...rest] = explain(scenario);
  if (!first || rest.length > 0) throw new Error("expected one message");
  return first;
};
const clean = { session: "clean" } as const;
const timer = { protocol: "3.1.1", retransmit: "on-timeout" } as const;
const methodB = { qos2Delivery: { broker: "on-publish" } } as const;
const lost = (packet: string, hop = "publisher-broker") => ({ faults: [{ hop, packet }] });

describe("headlineOf", () => {
  it("counts processing, and names deliveries too when an id check made them differ", () => {
    expect(headlineOf({ deliveries: 0, processed: 0 }, false)).toBe("not processed at all");
    expect(headlineOf({ deliveries: 1, processed: 1 }, false)).toBe("processed exactly once");
    expect(headlineOf({ deliveries: 2, processed: 2 }, false)).toBe("processed twice");
    expect(headlineOf({ deliveries: 3, processed: 3 }, true)).toBe("processed 3 times");
    expect(headlineOf({ deliveries: 2, processed: 1 }, true)).toBe("delivered twice, processed once");
  });
});

describe("explainOutcome: golden sentences of the classic cases", () => {
  it.each([
    ["nothing lost: nothing to blame", { publishQos: 1 }, "No packet was lost."],
    [
      "QoS 0, PUBLISH lost: never resent",
      { publishQos: 0, ...lost("PUBLISH") },
      "The PUBLISH was lost and QoS 0 never resends.",
    ],
    [
      "QoS 1, PUBACK lost: the resend is a new message",
      { publishQos: 1, ...lost("PUBACK") },
      "The PUBACK was lost, so the publisher resent the PUBLISH and the broker treated it as new.",
    ],
    [
      "QoS 2, PUBREC lost: the resend is recognised by its id",
      { publishQos: 2, ...lost("PUBREC") },
      "QoS 2 held: the PUBREC was lost, the resent PUBLISH was recognised by its id and answered with PUBREC only.",
    ],
    [
      "QoS 2 clean, PUBREL lost: Method A loses the stored message",
      { publishQos: 2, ...clean, ...lost("PUBREL") },
      "The PUBREL was lost and the clean session discarded the stored message (Method A), so it was never delivered.",
    ],
    [
      "QoS 2 to a QoS 1 subscription, second-hop PUBACK lost: a duplicate",
      { publishQos: 2, subscriber: { qos: 1 }, ...lost("PUBACK", "broker-subscriber") },
      "The broker forwarded it at QoS 1 (the subscription's QoS), and the second hop's PUBACK was lost, so the subscriber got it twice.",
    ],
    [
      "QoS 1 resent after a lost PUBACK: the broker forwards both copies",
      { publishQos: 1, subscriber: { qos: 2 }, ...lost("PUBACK") },
      "The publisher resent it after a lost PUBACK; QoS 1 does not de-duplicate, so the broker forwarded both copies.",
    ],
  ])("%s", (_, scenario, why) => {
    expect(only(scenario).why).toBe(why);
  });
});

describe("explainOutcome: every lost packet at every QoS, persistent and clean", () => {
  it.each([
    // [behaviour, scenario, headline, key words of the why]
    [
      "QoS 1, PUBLISH lost: resent after the reconnect",
      { publishQos: 1, ...lost("PUBLISH") },
      "processed exactly once",
      /PUBLISH was lost.*resent it after the reconnect/,
    ],
    [
      "QoS 2, PUBLISH lost: resent, delivered once",
      { publishQos: 2, ...lost("PUBLISH") },
      "processed exactly once",
      /^QoS 2 held: the PUBLISH was lost and resent/,
    ],
    [
      "QoS 2 Method A, PUBREL lost: delivered when the resent PUBREL arrives",
      { publishQos: 2, ...lost("PUBREL") },
      "processed exactly once",
      /QoS 2 held: the PUBREL .*delivered the stored message/,
    ],
    [
      "QoS 2 Method B, PUBREL lost: delivered on PUBLISH, the id released later",
      { publishQos: 2, ...methodB, ...lost("PUBREL") },
      "processed exactly once",
      /on PUBLISH \(Method B\).*released the id/,
    ],
    [
      "QoS 2, PUBCOMP lost: PUBREL resent, no second delivery",
      { publishQos: 2, ...lost("PUBCOMP") },
      "processed exactly once",
      /PUBCOMP was lost.*resent the PUBREL.*without delivering again/,
    ],
    [
      "clean QoS 1, PUBLISH lost: discarded, never resent",
      { publishQos: 1, ...clean, ...lost("PUBLISH") },
      "not processed at all",
      /clean session discarded it.*never resent/,
    ],
    [
      "clean QoS 1, PUBACK lost: discarded instead of resent, so once",
      { publishQos: 1, ...clean, ...lost("PUBACK") },
      "processed exactly once",
      /PUBACK was lost, but the clean session discarded/,
    ],
    [
      "clean QoS 2, PUBLISH lost: discarded, never resent",
      { publishQos: 2, ...clean, ...lost("PUBLISH") },
      "not processed at all",
      /PUBLISH was lost and the clean session discarded it/,
    ],
    [
      "clean QoS 2 Method A, PUBREC lost: the stored message is discarded",
      { publishQos: 2, ...clean, ...lost("PUBREC") },
      "not processed at all",
      /PUBREC was lost .*stored message \(Method A\)/,
    ],
    [
      "clean QoS 2 Method B, PUBREC lost: delivered before the discard",
      { publishQos: 2, ...clean, ...methodB, ...lost("PUBREC") },
      "processed exactly once",
      /already delivered it \(Method B/,
    ],
    [
      "clean QoS 2 Method B, PUBREL lost: delivered before the discard",
      { publishQos: 2, ...clean, ...methodB, ...lost("PUBREL") },
      "processed exactly once",
      /already delivered it \(Method B/,
    ],
    [
      "clean QoS 2, PUBCOMP lost: delivered before the discard",
      { publishQos: 2, ...clean, ...lost("PUBCOMP") },
      "processed exactly once",
      /PUBCOMP was lost .*already delivered it\.$/,
    ],
  ])("%s", (_, scenario, headline, why) => {
    const x = only(scenario);
    expect(x.headline).toBe(headline);
    expect(x.why).toMatch(why);
  });
});

describe("explainOutcome: two hops", () => {
  it("explains a QoS 0 subscription losing the forwarded copy", () => {
    const x = only({ publishQos: 2, subscriber: { qos: 0 }, ...lost("PUBLISH", "broker-subscriber") });
    expect(x.headline).toBe("not processed at all");
    expect(x.why).toMatch(
      /forwarded it at QoS 0 \(the subscription's QoS\); the second hop's PUBLISH was lost and QoS 0 never resends/,
    );
  });

  it("explains a message the broker could not forward to an offline clean subscriber", () => {
    const [first, second] = explain({
      publishQos: 1,
      subscriber: { qos: 1 },
      session: { publisher: "persistent", subscriber: "clean" },
      messages: [{}, {}],
      timing: { publishIntervalMs: 50 },
      ...lost("PUBLISH", "broker-subscriber"),
    });
    expect(first?.why).toMatch(
      /second hop's PUBLISH was lost and the subscriber's clean session discarded it/,
    );
    expect(second?.why).toBe(
      "The broker did not forward it because the subscriber, with a clean session, was offline.",
    );
    expect(second?.verdict).toBe("lost");
  });

  it("says the subscriber got the duplicate but the application's id check ignored it", () => {
    const x = only({ publishQos: 1, subscriber: { qos: 1 }, dedupe: true, ...lost("PUBACK") });
    expect(x.headline).toBe("delivered twice, processed once");
    expect(x.verdict).toBe("once");
    expect(x.why).toMatch(/forwarded both copies; the application's own id check ignored the duplicate\.$/);
  });
});

describe("explainOutcome: the on-timeout model", () => {
  it("blames the lost PUBACK and the timer resend for a QoS 1 duplicate", () => {
    expect(only({ ...timer, publishQos: 1, ...lost("PUBACK") }).why).toMatch(
      /PUBACK was lost, so the publisher resent/,
    );
  });

  it("blames a timer shorter than the round trip when nothing was lost", () => {
    const x = only({ ...timer, publishQos: 1, timing: { timeoutMs: 50 } });
    expect(x.headline).toBe("processed twice");
    expect(x.why).toMatch(/timer fired before the PUBACK came back/);
  });

  it("says QoS 2 held across a PUBREL resent after a timeout", () => {
    expect(only({ ...timer, publishQos: 2, ...lost("PUBREL") }).why).toMatch(
      /QoS 2 held: .*resent after a timeout/,
    );
  });
});

describe("explainOutcome: several messages and unused faults", () => {
  it("explains each message on its own, including one lost with the broken connection", () => {
    const [first, second] = explain({
      publishQos: 1,
      messages: [{}, {}],
      timing: { publishIntervalMs: 10 },
      ...lost("PUBACK"),
    });
    expect(first?.why).toMatch(/^The PUBACK was lost, so/);
    expect(second?.why).toMatch(/^The PUBACK was lost with the broken connection, so/);
  });

  it("says a message published while offline was discarded by the clean reconnect before it was sent", () => {
    const [, second] = explain({
      publishQos: 1,
      ...clean,
      messages: [{}, {}],
      timing: { publishIntervalMs: 30 },
      ...lost("PUBLISH"),
    });
    expect(second?.why).toMatch(/published while the connection was down.*discarded it before it was sent/);
  });

  it("says why a planned loss never happened", () => {
    const x = only({ publishQos: 1, faults: [{ packet: "PUBREC" }, { packet: "PUBLISH", attempt: 2 }] });
    expect(x.why).toBe(
      "No packet was lost; these planned losses never happened: " +
        "PUBREC #1 (a QoS 1 flow has no PUBREC), PUBLISH #2 (it was sent only once).",
    );
  });
});

describe("explainOutcome's first messages", () => {
  it("are the same explanations as the whole one's first, lost, duplicated and spec differences included", () => {
    const trace = simulate({
      publishQos: 1,
      messages: Array.from({ length: 20 }, () => ({})),
      faults: [
        { packet: "PUBACK", message: 2 },
        { packet: "PUBLISH", message: 3 },
      ],
    });
    const all = explainOutcome(trace);
    expect(all).toHaveLength(20);
    for (const first of [0, 1, 3, 12, 20, 25])
      expect(explainOutcome(trace, first)).toEqual(all.slice(0, first));
  });
});
