import { describe, expect, it } from "vitest";
import { Framer, frameSize } from "./frames.ts";

describe("Framer", () => {
  it("splits packets that arrive glued together and cut in the middle", () => {
    const puback = Buffer.from([0x40, 0x02, 0x00, 0x01]);
    const pubrec = Buffer.from([0x50, 0x02, 0x00, 0x02]);
    const framer = new Framer();
    const all = Buffer.concat([puback, pubrec]);
    expect(framer.push(all.subarray(0, 5))).toEqual([puback]);
    expect(framer.push(all.subarray(5, 6))).toEqual([]);
    expect(framer.push(all.subarray(6))).toEqual([pubrec]);
  });

  it("reads a multi-byte Remaining Length", () => {
    // 200 = 0xc8 0x01 in the variable-length encoding.
    const header = Buffer.from([0x30, 0xc8, 0x01]);
    expect(frameSize(header)).toBe(203);
    expect(frameSize(Buffer.from([0x30, 0xc8]))).toBeUndefined();
  });

  it("refuses a Remaining Length longer than four bytes", () => {
    expect(() => frameSize(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(/Remaining Length/);
  });
});
