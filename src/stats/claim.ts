/** A circulating claim compared with what the model computes, as data; plus formatting helpers. Pure. */

export interface ClaimCheck {
  /** Stable key, e.g. "packets-lossless-qos1". */
  id: string;
  /** The claim as it circulates (our words). */
  claim: string;
  expected: string;
  measured: string;
  expectedValue: number | null;
  measuredValue: number | null;
  /** Whether the measurement supports the claim. Always false when `checkable` is false. */
  holds: boolean;
  /** False when the model cannot decide the claim (e.g. absolute milliseconds without a link model). */
  checkable: boolean;
  /** Why it holds or not, and under which model. */
  note: string;
}

/** 0.0512 → "5.12 %". */
export function percent(share: number, digits = 2): string {
  return `${(share * 100).toFixed(digits)} %`;
}

/** Rounds for display without trailing zeros: 2.5000 → "2.5". */
export function num(value: number, digits = 3): string {
  return String(Number(value.toFixed(digits)));
}

/** 1440000 → "1,440,000" (fixed locale, so output does not depend on the machine). */
export function grouped(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 3 });
}
