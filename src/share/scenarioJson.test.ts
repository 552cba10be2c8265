import { describe, expect, it } from "vitest";
import { compactFaults, jsonFieldToLeaveOut, leaveOut, pathSegments } from "./scenarioJson.ts";

describe("a scenario JSON by field path", () => {
  it("reads a problem's path, quoted keys included", () => {
    expect(pathSegments("messages[0].topic")).toEqual(["messages", 0, "topic"]);
    expect(pathSegments('timing["odd key"]')).toEqual(["timing", "odd key"]);
    expect(pathSegments("")).toEqual([]);
    expect(pathSegments("a..b")).toBeNull();
  });

  it("picks the field to leave out: a whole fault, the subscription, none for a default", () => {
    const json = { faults: [{ packet: "X" }], subscriber: { qos: 5 }, timing: { latencyMs: 9 }, session: 5 };
    expect(jsonFieldToLeaveOut(["faults", 0, "packet"], json)).toEqual(["faults", 0]);
    expect(jsonFieldToLeaveOut(["subscriber", "qos"], json)).toEqual(["subscriber"]);
    expect(jsonFieldToLeaveOut(["timing", "timeoutMs"], json)).toBeNull();
    expect(jsonFieldToLeaveOut(["session", "publisher"], json)).toEqual(["session"]);
    expect(jsonFieldToLeaveOut(["dedupe"], json)).toBeNull();
  });

  it("leaves out a field, a fault (the others keep their places) and unknown keys shown shortened", () => {
    const json: Record<string, unknown> = {
      faults: [{ packet: "X" }, { packet: "PUBACK" }],
      messages: [3],
      ["k".repeat(50)]: 1,
      ["__proto__"]: 1,
    };
    expect(leaveOut(json, ["faults", 0])).toBe(true);
    expect(leaveOut(json, ["messages", 0])).toBe(true);
    expect(leaveOut(json, ["kkk…"])).toBe(true);
    expect(compactFaults(json)).toEqual({ faults: [{ packet: "PUBACK" }], messages: [{}] });
    expect(leaveOut(json, ["dedupe"])).toBe(false);
  });
});
