import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../sim/simulate.ts";
import type { Verdict } from "../sim/types.ts";
import { SUMMARY_WORDS, verdictSummary } from "./verdictSummary.ts";

const VERDICTS: Verdict[] = ["once", "duplicated", "lost"];

describe("verdictSummary", () => {
  it("counts the simulator's verdicts: a lost QoS 0 PUBLISH among five messages", () => {
    const trace = simulate({
      publishQos: 0,
      messages: Array.from({ length: 5 }, () => ({})),
      faults: [{ packet: "PUBLISH", message: 3 }],
    });
    const summary = verdictSummary(trace.outcome.messages);
    expect(summary.text).toBe("5 messages: 4 once, 1 not at all");
    expect(summary.parts).toEqual([
      { verdict: "once", count: 4, words: "once" },
      { verdict: "lost", count: 1, words: "not at all" },
    ]);
  });

  it("counts a QoS 1 resend as more than once, and writes thousands with a comma", () => {
    const trace = simulate({
      publishQos: 1,
      messages: Array.from({ length: 4 }, () => ({})),
      faults: [{ packet: "PUBACK", message: 2 }],
    });
    expect(verdictSummary(trace.outcome.messages).text).toBe("4 messages: 3 once, 1 more than once");
    const many = Array.from({ length: 1000 }, (_, i) => ({
      verdict: (i < 998 ? "once" : "lost") as Verdict,
    }));
    expect(verdictSummary(many).text).toBe("1,000 messages: 998 once, 2 not at all");
    expect(verdictSummary([{ verdict: "duplicated" }]).text).toBe("1 message: 1 more than once");
  });

  it("over random verdicts: the parts add up to the total, in a fixed order, none of them zero", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VERDICTS), { maxLength: 300 }), (verdicts) => {
        const summary = verdictSummary(verdicts.map((verdict) => ({ verdict })));
        expect(summary.total).toBe(verdicts.length);
        expect(summary.parts.reduce((sum, p) => sum + p.count, 0)).toBe(verdicts.length);
        for (const p of summary.parts) {
          expect(p.count).toBe(verdicts.filter((v) => v === p.verdict).length);
          expect(p.count).toBeGreaterThan(0);
        }
        const order = SUMMARY_WORDS.map((w) => w.verdict);
        const at = summary.parts.map((p) => order.indexOf(p.verdict));
        expect(at).toEqual([...at].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  }, 20_000);
});
