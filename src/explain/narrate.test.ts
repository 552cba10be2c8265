import { describe, expect, it } from "vitest";
import { stepsOf } from "../sim/steps.ts";
import { simulate } from "../sim/simulate.ts";
import { narrateAll, narrateAt } from "./narrate.ts";
import { event, packet, run, sentence, sentences, wordCount } from "./testing.ts";

const timer = { protocol: "3.1.1", retransmit: "on-timeout" } as const;

describe("narrate: golden sentences of the QoS 2 PUBREC-lost case", () => {
  const trace = run({ publishQos: 2, faults: [{ packet: "PUBREC" }] });

  it("announces the first PUBLISH with its id and QoS", () => {
    expect(sentence(trace, "send", packet("PUBLISH", { dup: false }))).toBe(
      "The publisher sends message 1 as PUBLISH id 1 at QoS 2.",
    );
  });

  it("tells that a Method A broker stores the message and waits for PUBREL", () => {
    expect(sentence(trace, "arrive", packet("PUBLISH", { dup: false }))).toBe(
      "The broker stores the message and answers PUBREC; it will hand it on when PUBREL arrives.",
    );
  });

  it("says the lost PUBREC breaks the connection", () => {
    expect(sentence(trace, "lost", packet("PUBREC"))).toBe(
      "The broker's PUBREC id 1 is lost: in MQTT that means the connection breaks.",
    );
  });

  it("explains the resend with DUP by the missing PUBREC", () => {
    expect(sentence(trace, "send", packet("PUBLISH", { dup: true }))).toBe(
      "After reconnecting, the publisher resends PUBLISH id 1 with DUP set: it never got a PUBREC.",
    );
  });

  it("says a duplicate PUBLISH for a stored id is answered with PUBREC and not delivered twice", () => {
    expect(sentence(trace, "arrive", packet("PUBLISH", { dup: true }))).toBe(
      "The broker already has id 1: it answers PUBREC again and does not deliver twice.",
    );
  });
});

