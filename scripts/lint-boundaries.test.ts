// The import-boundaries rule (eslint.layers.js) fires: fixtures that import upward, across
// peers, React below ui/ or in a circle fail lint; a downward import passes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

const eslint = new ESLint();
const LINT_TIMEOUT = { timeout: 120_000 };

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe("import boundaries", () => {
  it("refuses an upward import: sim/ importing ui/", LINT_TIMEOUT, async () => {
    const ids = await ruleIdsFor(
      "src/sim/upward.fixture.ts",
      'import { SPEEDS } from "../ui/usePlayback.ts";\nexport const speeds = SPEEDS;\n',
    );
    expect(ids).toContain("boundaries/dependencies");
  });

  it("refuses an import between peers: explain/ importing diagram/", LINT_TIMEOUT, async () => {
    const ids = await ruleIdsFor(
      "src/explain/peer.fixture.ts",
      'import { layout } from "../diagram/layout.ts";\nexport const draw = layout;\n',
    );
    expect(ids).toContain("boundaries/dependencies");
  });

  it("refuses React below ui/", LINT_TIMEOUT, async () => {
    const ids = await ruleIdsFor(
      "src/diagram/react.fixture.ts",
      'import { useState } from "react";\nexport const hook = useState;\n',
    );
    expect(ids).toContain("boundaries/dependencies");
  });

  it("accepts a downward import: ui/ importing sim/", LINT_TIMEOUT, async () => {
    const ids = await ruleIdsFor(
      "src/ui/downward.fixture.ts",
      'import { HOPS } from "../sim/types.ts";\nexport const hops = HOPS;\n',
    );
    expect(ids).toEqual([]);
  });

  describe("the lessons layer, between share and worker", () => {
    it("may import share/ and the layers below", LINT_TIMEOUT, async () => {
      const ids = await ruleIdsFor(
        "src/lessons/downward.fixture.ts",
        'import { readCompare } from "../share/compareParam.ts";\nimport { HOPS } from "../sim/types.ts";\nexport const both = [readCompare, HOPS];\n',
      );
      expect(ids).toEqual([]);
    });

    it("refuses an import of ui/ or worker/", LINT_TIMEOUT, async () => {
      for (const source of ['"../ui/usePlayback.ts"', '"../worker/client.ts"']) {
        const ids = await ruleIdsFor(
          "src/lessons/upward.fixture.ts",
          `import * as up from ${source};\nexport const x = up;\n`,
        );
        expect(ids, source).toContain("boundaries/dependencies");
      }
    });

    it("refuses React", LINT_TIMEOUT, async () => {
      const ids = await ruleIdsFor(
        "src/lessons/react.fixture.ts",
        'import { useState } from "react";\nexport const hook = useState;\n',
      );
      expect(ids).toContain("boundaries/dependencies");
    });

    it("is above share/: share/ may not import it", LINT_TIMEOUT, async () => {
      const ids = await ruleIdsFor(
        "src/share/lessons.fixture.ts",
        'import { textOf } from "../lessons/text.ts";\nexport const t = textOf;\n',
      );
      expect(ids).toContain("boundaries/dependencies");
    });
  });

  describe("circles", () => {
    const dir = mkdtempSync(join("src", "explore", "lint-fixture-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("refuses two modules that import each other", LINT_TIMEOUT, async () => {
      writeFileSync(join(dir, "a.ts"), 'import { b } from "./b.ts";\nexport const a = (): unknown => b;\n');
      writeFileSync(join(dir, "b.ts"), 'import { a } from "./a.ts";\nexport const b = (): unknown => a;\n');
      const results = await eslint.lintFiles([relative(".", join(dir, "a.ts"))]);
      const ids = results.flatMap((result) => result.messages.map((message) => message.ruleId));
      expect(ids).toContain("import-x/no-cycle");
    });
  });
});
