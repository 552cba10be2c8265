import { describe, expect, it } from "vitest";
import { PROFILE_IDS } from "./index.ts";
import { PROFILE_NOTES } from "./notes.ts";

describe("the profiles' notes", () => {
  it("belong to known profiles, each with text and https sources", () => {
    expect(PROFILE_NOTES.size).toBeGreaterThan(0);
    for (const [id, notes] of PROFILE_NOTES) {
      expect(PROFILE_IDS, id).toContain(id);
      expect(notes.length, id).toBeGreaterThan(0);
      for (const note of notes) {
        expect(note.text.trim(), id).not.toBe("");
        expect(note.sources.length, `${id}: ${note.text}`).toBeGreaterThan(0);
        for (const url of note.sources) expect(new URL(url).protocol, `${id}: ${url}`).toBe("https:");
      }
    }
  });
});
