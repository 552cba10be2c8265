import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DOMAIN_RADIO, checkBatteryClaim, radioEnergy } from "./energy.ts";
import {
  NUMBER_FIELDS,
  readField,
  readNumber,
  resolveInput,
  type FieldReading,
  type NumberFieldName,
} from "./input.ts";
import { DEFAULT_PLANT_TOPIC, plantTable } from "./plant.ts";

const NAMES = Object.keys(NUMBER_FIELDS) as NumberFieldName[];

function refused(reading: FieldReading): string {
  if (reading.ok) throw new Error(`expected a refusal, got ${reading.value}`);
  return reading.message;
}

function accepted(reading: FieldReading): number {
  if (!reading.ok) throw new Error(`expected a value, got "${reading.message}"`);
  return reading.value;
}

/** Every number anywhere inside a value (arrays and objects walked), for the finiteness checks. */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

describe("readField", () => {
  it("reads the reported cases: 0.5 bytes of payload and a transmit current of 0 are refused", () => {
    expect(refused(readField("payloadBytes", "0.5"))).toBe(
      "Payload (bytes): expected a whole number; got 0.5.",
    );
    expect(refused(readField("txCurrentMa", "0"))).toBe(
      "Transmit current (mA): cannot be 0, as the calculation divides by it.",
    );
  });

  it.each(NAMES)(
    "%s: refuses empty, non-numbers, negatives and values out of range, naming the field",
    (name) => {
      const rule = NUMBER_FIELDS[name];
      const bad = [
        "",
        "   ",
        "abc",
        "NaN",
        "Infinity",
        "-Infinity",
        "0x10",
        "1,5",
        "1 000",
        "5%",
        "1e999",
        "-1",
      ];
      bad.push(String(rule.max * 10 + 1));
      if (rule.min > 0) bad.push(String(rule.min / 2));
      for (const text of bad) expect(refused(readField(name, text)).startsWith(`${rule.label}: `)).toBe(true);
      expect(refused(readField(name, ""))).toMatch(/: enter a (whole )?number /);
      expect(refused(readField(name, "abc"))).toContain(": not a number; expected ");
      expect(refused(readField(name, "-1"))).toContain("cannot be negative");
    },
  );

  it.each(NAMES.filter((n) => NUMBER_FIELDS[n].integer))("%s: refuses fractions", (name) => {
    expect(refused(readField(name, "1.5"))).toContain("expected a whole number; got 1.5");
  });

  it.each(NAMES.filter((n) => !NUMBER_FIELDS[n].integer))("%s: accepts fractions within range", (name) => {
    const { min, max } = NUMBER_FIELDS[name];
    const mid = min + (max - min) / 3;
    expect(accepted(readField(name, String(mid)))).toBe(mid);
  });

  it.each(NAMES.filter((n) => NUMBER_FIELDS[n].divides))(
    "%s: refuses 0, as a calculation divides by it",
    (name) => {
      for (const zero of ["0", "-0", "0.0", "0e5", "1e-400"])
        expect(refused(readField(name, zero))).toContain("cannot be 0");
    },
  );

  it.each(NAMES)("%s: accepts its bounds and blanks around the number", (name) => {
    const { min, max } = NUMBER_FIELDS[name];
    expect(accepted(readField(name, String(min)))).toBe(min);
    expect(accepted(readField(name, ` ${max} `))).toBe(max);
  });

  it("accepts plain decimal notation with a sign or an exponent, and -0 as 0", () => {
    expect(accepted(readField("devices", "+1e3"))).toBe(1000);
    expect(accepted(readField("lossPercent", ".5"))).toBe(0.5);
    expect(accepted(readField("lossPercent", "5."))).toBe(5);
    expect(Object.is(accepted(readField("payloadBytes", "-0")), 0)).toBe(true);
  });

  it("says a range in the field's own terms", () => {
    expect(refused(readField("lossPercent", "50"))).toBe(
      "Loss p (%): expected a number from 0 to 30; got 50.",
    );
    expect(refused(readField("devices", "0"))).toBe(
      "Devices: expected a whole number from 1 to 10,000,000; got 0.",
    );
    expect(refused(readField("messages", ""))).toBe("Messages: enter a whole number from 1 to 100,000.");
  });

  it("clips a long text in its message", () => {
    const message = refused(readField("seed", "x".repeat(5000)));
    expect(message.length).toBeLessThan(120);
  });
});

