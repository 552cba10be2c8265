/**
 * `profiles` in links, the embed and the element: one text, the same ids, the shortest form
 * written; a bad item is named with what was expected and costs nothing else.
 */
import { describe, expect, it } from "vitest";
import { parseScenario } from "../sim/scenario.ts";
import type { Scenario } from "../sim/types.ts";
import { readAttributes } from "./attributes.ts";
import { elementAttributes } from "./elementCode.ts";
import { readEmbedParams } from "./embedParams.ts";
import { readProfiles } from "./profileRead.ts";
import { formatProfiles, type Profiles } from "./profileText.ts";
import { readUrl } from "./url.ts";
import { writeUrl } from "./urlWriter.ts";

function scenarioOf(input: Record<string, unknown>): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`bad test scenario: ${JSON.stringify(parsed.problems)}`);
  return parsed.scenario;
}

const element = (a: Record<string, string>) => readAttributes((name) => a[name] ?? null);

describe("the profiles text", () => {
  it("reads bare ids by role, role: prefixes, and spec for every party", () => {
    expect(readProfiles("profiles", "mosquitto-2.0")).toEqual({
      profiles: { broker: "mosquitto-2.0" },
      problems: [],
    });
    expect(readProfiles("profiles", "emqx-5, mqttjs-5").profiles).toEqual({
      broker: "emqx-5",
      publisher: "mqttjs-5",
      subscriber: "mqttjs-5",
    });
    expect(readProfiles("profiles", "spec").profiles).toEqual({
      broker: "spec",
      publisher: "spec",
      subscriber: "spec",
    });
    expect(readProfiles("profiles", "mqttjs-5,subscriber:paho-go-1,broker:spec").profiles).toEqual({
      broker: "spec",
      publisher: "mqttjs-5",
      subscriber: "paho-go-1",
    });
  });

  it("writes the shortest text, which reads back", () => {
    const cases: [Profiles, string][] = [
      [{ broker: "spec", publisher: "spec", subscriber: "spec" }, "spec"],
      [{ broker: "mosquitto-2.0", publisher: "spec", subscriber: "spec" }, "mosquitto-2.0"],
      [{ broker: "emqx-5", publisher: "mqttjs-5", subscriber: "mqttjs-5" }, "emqx-5,mqttjs-5"],
      [{ broker: "spec", publisher: "paho-go-1", subscriber: "spec" }, "publisher:paho-go-1"],
      [
        { broker: "aedes-1", publisher: "paho-python-2", subscriber: "mqttjs-5" },
        "aedes-1,publisher:paho-python-2,subscriber:mqttjs-5",
      ],
    ];
    for (const [profiles, text] of cases) {
      expect(formatProfiles(profiles)).toBe(text);
      const read = readProfiles("profiles", text).profiles;
      expect({ broker: "spec", publisher: "spec", subscriber: "spec", ...read }).toEqual(profiles);
    }
  });

  it("names each bad item with what was expected and a likely id", () => {
    expect(readProfiles("profiles", "mosquito-2.0,mqttjs-5")).toEqual({
      profiles: { publisher: "mqttjs-5", subscriber: "mqttjs-5" },
      problems: ['profiles: "mosquito-2.0": expected a profile id (did you mean mosquitto-2.0?)'],
    });
    expect(readProfiles("p", "broker:mqttjs-5").problems).toEqual([
      'p: "broker:mqttjs-5": expected a broker id; that is a client\'s (one of spec, mosquitto-2.0, emqx-5, ' +
        "hivemq-ce, vernemq, aedes-1, rabbitmq-3, aws-iot-core, azure-iot-hub)",
    ]);
    expect(readProfiles("p", "publisher:emqx-5").problems[0]).toMatch(
      /^p: "publisher:emqx-5": expected a client id; that is a broker's/,
    );
    expect(readProfiles("p", "server:emqx-5").problems).toEqual([
      'p: "server:emqx-5": expected broker:, publisher: or subscriber: before the id; got "server:"',
    ]);
    expect(readProfiles("p", " , ").problems).toEqual([
      "p: expected a broker id (spec, mosquitto-2.0, emqx-5, hivemq-ce, vernemq, aedes-1, rabbitmq-3, " +
        "aws-iot-core, azure-iot-hub) or a client id (spec, mqttjs-5, paho-go-1, paho-python-2), optionally " +
        'after broker:, publisher: or subscriber:, separated by commas; got " , "',
    ]);
  });
});

