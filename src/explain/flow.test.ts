/**
 * Words for several messages in flight, Receive Maximum and refusals: the quota wait, a refused
 * PUBLISH, the refusal reaching its sender, a CONNACK with Receive Maximum, and the verdict.
 */
import { describe, expect, it } from "vitest";
import { layout } from "../diagram/layout.ts";
import { traceToMermaid } from "../export/mermaid.ts";
import { event, packet, run, sentence } from "./testing.ts";
import { explainOutcome } from "./verdict.ts";

const refused = run({
  publishQos: 2,
  receiveMaximum: { broker: 1 },
  messages: [{}, { atMs: 0 }],
  refusals: [{ message: 1, reasonCode: 0x87 }],
});

describe("flow control and refusals in words", () => {
  it("says why a message waits, with the receiver's Receive Maximum", () => {
    expect(sentence(refused, "event", event("quota-wait"))).toBe(
      "The broker's Receive Maximum is 1 and 1 QoS 1/2 message is unacknowledged: message 2 waits at the publisher until an acknowledgement returns quota.",
    );
  });

  it("tells the refused PUBLISH and the refusal that ends the flow, with the code's meaning", () => {
    expect(sentence(refused, "arrive", packet("PUBLISH", { message: 1 }))).toBe(
      "The broker refuses message 1: it answers PUBREC 0x87 Not authorized and does not take the message.",
    );
    expect(sentence(refused, "arrive", packet("PUBREC", { message: 1 }))).toBe(
      "PUBREC 0x87 Not authorized: the broker refused message 1. The flow ends: no PUBREL, never resent, and id 1 is free.",
    );
    expect(sentence(refused, "arrive", packet("CONNACK"))).toMatch(
      /Receive Maximum is 1: the publisher may have at most 1/,
    );
  });

  it("the verdict names the refusal as the cause", () => {
    const [first, second] = explainOutcome(refused);
    expect(first?.why).toBe(
      "The broker refused it with PUBREC 0x87 Not authorized (the sender is not authorized to publish this message): a refusal ends the flow, so it was never resent nor delivered there.",
    );
    expect(first?.causes.some((c) => refused.events[c.index]?.type === "packet")).toBe(true);
    expect(second?.verdict).toBe("once");
  });

  it("the diagram marks the wait beside the publisher, labels the refusal's code, and Mermaid notes the wait", () => {
    const drawn = layout(refused, { width: 900 });
    const mark = drawn.marks.find((m) => m.kind === "quota-wait");
    expect(mark?.label).toBe("waits: message 2, Receive Maximum 1 reached");
    expect(mark?.party).toBe("publisher");
    expect(drawn.arrows.some((a) => a.label.includes("PUBREC · id 1 · 0x87"))).toBe(true);
    expect(traceToMermaid(refused)).toContain("m2 waits: Receive Maximum 1 reached");
  });
});
