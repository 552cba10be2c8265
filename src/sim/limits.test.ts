import { describe, expect, it } from "vitest";
import { runScenario } from "./runScenario.ts";
import { limitScenario } from "./limits.testing.ts";
import { parseScenarioOrThrow } from "./scenario.ts";
import { MAX_FAULTS, MAX_MESSAGES } from "./scenarioSchema.ts";
import { simulate } from "./simulate.ts";

// Generous: the verdict never depends on the machine's speed, only on finishing.
const SLOW = { timeout: 240_000 };

describe("the format's limits: 100,000 messages and 1,000 faults", () => {
  it("simulates them without deep recursion: every message once, every fault used", SLOW, () => {
    const trace = simulate(limitScenario());
    expect(trace.outcome.messages).toHaveLength(MAX_MESSAGES);
    expect(trace.outcome.messages.every((m) => m.verdict === "once" && m.deliveries === 1)).toBe(true);
    expect(trace.unusedFaults).toEqual([]);
    let losses = 0;
    let reconnects = 0;
    for (const e of trace.events) {
      if (e.type === "connection-lost") losses++;
      if (e.type === "reconnected") reconnects++;
    }
    expect([losses, reconnects]).toEqual([MAX_FAULTS, MAX_FAULTS]);
    // Four packets per QoS 2 message; each lost PUBREC adds CONNECT, CONNACK, the resent
    // PUBLISH and its PUBREC.
    expect(trace.outcome.packets).toBe(4 * MAX_MESSAGES + 4 * MAX_FAULTS);
  });
});

describe("onProgress", () => {
  const scenario = parseScenarioOrThrow(limitScenario(300, 30));

  it("reports each message as it is published, in order, with the total", () => {
    const calls: [number, number][] = [];
    runScenario(scenario, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual(Array.from({ length: 300 }, (_, i) => [i + 1, 300]));
  });

  it("changes nothing in the trace", () => {
    expect(runScenario(scenario, { states: true, onProgress: () => {} })).toEqual(
      runScenario(scenario, { states: true }),
    );
  });
});
