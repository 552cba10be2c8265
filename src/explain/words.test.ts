import { describe, expect, it } from "vitest";
import { ordinal, times } from "./words.ts";

describe("words", () => {
  it("counts in words up to twice, then in digits", () => {
    expect([1, 2, 3, 12].map(times)).toEqual(["once", "twice", "3 times", "12 times"]);
  });

  it("spells the first three ordinals and suffixes the rest correctly", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      "first",
      "second",
      "third",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "101st",
      "111th",
    ]);
  });
});
