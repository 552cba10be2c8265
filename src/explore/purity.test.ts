import { describe, expect, it } from "vitest";

// The explorer will run in a Web Worker and must stay deterministic: the lint rule that guards
// src/sim does not cover this folder, so this test does. Vite reads the sources as text.
const sources = import.meta.glob<string>(["./*.ts", "!./*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("src/explore is a pure core", () => {
  it("reads every source of the folder", () => {
    expect(Object.keys(sources)).toEqual(
      expect.arrayContaining([
        "./enumerate.ts",
        "./names.ts",
        "./matrix.ts",
        "./markdown.ts",
        "./estimate.ts",
        "./limits.ts",
        "./tally.ts",
      ]),
    );
  });

  it.each(Object.entries(sources))("%s reads no clock, no randomness and no DOM", (_file, text) => {
    expect(text).not.toMatch(
      /Date\.now|new Date\(|Math\.random|performance\.|\bdocument\.|\bwindow\.|setTimeout|setInterval/,
    );
    expect(text).not.toMatch(/from "(react|react-dom|node:[a-z]+)"/);
  });
});
