/** Profile names on screen: one text per profile, its record's label, wherever it is named. */
import { describe, expect, it } from "vitest";
import { PROFILES } from "../protocol/profiles/index.ts";
import { PROFILE_NOTES } from "../ui/setup/profileOptions.ts";
import { profileName } from "./profileNames.ts";
import { BROKER_PROFILE_IDS, CLIENT_PROFILE_IDS } from "./profileText.ts";

const IDS = [...new Set([...BROKER_PROFILE_IDS, ...CLIENT_PROFILE_IDS])];

describe("profileName", () => {
  it("is the record's label for every id a scenario can name", () => {
    for (const id of IDS) {
      const record = PROFILES.find((p) => p.id === id);
      expect(record, id).toBeDefined();
      expect(profileName(id)).toBe(record?.label);
    }
  });

  it("names each profile differently, with its version where the record has one", () => {
    const labels = IDS.map(profileName);
    expect(new Set(labels).size).toBe(labels.length);
    expect(profileName("spec")).toBe("Specification");
    expect(profileName("mosquitto-2.0")).toBe("Mosquitto 2.0");
    expect(profileName("rabbitmq-3")).toBe("RabbitMQ 3.x (MQTT plugin)");
  });

  it("every profile the picker offers has its one-line note", () => {
    expect(Object.keys(PROFILE_NOTES).sort()).toEqual([...IDS].sort());
    for (const id of IDS) expect(PROFILE_NOTES[id].length, id).toBeGreaterThan(0);
  });
});
