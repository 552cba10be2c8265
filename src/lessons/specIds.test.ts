import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SPEC_ID_PATTERN } from "./lessonSchema.ts";
import { SPEC_IDS } from "./specIds.ts";

/** The reference beside the repository (shared/docs); absent from a lone clone and in CI. */
const reference = new URL("../../../shared/docs/mqtt-reference.md", import.meta.url);

describe("SPEC_IDS", () => {
  it("are statement ids of the shape the validator accepts", () => {
    expect(SPEC_IDS.size).toBeGreaterThan(0);
    for (const id of SPEC_IDS.keys()) expect(id).toMatch(SPEC_ID_PATTERN);
  });

  it.skipIf(!existsSync(reference))("are exactly the ids mqtt-reference.md cites", () => {
    const cited = new Set(readFileSync(reference, "utf8").match(/MQTT-\d+(?:\.\d+)+-\d+/g) ?? []);
    expect([...SPEC_IDS.keys()].sort()).toStrictEqual([...cited].sort());
  });
});
