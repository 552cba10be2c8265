import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../../sim/scenario.ts";
import { setupOf } from "../../share/setup.ts";
import { formUnlocked, lockedFields, withSetup } from "./taskControls.ts";

describe("a task's set-up form", () => {
  it("locks every field but those `may` names; the hops are never the learner's", () => {
    expect([...lockedFields(["drop"])].sort()).toEqual(
      [
        "brokerDelivery",
        "dedupe",
        "hops",
        "protocol",
        "publishQos",
        "retransmit",
        "session",
        "subscriberDelivery",
        "subscriberQos",
      ].sort(),
    );
    const open = lockedFields(["publishQos", "qos2Delivery"]);
    expect(open.has("publishQos")).toBe(false);
    expect(open.has("brokerDelivery")).toBe(false);
    expect(open.has("subscriberDelivery")).toBe(false);
    expect(open.has("hops")).toBe(true);
    expect(open.has("dedupe")).toBe(true);
  });

  it("shows the form only when something besides dropping may change", () => {
    expect(formUnlocked(["drop"])).toBe(false);
    expect(formUnlocked(["drop", "dedupe"])).toBe(true);
  });

  it("applies a form change, keeping faults and messages", () => {
    const start = parseScenarioOrThrow({ publishQos: 0, faults: [{ packet: "PUBLISH" }] });
    const next = withSetup(start, { ...setupOf(start), publishQos: 1 });
    expect(next?.publishQos).toBe(1);
    expect(next?.faults).toEqual(start.faults);
    expect(next?.messages).toEqual(start.messages);
  });
});
