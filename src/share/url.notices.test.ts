/**
 * The cases of issue #10 ("Links keep every good parameter"): every bad parameter named, its
 * default standing in, every other parameter still applied, inside `scenario=` too.
 */
import { describe, expect, it } from "vitest";
import { parseScenario } from "../sim/scenario.ts";
import { MAX_LINK_MESSAGES, readUrl } from "./url.ts";
import { writeUrl } from "./urlWriter.ts";

function scenarioOf(input: Record<string, unknown>) {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`bad test scenario: ${JSON.stringify(parsed.problems)}`);
  return parsed.scenario;
}

/** The parameter each notice names. */
const named = (notices: readonly string[]) => notices.map((n) => n.split(":")[0]);

describe("a link keeps every good parameter", () => {
  it("a bad field inside scenario= leaves out that field only, not the other parameters", () => {
    const state = readUrl('?publishQos=2&scenario={"dedupe":7,"subscriber":{"qos":1}}');
    expect(state.notices).toEqual(["scenario: dedupe: expected true or false; got 7"]);
    expect(state.scenario).toEqual(scenarioOf({ publishQos: 2, subscriber: { qos: 1 } }));
  });

  it("names every bad field of the scenario JSON, not just the first", () => {
    const json = {
      retransmit: "sometimes",
      dedupe: 7,
      timing: { latencyMs: -1, timeoutMs: 900 },
      faults: [{ packet: "PUBAK" }, { packet: "PUBACK" }],
      messages: [{ topic: "a" }, 3],
    };
    const state = readUrl(`?publishQos=1&scenario=${encodeURIComponent(JSON.stringify(json))}`);
    expect(state.notices).toHaveLength(5);
    for (const field of ["retransmit", "dedupe", "timing.latencyMs", "faults[0].packet", "messages[1]"]) {
      expect(
        state.notices.some((n) => n.startsWith(`scenario: ${field}: `)),
        field,
      ).toBe(true);
    }
    expect(state.scenario).toEqual(
      scenarioOf({
        publishQos: 1,
        timing: { timeoutMs: 900 },
        faults: [{ packet: "PUBACK" }],
        messages: [{ topic: "a" }, {}],
      }),
    );
  });

  it("an unknown field in the JSON is named and left out, prototype keys included", () => {
    const state = readUrl(
      '?publishQos=2&scenario={"__proto__":{"dedupe":true},"constructor":1,"dedupe":true}',
    );
    expect(named(state.notices)).toEqual(["scenario", "scenario"]);
    expect(state.scenario).toEqual(scenarioOf({ publishQos: 2, dedupe: true }));
  });

  it("a conflict with a default leaves out the given parameter that caused it, and keeps the rest", () => {
    const state = readUrl("?publishQos=2&protocol=3.1.1&retransmit=on-timeout&timing.latencyMs=5000");
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]).toMatch(/^timing\.latencyMs: left out, as it conflicts: timing\.timeoutMs: /);
    expect(state.scenario).toEqual(
      scenarioOf({ publishQos: 2, protocol: "3.1.1", retransmit: "on-timeout" }),
    );
  });

  it("a conflict between two given parameters leaves out the one the rule names", () => {
    const state = readUrl("?publishQos=2&retransmit=on-timeout&timing.latencyMs=100");
    expect(named(state.notices)).toEqual(["retransmit"]);
    expect(state.notices[0]).toContain("[MQTT-4.4.0-1]");
    expect(state.scenario).toEqual(scenarioOf({ publishQos: 2, timing: { latencyMs: 100 } }));
    const timer = readUrl("?protocol=3.1.1&retransmit=on-timeout&timing.latencyMs=1000&timing.timeoutMs=100");
    expect(named(timer.notices)).toEqual(["timing.timeoutMs"]);
    expect(timer.scenario?.timing).toMatchObject({ latencyMs: 1000, timeoutMs: 500 });
  });

  it("names an unknown view and opens the default one", () => {
    const state = readUrl("?view=foo&publishQos=2");
    expect(state.view).toBeUndefined();
    expect(state.notices).toEqual([
      'view: expected one of diagram, explore, stats, lessons, live; got "foo"',
    ]);
    expect(readUrl("?view=stats").view).toBe("stats");
  });

  it("reads a lessons link's lesson and step as written, for the lessons view to check", () => {
    const state = readUrl("?view=lessons&lesson=pump-duplicate&step=3");
    expect(state).toMatchObject({ view: "lessons", lesson: "pump-duplicate", step: "3", notices: [] });
    expect(state.scenario).toBeUndefined();
  });

  it("names a message count beyond the format's limit, and the link's own limit when it cuts", () => {
    const over = readUrl("?publishQos=2&messages=100001");
    expect(named(over.notices)).toEqual(["messages"]);
    expect(over.notices[0]).toContain("from 1 to 100000");
    expect(over.scenario).toEqual(scenarioOf({ publishQos: 2 }));
    const cut = readUrl("?messages=5000");
    expect(cut.notices).toEqual([
      `messages: a link opens at most ${MAX_LINK_MESSAGES} messages; the first ${MAX_LINK_MESSAGES} of 5000 are used (import a scenario file for more)`,
    ]);
    expect(cut.scenario?.messages).toHaveLength(MAX_LINK_MESSAGES);
    expect(readUrl(`?messages=${MAX_LINK_MESSAGES}`).notices).toEqual([]);
    expect(named(readUrl("?messages=0").notices)).toEqual(["messages"]);
  });

  it("names a fault item with too many parts and keeps the other faults", () => {
    const state = readUrl("?publishQos=2&faults=PUBACK/1/2/3,PUBREC");
    expect(state.notices).toEqual([
      'faults: "PUBACK/1/2/3": expected [hop/]PACKET[/message[/attempt]] (at most 3 parts here); got 4',
    ]);
    expect(state.scenario?.faults).toEqual([
      { hop: "publisher-broker", packet: "PUBREC", message: 1, attempt: 1 },
    ]);
  });

  it("leaves out only the bad fault of a list, naming it as written", () => {
    const state = readUrl("?publishQos=2&faults=PUBREC,PUBAK/1,PUBREL,broker-subscriber/PUBLISH");
    expect(state.notices).toHaveLength(2);
    expect(state.notices[0]).toMatch(/^faults: "PUBAK\/1" \(packet\): expected one of PUBLISH/);
    expect(state.notices[1]).toMatch(/^faults: "broker-subscriber\/PUBLISH" \(hop\): /);
    expect(state.scenario?.faults.map((f) => f.packet)).toEqual(["PUBREC", "PUBREL"]);
  });

  it("applies session first, then the per-client sessions, whatever their order in the query", () => {
    const mixed = scenarioOf({ publishQos: 1, session: { publisher: "clean", subscriber: "persistent" } });
    for (const search of [
      "?session=clean&session.subscriber=persistent",
      "?session.subscriber=persistent&session=clean",
      "?session.publisher=clean&session=persistent",
      "?session=persistent&session.publisher=clean",
      "?session.publisher=clean",
    ]) {
      const state = readUrl(search);
      expect(state.notices, search).toEqual([]);
      expect(state.scenario, search).toEqual(mixed);
    }
    const json = readUrl('?scenario={"publishQos":1,"session":"clean"}&session.subscriber=persistent');
    expect(json.scenario).toEqual(mixed);
  });

  it("names a bad session and lets the per-client one apply over the default", () => {
    const state = readUrl("?session=sometimes&session.publisher=clean");
    expect(named(state.notices)).toEqual(["session"]);
    expect(state.scenario?.session).toEqual({ publisher: "clean", subscriber: "persistent" });
  });

  it("says when a parameter is given twice", () => {
    const state = readUrl("?publishQos=2&publishQos=0");
    expect(state.notices).toEqual(["publishQos: given 2 times; the last one is used"]);
    expect(state.scenario?.publishQos).toBe(0);
  });

  it("many bad and good parameters at once: each bad one named, each good one applied", () => {
    const state = readUrl(
      "?publishQos=2&subscriber.qos=9&session=clean&retransmit=never&faults=PUBREC,NOPE" +
        "&timing.latencyMs=abc&timing.publishIntervalMs=250&dedupe=maybe&view=nowhere&t=-3",
    );
    expect(named(state.notices).sort()).toEqual(
      ["dedupe", "faults", "retransmit", "subscriber.qos", "t", "timing.latencyMs", "view"].sort(),
    );
    expect(state.scenario).toEqual(
      scenarioOf({
        publishQos: 2,
        session: "clean",
        faults: [{ packet: "PUBREC" }],
        timing: { publishIntervalMs: 250 },
      }),
    );
  });

  it("writes what it read as before (the bad parts left out)", () => {
    const state = readUrl("?publishQos=2&faults=PUBREC,NOPE&view=foo");
    expect(state.scenario && writeUrl(state.scenario)).toBe("?publishQos=2&faults=PUBREC");
  });

  it("inside scenario=: a bad subscription QoS takes the subscription, a scalar where an object belongs goes", () => {
    const sub = readUrl('?publishQos=2&scenario={"subscriber":{"qos":5},"dedupe":true}');
    expect(sub.notices).toEqual([
      "scenario: subscriber.qos: expected one of 0, 1, 2; got 5 (subscriber left out)",
    ]);
    expect(sub.scenario).toEqual(scenarioOf({ publishQos: 2, dedupe: true }));
    const session = readUrl('?scenario={"publishQos":2,"session":5}&session.publisher=clean');
    expect(named(session.notices)).toEqual(["scenario"]);
    expect(session.scenario?.session).toEqual({ publisher: "clean", subscriber: "persistent" });
  });

  it("inside scenario=: an unknown key too long to be named in full is still left out", () => {
    const key = "k".repeat(200);
    const state = readUrl(`?publishQos=2&scenario={"${key}":1,"dedupe":true}`);
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]).toMatch(/^scenario: \["k+…"\]: unknown field/);
    expect(state.scenario).toEqual(scenarioOf({ publishQos: 2, dedupe: true }));
  });

  it("a scenario JSON nested too deeply to copy is named, and the other parameters apply", () => {
    const deep = '{"a":' + "[".repeat(20_000) + "]".repeat(20_000) + "}";
    const state = readUrl(`?publishQos=2&scenario=${encodeURIComponent(deep)}`);
    expect(named(state.notices)).toEqual(["scenario"]);
    expect(state.scenario).toEqual(scenarioOf({ publishQos: 2 }));
  });

  it("names each of 999 bad faults once, and nothing else (1,000 faults: the format's limit)", () => {
    const state = readUrl(
      `?publishQos=1&faults=${Array.from({ length: 999 }, (_, i) => `NOPE${i}`).join(",")},PUBACK`,
    );
    expect(state.notices).toHaveLength(999);
    expect(new Set(state.notices).size).toBe(999);
    expect(state.notices.every((n) => n.startsWith('faults: "NOPE'))).toBe(true);
    expect(state.scenario?.faults.map((f) => f.packet)).toEqual(["PUBACK"]);
  });
});
