// The no-HTML rule (eslint.config.js, issue #10) fires on every way of parsing a string as HTML in
// src/ and scripts/, and lets text go in as text.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();
const LINT_TIMEOUT = { timeout: 120_000 };

async function restrictedIn(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-syntax").length;
}

const SINKS: [string, string][] = [
  ["innerHTML", "export const f = (e: Element, t: string) => { e.innerHTML = t; };\n"],
  ["outerHTML", "export const f = (e: Element, t: string) => { e.outerHTML = t; };\n"],
  [
    "insertAdjacentHTML",
    'export const f = (e: Element, t: string) => e.insertAdjacentHTML("beforeend", t);\n',
  ],
  [
    "createContextualFragment",
    "export const f = (t: string) => document.createRange().createContextualFragment(t);\n",
  ],
  ["document.write", "export const f = (t: string) => document.write(t);\n"],
  ["srcdoc", "export const f = (e: HTMLIFrameElement, t: string) => { e.srcdoc = t; };\n"],
];

describe("no user text parsed as HTML", () => {
  for (const [name, code] of SINKS) {
    it(`refuses ${name} in src/ and scripts/`, LINT_TIMEOUT, async () => {
      expect(await restrictedIn("src/ui/sink.fixture.ts", code)).toBe(1);
      expect(await restrictedIn("scripts/sink.fixture.ts", code)).toBe(1);
    });
  }

  it("refuses dangerouslySetInnerHTML", LINT_TIMEOUT, async () => {
    const code =
      "export const A = (p: { t: string }) => <div dangerouslySetInnerHTML={{ __html: p.t }} />;\n";
    expect(await restrictedIn("src/ui/sink.fixture.tsx", code)).toBe(1);
  });

  it("accepts text as text", LINT_TIMEOUT, async () => {
    const code =
      "export const f = (e: Element, t: string) => { e.textContent = t; e.append(document.createTextNode(t)); };\n" +
      "export const A = (p: { t: string }) => <p>{p.t}</p>;\n";
    expect(await restrictedIn("src/ui/text.fixture.tsx", code)).toBe(0);
  });
});
