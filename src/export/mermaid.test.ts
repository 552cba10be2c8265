import { describe, expect, it } from "vitest";
import { packetLabel } from "../diagram/layout.ts";
import { simulate } from "../sim/simulate.ts";
import type { PacketEvent, Trace } from "../sim/types.ts";
import { EXPORT_EXAMPLES } from "./examples.ts";
import { mermaidText, ordinal, traceToMermaid } from "./mermaid.ts";

const EXAMPLES = Object.entries(EXPORT_EXAMPLES).map(
  ([name, scenario]) => [name, simulate(scenario)] as const,
);

function example(name: string): Trace {
  const scenario = EXPORT_EXAMPLES[name];
  if (!scenario) throw new Error(`no example ${name}`);
  return simulate(scenario);
}

const MESSAGE = /^ {2}(Publisher|Broker|Subscriber)(->>|-->>|-x|--x)(Publisher|Broker|Subscriber): (.*)$/;
const NOTE = /^ {2}Note (over|left of|right of) (Publisher|Broker|Subscriber)(,(Broker|Subscriber))?: (.*)$/;

function lines(trace: Trace): string[] {
  return traceToMermaid(trace).trimEnd().split("\n");
}

describe("traceToMermaid: structure", () => {
  it.each(EXAMPLES)(
    "is a sequenceDiagram with its participants and one message per packet: %s",
    (_, trace) => {
      const text = traceToMermaid(trace);
      expect(text.endsWith("\n")).toBe(true);
      const [first, title, description, ...rest] = lines(trace);
      expect(first).toBe("sequenceDiagram");
      expect(title).toMatch(/^ {2}title MQTT QoS [012]$/);
      expect(description).toMatch(/^ {2}accDescr: MQTT (3\.1\.1|5\.0), QoS/);
      const parties = trace.scenario.subscriber
        ? ["Publisher", "Broker", "Subscriber"]
        : ["Publisher", "Broker"];
      expect(rest.slice(0, parties.length)).toEqual(parties.map((p) => `  participant ${p}`));
      const body = rest.slice(parties.length);
      for (const line of body) expect(MESSAGE.test(line) || NOTE.test(line), line).toBe(true);
      const packets = trace.events.filter((e): e is PacketEvent => e.type === "packet");
      const messages = body.filter((line) => MESSAGE.test(line));
      expect(messages).toHaveLength(packets.length);
      packets.forEach((e, i) => expect(messages[i]).toContain(`: ${packetLabel(e)}`));
    },
  );

  it.each(EXAMPLES)("leaves no character that ends a statement or starts a comment: %s", (_, trace) => {
    for (const line of lines(trace).slice(3)) {
      const text = line.slice(line.indexOf(":") + 1).replace(/#\d+;/g, "");
      expect(text, line).not.toMatch(/[;#<>%\n]/);
    }
  });

  it("draws lost packets as lost-message arrows, dotted for CONNECT/CONNACK", () => {
    const text = lines(example("clean sessions, connect lost"));
    expect(text).toContain("  Publisher-xBroker: PUBLISH · id 1 · QoS 1 · LOST");
    expect(text).toContain("  Publisher--xBroker: CONNECT · LOST");
    expect(text).toContain("  Publisher-->>Broker: CONNECT");
    const withLink = lines(example("qos2 pubrec lost, two hops"));
    expect(withLink).toContain("  Broker-xPublisher: PUBREC · id 1 · LOST");
  });

  it("says what the timers did (MQTT 3.1.1, on-timeout)", () => {
    const text = lines(example("on-timeout, MQTT 3.1.1"));
    expect(text).toContain("  Note over Publisher: no PUBREC after 500 ms, resend");
    expect(text).toContain("  Note over Broker: no PUBCOMP after 500 ms, resend");
    expect(text).toContain("  Broker->>Subscriber: PUBREL · id 1 · again");
  });

  it("notes connection losses, reconnects with Session Present, and discarded sessions", () => {
    const persistent = lines(example("qos2 pubrec lost, two hops"));
    expect(persistent).toContain("  Note over Publisher,Broker: connection lost");
    expect(persistent).toContain("  Note over Publisher,Broker: reconnected, Session Present 1");
    const clean = lines(example("clean sessions, connect lost"));
    expect(clean).toContain("  Note over Publisher,Broker: reconnected, Session Present 0");
    expect(clean).toContain("  Note over Publisher: clean session, session discarded: drops message 1");
    const offline = lines(example("clean subscriber offline: not forwarded"));
    expect(offline).toContain("  Note over Broker: m2 not forwarded: subscriber has no session");
  });

  it("notes deliveries, naming duplicates and what a deduplicating application did", () => {
    const duplicate = lines(example("qos1 puback lost: duplicate"));
    expect(duplicate).toContain("  Note over Broker: m1 forwarded");
    expect(duplicate).toContain("  Note right of Subscriber: m1 delivered");
    expect(duplicate).toContain("  Note right of Subscriber: m1 delivered (2nd time: duplicate)");
    const dedupe = lines(example("dedupe, persistent"));
    expect(dedupe).toContain(
      "  Note right of Subscriber: m1 delivered (2nd time: duplicate), ignored by the app",
    );
  });

  it("has no Subscriber with one hop, and delivers at the broker", () => {
    const text = lines(simulate({ publishQos: 1 }));
    expect(text.join("\n")).not.toContain("Subscriber");
    expect(text).toContain("  Note right of Broker: m1 delivered");
  });
});

describe("mermaidText", () => {
  it("turns ; # < > % into entity codes and line breaks into spaces", () => {
    expect(mermaidText("a;b #1 <i> 100%\nnext\r\nline")).toBe("a#59;b #35;1 #60;i#62; 100#37; next line");
  });

  it("keeps a leading wrap: from being read as a directive", () => {
    expect(mermaidText("wrap: x")).toBe("wrap#58; x");
    expect(mermaidText("nowrap:x")).toBe("nowrap#58;x");
    expect(mermaidText("no wrap: x")).toBe("no wrap: x");
  });

  it("leaves ordinary text alone", () => {
    expect(mermaidText("PUBLISH · id 1 · QoS 2 · DUP")).toBe("PUBLISH · id 1 · QoS 2 · DUP");
  });
});

describe("ordinal", () => {
  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [102, "102nd"],
    [111, "111th"],
  ])("%i → %s", (n, text) => expect(ordinal(n)).toBe(text));
});