describe("readField, properties", () => {
  const numberLike = fc.oneof(
    fc.double().map(String),
    fc.integer().map(String),
    fc.double({ min: -1e7, max: 1e10, noNaN: true }).map((v) => v.toExponential()),
    fc.constantFrom(
      "",
      " ",
      "-",
      ".",
      "e",
      "1e",
      "--1",
      "+",
      "0.",
      "-0",
      "NaN",
      "Infinity",
      "1e308",
      "1e309",
    ),
    fc.string(),
    fc.string({ unit: fc.constantFrom("0", "1", "9", ".", "-", "+", "e", " ") }),
  );

  it(
    "every field returns a finite value in its range, or a message naming it; never throws",
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...NAMES), numberLike, (name, text) => {
          const rule = NUMBER_FIELDS[name];
          const reading = readField(name, text);
          if (reading.ok) {
            expect(Number.isFinite(reading.value)).toBe(true);
            expect(reading.value).toBeGreaterThanOrEqual(rule.min);
            expect(reading.value).toBeLessThanOrEqual(rule.max);
            if (rule.integer) expect(Number.isInteger(reading.value)).toBe(true);
            if (rule.divides) expect(reading.value).not.toBe(0);
          } else {
            expect(reading.message.startsWith(`${rule.label}: `)).toBe(true);
            expect(reading.message).not.toMatch(/NaN|Infinity/);
          }
        }),
        { numRuns: 2000 },
      );
    },
  );

  it("an arbitrary rule never lets a non-finite or out-of-range value through", { timeout: 60_000 }, () => {
    const rule = fc
      .record({
        min: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        span: fc.double({ min: 0, max: 1e6, noNaN: true }),
        integer: fc.boolean(),
        divides: fc.boolean(),
      })
      .map(({ min, span, integer, divides }) => ({
        label: "Field",
        min,
        max: min + span,
        integer,
        divides,
      }));
    fc.assert(
      fc.property(rule, numberLike, (r, text) => {
        const reading = readNumber(r, text);
        if (!reading.ok) return reading.message.startsWith("Field: ");
        return (
          Number.isFinite(reading.value) &&
          reading.value >= r.min &&
          reading.value <= r.max &&
          (!r.integer || Number.isInteger(reading.value)) &&
          (!r.divides || reading.value !== 0)
        );
      }),
      { numRuns: 2000 },
    );
  });

  /** A value the field accepts, as its text would give it. */
  const valueOf = (name: NumberFieldName) => {
    const { min, max, integer } = NUMBER_FIELDS[name];
    return integer
      ? fc.integer({ min, max })
      : fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true }));
  };

  it(
    "the plant calculator and radio energy give finite figures for every accepted input",
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(
          valueOf("devices"),
          valueOf("intervalS"),
          valueOf("payloadBytes"),
          fc.record({
            bitRate: valueOf("bitRate"),
            txCurrentMa: valueOf("txCurrentMa"),
            ackWaitMs: valueOf("ackWaitMs"),
            ackWaitCurrentMa: valueOf("ackWaitCurrentMa"),
          }),
          fc.constantFrom("3.1.1" as const, "5.0" as const),
          (devices, intervalS, payloadBytes, radio, protocol) => {
            const topic = DEFAULT_PLANT_TOPIC;
            const figures = [
              plantTable({ devices, intervalS, payloadBytes, topic, protocol }),
              radioEnergy({ intervalS, payloadBytes, topic, protocol, radio: { ...DOMAIN_RADIO, ...radio } }),
              checkBatteryClaim({ payloadBytes, topic, protocol, radio: { ...DOMAIN_RADIO, ...radio } }),
            ];
            for (const n of numbersIn(figures)) expect(Number.isFinite(n)).toBe(true);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it("every accepted loss, message count and seed is a valid statistics input", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(valueOf("lossPercent"), valueOf("messages"), valueOf("seed"), (p, messages, seed) => {
        expect(() => resolveInput({ qos: 1, probability: p / 100, messages, seed })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