describe("narrate: QoS 0 and QoS 1", () => {
  it("tells a QoS 0 PUBLISH has no id and no acknowledgement, and is never resent", () => {
    const trace = run({ publishQos: 0, faults: [{ packet: "PUBLISH" }] });
    expect(sentence(trace, "send", packet("PUBLISH"))).toMatch(/QoS 0.*no packet id, no acknowledgement/);
    expect(sentence(trace, "lost", packet("PUBLISH"))).toMatch(/PUBLISH is lost.*connection breaks/);
    expect(sentences(trace, "send", packet("PUBLISH"))).toHaveLength(1);
  });

  it("treats a QoS 1 PUBLISH resent after a lost PUBACK as a new message, delivered again", () => {
    const trace = run({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    expect(sentence(trace, "arrive", packet("PUBLISH", { dup: false }))).toMatch(
      /takes ownership of message 1.*answers PUBACK id 1/,
    );
    expect(sentence(trace, "arrive", packet("PUBLISH", { dup: true }))).toMatch(
      /^For QoS 1 a PUBLISH after the PUBACK is a new message: .* again/,
    );
    expect(sentences(trace, "event", event("deliver"))[1]).toMatch(/second time: a duplicate/);
    expect(sentences(trace, "event", event("process"))[1]).toMatch(/second time/);
  });

  it("says a QoS 1 resend whose first copy was lost is simply delivered, whatever DUP says", () => {
    const trace = run({ publishQos: 1, faults: [{ packet: "PUBLISH" }] });
    expect(sentence(trace, "arrive", packet("PUBLISH", { dup: true }))).toMatch(
      /DUP is set, yet this is the first copy to arrive/,
    );
  });

  it("tells the publisher's flow completes when PUBACK or PUBCOMP arrives", () => {
    expect(sentence(run({ publishQos: 1 }), "arrive", packet("PUBACK"))).toMatch(
      /QoS 1 is satisfied.*id 1 is free/,
    );
    expect(sentence(run({ publishQos: 2 }), "arrive", packet("PUBCOMP"))).toMatch(
      /QoS 2 handshake is complete/,
    );
  });
});

describe("narrate: QoS 2 receivers", () => {
  it("says a Method B broker delivers at once and remembers the id", () => {
    const trace = run({ publishQos: 2, qos2Delivery: { broker: "on-publish" } });
    expect(sentence(trace, "arrive", packet("PUBLISH"))).toMatch(
      /^Method B: .*at once, remembers id 1 and answers PUBREC/,
    );
    expect(sentence(trace, "arrive", packet("PUBREL"))).toMatch(
      /delivered message 1 on PUBLISH already.*forgets id 1/,
    );
  });

  it("says a Method A broker hands the stored message on when PUBREL arrives", () => {
    expect(sentence(run({ publishQos: 2 }), "arrive", packet("PUBREL"))).toMatch(
      /hands message 1 on now, forgets id 1 and answers PUBCOMP/,
    );
  });

  it("resends PUBREL, never PUBLISH, after a lost PUBREL", () => {
    const trace = run({ publishQos: 2, faults: [{ packet: "PUBREL" }] });
    expect(sentence(trace, "send", packet("PUBREL", { resend: true }))).toBe(
      "After reconnecting, the publisher resends PUBREL id 1, never the PUBLISH: it never got a PUBCOMP.",
    );
    expect(sentences(trace, "send", packet("PUBLISH"))).toHaveLength(1);
  });

  it("says a PUBREL for an id the broker no longer knows is still answered with PUBCOMP", () => {
    const trace = run({ publishQos: 2, faults: [{ packet: "PUBCOMP" }] });
    const arrivals = sentences(trace, "arrive", packet("PUBREL"));
    expect(arrivals[1]).toMatch(/no longer knows id 1 but still answers PUBCOMP/);
    expect(sentences(trace, "send", packet("PUBCOMP"))[1]).toMatch(/holds nothing for that id/);
  });
});

describe("narrate: connections and sessions", () => {
  it("tells a persistent reconnect asks to resume and gets Session Present 1", () => {
    const trace = run({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    expect(sentence(trace, "event", event("connection-lost"))).toMatch(/breaks.*reconnects in 300 ms/);
    expect(sentence(trace, "send", packet("CONNECT"))).toMatch(/Clean Start 0, asking to resume its session/);
    expect(sentence(trace, "send", packet("CONNACK"))).toMatch(/Session Present 1: it kept the session/);
    expect(sentence(trace, "event", event("reconnected"))).toMatch(/^Session Present 1: .*carry on/);
  });

  it("names the 3.1.1 flag CleanSession", () => {
    const trace = run({ protocol: "3.1.1", publishQos: 1, faults: [{ packet: "PUBACK" }] });
    expect(sentence(trace, "send", packet("CONNECT"))).toMatch(/CleanSession 0/);
  });

  it("tells a clean reconnect discards the stored message (Method A) and resends nothing", () => {
    const trace = run({ publishQos: 2, session: "clean", faults: [{ packet: "PUBREL" }] });
    expect(sentence(trace, "send", packet("CONNECT"))).toMatch(
      /Clean Start 1, asking for a new, empty session/,
    );
    expect(sentence(trace, "event", event("reconnected"))).toMatch(
      /Session Present 0: .*nothing unfinished is resent/,
    );
    const discarded = sentences(trace, "event", event("session-discarded"));
    expect(discarded[0]).toMatch(
      /broker discards the old session, including stored message 1, never delivered \(Method A\)/,
    );
    expect(discarded[1]).toMatch(/publisher discards its old session.*message 1/);
  });

  it("tells a clean Method B broker had delivered the message before its session was discarded", () => {
    const trace = run({
      publishQos: 2,
      session: "clean",
      qos2Delivery: { broker: "on-publish" },
      faults: [{ packet: "PUBREL" }],
    });
    expect(sentences(trace, "event", event("session-discarded"))[0]).toMatch(
      /delivered already \(Method B\)/,
    );
  });

  it("says packets in flight when the connection breaks are lost with it", () => {
    const trace = run({
      publishQos: 1,
      messages: [{}, {}],
      timing: { publishIntervalMs: 10 },
      faults: [{ packet: "PUBACK" }],
    });
    expect(sentence(trace, "lost", packet("PUBACK", { message: 2 }))).toBe(
      "The broker's PUBACK id 2 is lost with the connection.",
    );
  });

  it("says a message published while offline waits in the queue and goes out with DUP 0", () => {
    const trace = run({
      publishQos: 1,
      messages: [{}, {}],
      timing: { publishIntervalMs: 100 },
      faults: [{ packet: "PUBLISH" }],
    });
    expect(sentences(trace, "event", event("publish"))[1]).toMatch(
      /connection is down, so it waits in the client's queue/,
    );
    expect(sentence(trace, "send", packet("PUBLISH", { message: 2 }))).toMatch(/queued message 2 .*DUP 0/);
  });
});

describe("narrate: two hops", () => {
  it("tells the broker forwards at the lower QoS with its own packet id", () => {
    const trace = run({ publishQos: 2, subscriber: { qos: 1 } });
    expect(sentence(trace, "send", packet("PUBLISH", { hop: "broker-subscriber" }))).toBe(
      "The broker forwards message 1 at QoS 1, the lower of published 2 and granted 1, with its own packet id 1.",
    );
    expect(sentence(trace, "event", (e) => e.type === "deliver" && e.at === "broker")).toMatch(/routes it/);
    expect(sentence(trace, "event", (e) => e.type === "deliver" && e.at === "subscriber")).toMatch(
      /subscriber's application receives message 1/,
    );
  });

  it("says the broker resends to a reconnected subscriber", () => {
    const trace = run({
      publishQos: 1,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
    });
    expect(sentence(trace, "send", packet("PUBLISH", { hop: "broker-subscriber", dup: true }))).toMatch(
      /subscriber is back, so the broker resends PUBLISH id 1 with DUP set/,
    );
  });

  it("says the broker drops a message for an offline clean-session subscriber", () => {
    const trace = run({
      publishQos: 1,
      subscriber: { qos: 1 },
      session: { publisher: "persistent", subscriber: "clean" },
      messages: [{}, {}],
      timing: { publishIntervalMs: 50 },
      faults: [{ hop: "broker-subscriber", packet: "PUBLISH" }],
    });
    expect(sentence(trace, "event", event("not-forwarded"))).toMatch(
      /offline with a clean session.*message 2 is dropped/,
    );
  });

  it("says the application ignores a duplicate when it de-duplicates", () => {
    const trace = run({
      publishQos: 1,
      subscriber: { qos: 1 },
      dedupe: true,
      faults: [{ packet: "PUBACK" }],
    });
    expect(sentences(trace, "event", event("process"))[0]).toMatch(/notes its id/);
    expect(sentence(trace, "event", event("ignore"))).toMatch(/seen message 1 before and ignores this copy/);
  });
});

describe("narrate: the on-timeout model (MQTT 3.1 style)", () => {
  it("keeps the connection up and resends when the timer fires", () => {
    const trace = run({ ...timer, publishQos: 2, faults: [{ packet: "PUBREC" }] });
    expect(sentence(trace, "lost", packet("PUBREC"))).toMatch(/connection stays up/);
    expect(sentence(trace, "event", event("timeout"))).toBe(
      "No PUBREC within 500 ms: the publisher's resend timer fires (the MQTT 3.1 timer model).",
    );
    expect(sentence(trace, "send", packet("PUBLISH", { dup: true }))).toMatch(
      /^Its timer expired, .*DUP set/,
    );
  });

  it("answers a late PUBREC with PUBREL again and ignores a second PUBCOMP", () => {
    const trace = run({
      ...timer,
      publishQos: 2,
      timing: { timeoutMs: 50 },
      faults: [{ packet: "PUBCOMP" }],
    });
    expect(sentences(trace, "arrive", packet("PUBREC"))[1]).toMatch(/late PUBREC id 1.*PUBREL again/);
    expect(sentences(trace, "send", packet("PUBREL"))).toContain(
      "The publisher answers the repeated PUBREC with PUBREL id 1 again.",
    );
    expect(sentences(trace, "arrive", packet("PUBCOMP")).at(-1)).toMatch(/ignores this extra PUBCOMP/);
  });
});

describe("narrateAll", () => {
  it("gives one short sentence per step, in step order", () => {
    const trace = run({ publishQos: 2, subscriber: { qos: 1 }, faults: [{ packet: "PUBREL" }] });
    const all = narrateAll(trace);
    expect(all).toHaveLength(stepsOf(trace).length);
    for (const s of all) expect(wordCount(s)).toBeLessThanOrEqual(30);
  });

  it("tells the same story whether or not the trace recorded state events", () => {
    const scenario = { ...timer, publishQos: 2, timing: { timeoutMs: 50 }, faults: [{ packet: "PUBCOMP" }] };
    expect(narrateAll(run(scenario, false))).toEqual(narrateAll(run(scenario, true)));
  });
});

describe("a second copy after a clean subscriber's reconnect", () => {
  it("is narrated the same with or without recorded states", () => {
    const scenario = {
      protocol: "3.1.1",
      session: { publisher: "persistent", subscriber: "clean" },
      publishQos: 1,
      subscriber: { qos: 1 },
      faults: [
        { hop: "publisher-broker", packet: "PUBACK" },
        { hop: "broker-subscriber", packet: "PUBLISH" },
      ],
      timing: { latencyMs: 1, reconnectDelayMs: 0, publishIntervalMs: 0 },
    };
    expect(narrateAll(simulate(scenario))).toEqual(narrateAll(simulate(scenario, { states: true })));
  });
});

describe("narrateAt: every step of the instant on screen", () => {
  it("tells the second hop's PUBLISH and PUBREC at the instant a PUBCOMP arrives, not only the last step", () => {
    const trace = simulate({
      publishQos: 2,
      subscriber: { qos: 2 },
      messages: [{}, {}],
      timing: { publishIntervalMs: 40 },
    });
    const steps = stepsOf(trace);
    const pubcomp = steps.find((s) => {
      const e = trace.events[s.index];
      return s.kind === "arrive" && e?.type === "packet" && e.packet === "PUBCOMP" && e.to === "publisher";
    });
    if (!pubcomp) throw new Error("no PUBCOMP reaches the publisher");
    const told = narrateAt(trace, steps, pubcomp.t);
    expect(told.length).toBeGreaterThan(2);
    expect(told).toContain(
      "The broker forwards message 2 to the subscriber at QoS 2, with its own packet id 2.",
    );
    expect(told).toContain("The subscriber sends PUBREC id 1: message 1 received, now it waits for PUBREL.");
    expect(told.at(-1)).toMatch(/^PUBCOMP id 1 reaches the publisher/);
    // Playback stops at each instant once: what it tells there is what narrateAt gives.
    expect(narrateAt(trace, steps, pubcomp.t + 0.5)).toEqual(told);
  });

  it("tells nothing before the first step", () => {
    const trace = simulate({ publishQos: 1 });
    const steps = stepsOf(trace);
    expect(narrateAt(trace, steps, (steps[0]?.t ?? 0) - 1)).toEqual([]);
  });
});
