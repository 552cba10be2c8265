import { describe, expect, it } from "vitest";
import { MAX_DRAWN_PACKETS } from "../diagram/drawLimit.ts";
import { runScenario } from "../sim/runScenario.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { DIRECT_RUN_WEIGHT, postedRunResult, receivedRunResult, runsInWorker } from "./bigInput.ts";
import { exportText } from "./exportRun.ts";
import { importJson } from "./importFile.ts";
import { importAndRun } from "./importRun.ts";
import { traceToJson } from "./json.ts";
import { traceToMermaid } from "./mermaid.ts";

const messages = (n: number) => Array.from({ length: n }, (_, i) => ({ topic: "t", payload: `#${i}` }));
const SMALL = { publishQos: 2, subscriber: { qos: 1 }, faults: [{ packet: "PUBREC" }] };
/** QoS 1 on one hop: two packets per message, one more message than a diagram draws. */
const TOO_LARGE = { publishQos: 1, messages: messages(MAX_DRAWN_PACKETS / 2 + 1) };

describe("importAndRun", () => {
  it("parses text as the import does and gives the page's trace, states included", () => {
    const result = importAndRun({ text: JSON.stringify(SMALL) });
    const imported = importJson(JSON.stringify(SMALL));
    if (!result.ok || !imported.ok) throw new Error("valid input");
    expect(result.scenario).toEqual(imported.scenario);
    expect(result.kind).toBe("scenario");
    expect(result.trace).toEqual(runScenario(imported.scenario, { states: true }));
  });

  it("reads a trace file as its scenario", () => {
    const trace = runScenario(parseScenarioOrThrow(SMALL));
    const result = importAndRun({ text: JSON.stringify(trace) });
    expect(result.ok && result.kind).toBe("trace");
  });

  it("returns the import's problems for bad text, without throwing", () => {
    for (const text of ["", "{", '{"publishQos":3}', "[]"]) {
      expect(importAndRun({ text })).toEqual(importJson(text));
    }
  });

  it("leaves the states out of a trace too large to draw, and reports progress per message", () => {
    const scenario = parseScenarioOrThrow(TOO_LARGE);
    const seen: number[] = [];
    const result = importAndRun({ scenario }, (done, total) => {
      expect(total).toBe(scenario.messages.length);
      seen.push(done);
    });
    if (!result.ok) throw new Error("valid input");
    expect(result.trace).toEqual(runScenario(scenario));
    expect(result.trace.events.some((e) => e.type === "state")).toBe(false);
    expect(seen).toHaveLength(scenario.messages.length);
    expect(seen.at(-1)).toBe(scenario.messages.length);
  });
});

describe("exportText", () => {
  it("writes the same files as the exports of the scenario's trace", () => {
    const scenario = parseScenarioOrThrow(SMALL);
    const trace = runScenario(scenario);
    expect(exportText(scenario, "json")).toBe(traceToJson(trace));
    expect(exportText(scenario, "mermaid")).toBe(traceToMermaid(trace));
  });
});

describe("runsInWorker", () => {
  it("sends more messages and faults than DIRECT_RUN_WEIGHT to the worker, and no fewer", () => {
    const withFaults = (n: number, faults: number) =>
      parseScenarioOrThrow({
        publishQos: 1,
        messages: messages(n),
        faults: Array.from({ length: faults }, (_, i) => ({ packet: "PUBACK", message: 1, attempt: i + 1 })),
      });
    expect(runsInWorker(withFaults(DIRECT_RUN_WEIGHT, 0))).toBe(false);
    expect(runsInWorker(withFaults(DIRECT_RUN_WEIGHT + 1, 0))).toBe(true);
    expect(runsInWorker(withFaults(DIRECT_RUN_WEIGHT - 10, 10))).toBe(false);
    expect(runsInWorker(withFaults(DIRECT_RUN_WEIGHT - 10, 11))).toBe(true);
  });
  it("runs a link's most messages on the page with packets dropped: a click stays on the page", () => {
    const link = (faults: number) =>
      parseScenarioOrThrow({
        publishQos: 2,
        messages: messages(1000), // share/url.ts: a link opens at most 1,000
        faults: Array.from({ length: faults }, (_, i) => ({ packet: "PUBLISH", message: i + 1 })),
      });
    expect(runsInWorker(link(0))).toBe(false);
    expect(runsInWorker(link(1))).toBe(false);
    expect(runsInWorker(link(100))).toBe(false);
  });
});

describe("the worker's posted result", () => {
  it("brings back the same result from JSON text: the trace, its scenario, problems", () => {
    for (const text of [JSON.stringify(SMALL), JSON.stringify({ ...SMALL, dedupe: true }), "{"]) {
      const result = importAndRun({ text });
      const posted = postedRunResult(result);
      expect(typeof (posted.ok ? posted.traceJson : posted.problems[0])).toBe("string");
      expect(receivedRunResult(structuredClone(posted))).toEqual(result);
    }
  });
});
