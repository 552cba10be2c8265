import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * The README's recipes must be what e2e/recipes.spec.ts and e2e/host-page.spec.ts test: every
 * code block preceded by `<!-- recipe: path -->` is a verbatim excerpt of that file (lines
 * compared without their indentation, which an excerpt may drop).
 */
const root = new URL("../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const BLOCK = /<!-- recipe: (\S+) -->\s*(?:<!-- prettier-ignore -->\s*)?```[\w-]*\n([\s\S]*?)```/g;

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** Whether `part`'s lines appear in `whole` as consecutive lines. */
function isExcerpt(part: string[], whole: string[]): boolean {
  return whole.some((_, start) => part.every((line, i) => whole[start + i] === line));
}

const blocks = [...readme.matchAll(BLOCK)].map((m) => ({ path: m[1]!, code: m[2]! }));

describe("README recipes", () => {
  it("has a tested snippet for each site kind", () => {
    const dirs = new Set(blocks.map((b) => b.path.split("/")[1]));
    expect([...dirs].sort()).toEqual(["docusaurus", "mkdocs", "plain-html", "vitepress"]);
  });

  it.each(blocks.map((b, i) => [`${i + 1}: ${b.path}`, b] as const))(
    "snippet %s is an excerpt of its file",
    (_, { path, code }) => {
      const file = readFileSync(new URL(path, root), "utf8");
      expect(lines(code).length).toBeGreaterThan(0);
      expect(isExcerpt(lines(code), lines(file)), `README snippet not found in ${path}:\n${code}`).toBe(true);
    },
  );
});
