import { describe, expect, it } from "vitest";
import { runScenario } from "../sim/runScenario.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { drawingTooLarge, MAX_DRAWN_PACKETS, packetCount } from "./drawLimit.ts";

/** QoS 1 on one hop, no loss: two packets per message. */
const qos1 = (messages: number) =>
  runScenario(
    parseScenarioOrThrow({ publishQos: 1, messages: Array.from({ length: messages }, () => ({})) }),
  );

describe("drawingTooLarge", () => {
  it("counts every packet event, lost ones included", () => {
    const trace = runScenario(parseScenarioOrThrow({ publishQos: 2, faults: [{ packet: "PUBREC" }] }));
    expect(packetCount(trace)).toBe(trace.events.filter((e) => e.type === "packet").length);
    expect(packetCount(trace)).toBe(trace.outcome.packets);
  });

  it("draws a trace of exactly the limit, and refuses one packet more with the sizes", () => {
    const atLimit = qos1(MAX_DRAWN_PACKETS / 2);
    expect(packetCount(atLimit)).toBe(MAX_DRAWN_PACKETS);
    expect(drawingTooLarge(atLimit)).toBeNull();
    const over = runScenario({
      ...atLimit.scenario,
      faults: [{ hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 }],
    });
    expect(packetCount(over)).toBeGreaterThan(MAX_DRAWN_PACKETS);
    expect(drawingTooLarge(over)).toBe(
      `the diagram would have ${packetCount(over).toLocaleString("en-US")} packets, more than the 20,000 ` +
        "a diagram draws (10,000 messages)",
    );
  });
});
