/**
 * Where a run with implementation profiles ends differently from the specification: the same
 * scenario is run with every party's profile "spec", and each message whose verdict differs is
 * named with the findings that explain it. Pure (memoised per trace object; traces are immutable).
 */
// Only the verdicts are read: the run needs no bytes, so the verdict panel does not pull in the
// packet encoder (deferredBytes.ts).
import { runWithoutBytes } from "./deferredBytes.ts";
import type { Finding, Scenario, Trace, Verdict } from "./types.ts";

export interface SpecDifference {
  message: number;
  /** This run's verdict. */
  verdict: Verdict;
  /** The verdict with every party behaving as the specification says. */
  specVerdict: Verdict;
  /** The findings that explain the difference (those about this message, else those about the run). */
  findings: Finding[];
}

/**
 * The scenario with every party behaving as the specification says (the QoS 2 methods it echoes
 * stay: both are the spec's): without `profiles`, which runs exactly as with every profile "spec"
 * (profiles.property.test.ts) and needs no profile records, so the verdict panel loads none.
 */
export function asSpecification(scenario: Scenario): Scenario {
  const specification = { ...scenario };
  delete specification.profiles;
  return specification;
}

const memo = new WeakMap<Trace, SpecDifference[]>();

/** Each message whose verdict differs from the specification's, with why; [] without profiles. */
export function differencesFromSpec(trace: Trace): SpecDifference[] {
  const known = memo.get(trace);
  if (known !== undefined) return known;
  const result = compute(trace);
  memo.set(trace, result);
  return result;
}

function compute(trace: Trace): SpecDifference[] {
  const findings = trace.findings ?? [];
  if (trace.scenario.profiles === undefined || findings.length === 0) return [];
  const spec = runWithoutBytes(asSpecification(trace.scenario)).outcome.messages;
  const differences: SpecDifference[] = [];
  for (const o of trace.outcome.messages) {
    const specVerdict = spec[o.message - 1]?.verdict;
    if (specVerdict === undefined || specVerdict === o.verdict) continue;
    differences.push({
      message: o.message,
      verdict: o.verdict,
      specVerdict,
      findings: explaining(trace, findings, o.message),
    });
  }
  return differences;
}

/** The findings about `message` (their event names it), else those that concern no one message. */
function explaining(trace: Trace, findings: readonly Finding[], message: number): Finding[] {
  const messageOf = (f: Finding) => {
    const e = f.event === undefined ? undefined : trace.events[f.event];
    return e !== undefined && "message" in e ? e.message : undefined;
  };
  const own = findings.filter((f) => messageOf(f) === message);
  if (own.length > 0) return own;
  const general = findings.filter((f) => messageOf(f) === undefined);
  return general.length > 0 ? general : [...findings];
}
