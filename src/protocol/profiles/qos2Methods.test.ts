import { describe, expect, it } from "vitest";
import { PROFILES } from "./index.ts";
import { PROFILE_QOS2_METHODS } from "./qos2Methods.ts";

describe("the profiles' QoS 2 methods apart from their records", () => {
  it("are exactly the methods the records set, for exactly the profiles that set one", () => {
    const fromRecords = Object.fromEntries(
      PROFILES.flatMap((p) =>
        p.behaviour.qos2Delivery === undefined ? [] : [[p.id, p.behaviour.qos2Delivery]],
      ),
    );
    expect(Object.keys(fromRecords).length).toBeGreaterThan(0);
    expect(PROFILE_QOS2_METHODS).toEqual(fromRecords);
  });
});