describe("profiles in every form", () => {
  const mosquitto = scenarioOf({
    publishQos: 2,
    subscriber: { qos: 2 },
    profiles: { broker: "mosquitto-2.0" },
  });

  it("a link, the embed and the element take the same text and ids", () => {
    expect(writeUrl(mosquitto)).toBe("?publishQos=2&subscriber.qos=2&profiles=mosquitto-2.0");
    expect(readUrl("?publishQos=2&subscriber.qos=2&profiles=mosquitto-2.0").scenario).toEqual(mosquitto);
    expect(readEmbedParams("?qos=2&subscriber-qos=2&profiles=mosquitto-2.0").scenario).toEqual(mosquitto);
    expect(elementAttributes(mosquitto)).toEqual({
      qos: "2",
      "subscriber-qos": "2",
      profiles: "mosquitto-2.0",
    });
    const read = element({ qos: "2", "subscriber-qos": "2", profiles: "mosquitto-2.0" });
    expect(read.ok && read.options.scenario).toEqual(mosquitto);
    // Each party by its field path too, in links and on the element.
    expect(readUrl("?publishQos=2&subscriber.qos=2&profiles.broker=mosquitto-2.0").scenario).toEqual(
      mosquitto,
    );
    const dotted = element({ qos: "2", "subscriber-qos": "2", "profiles.broker": "mosquitto-2.0" });
    expect(dotted.ok && dotted.options.scenario).toEqual(mosquitto);
  });

  it("a scenario naming every party the specification keeps naming it (it changes reason codes)", () => {
    const spec = scenarioOf({ publishQos: 1, profiles: {} });
    expect(writeUrl(spec)).toBe("?publishQos=1&profiles=spec");
    expect(readUrl(writeUrl(spec)).scenario?.profiles).toEqual({
      broker: "spec",
      publisher: "spec",
      subscriber: "spec",
    });
    expect(scenarioOf({ publishQos: 1 }).profiles).toBeUndefined();
    expect(readUrl("?publishQos=1").scenario?.profiles).toBeUndefined();
  });

  it("a bad id is named; the rest of the link, and the good items, still count", () => {
    const state = readUrl("?publishQos=2&profiles=emqx5,mqttjs-5&faults=PUBREC");
    expect(state.notices).toEqual(['profiles: "emqx5": expected a profile id (did you mean emqx-5?)']);
    expect(state.scenario?.publishQos).toBe(2);
    expect(state.scenario?.faults).toHaveLength(1);
    expect(state.scenario?.profiles).toEqual({
      broker: "spec",
      publisher: "mqttjs-5",
      subscriber: "mqttjs-5",
    });
    // Nothing good at all: no profiles (a scenario without them), not every party "spec".
    const none = readUrl("?publishQos=2&profiles=nope");
    expect(none.notices).toHaveLength(1);
    expect(none.scenario?.profiles).toBeUndefined();
    expect(readUrl("?publishQos=1&profiles.broker=emqx").notices).toEqual([
      'profiles.broker: expected a profile id, one of spec, mosquitto-2.0, emqx-5, hivemq-ce, vernemq, aedes-1, rabbitmq-3, aws-iot-core, azure-iot-hub; got "emqx"; did you mean "emqx-5"?',
    ]);
    const bad = element({ qos: "1", profiles: "aws-iot-cor" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toEqual([
      'profiles: "aws-iot-cor": expected a profile id (did you mean aws-iot-core?)',
    ]);
    expect(bad.options.scenario).toEqual(scenarioOf({ publishQos: 1 }));
  });

  it("the link's profiles override the parties the scenario JSON names, and only those", () => {
    const json = encodeURIComponent(JSON.stringify({ profiles: { publisher: "paho-go-1" } }));
    expect(readUrl(`?publishQos=1&scenario=${json}&profiles=emqx-5`).scenario?.profiles).toEqual({
      broker: "emqx-5",
      publisher: "paho-go-1",
      subscriber: "spec",
    });
  });
});

describe("the other fields of issue 14 in a link", () => {
  it("ride in the scenario JSON; a bad one is named and left out alone", () => {
    const s = scenarioOf({
      publishQos: 1,
      subscriber: { qos: 1, offline: [{ atMs: 500, forMs: 3000 }] },
      receiveMaximum: { subscriber: 2 },
      messages: [{ qos: 2 }, {}],
    });
    const search = writeUrl(s);
    expect(new URLSearchParams(search).get("scenario")).toBe(
      '{"subscriber":{"offline":[{"atMs":500,"forMs":3000,"end":"disconnect"}]},"receiveMaximum":{"subscriber":2}}',
    );
    // A message with its own QoS is no default message: the messages go as JSON, not as a count.
    expect(new URLSearchParams(search).get("messages")).toContain('"qos":2');
    expect(readUrl(search).scenario).toEqual(s);
    const json = encodeURIComponent(JSON.stringify({ receiveMaximum: { broker: 0 }, will: { qos: 1 } }));
    const state = readUrl(`?publishQos=2&scenario=${json}`);
    expect(state.notices).toEqual([
      "scenario: receiveMaximum.broker: expected an integer from 1 to 65535; got 0",
    ]);
    expect(state.scenario?.publishQos).toBe(2);
    expect(state.scenario?.will).toEqual({
      topic: "plant/line1/status",
      payload: "offline",
      qos: 1,
      retain: false,
    });
  });

  it("the element takes the subscription's QoS beside the subscriber's other fields in its JSON", () => {
    const s = scenarioOf({ publishQos: 2, subscriber: { qos: 1, joinAtMs: 2000 } });
    const a = elementAttributes(s);
    expect(a).toEqual({ qos: "2", "subscriber-qos": "1", scenario: '{"subscriber":{"joinAtMs":2000}}' });
    const read = element(a);
    expect(read.ok && read.options.scenario).toEqual(s);
  });
});
