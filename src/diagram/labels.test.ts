import { describe, expect, it } from "vitest";
import { overlaps, segmentHits } from "./boxes.ts";
import { besideLine, boxesOf, farBelow, Occupancy, pastEnd, pick, Shifts } from "./labels.ts";
import { textWidth, widestPiece, wrapText } from "./textWidth.ts";

const line = { x1: 100, y1: 100, x2: 400, y2: 160 };
const bounds = { left: 0, right: 500, top: 0 };

describe("besideLine", () => {
  it("offers boxes that never touch the line, first above it at its middle", () => {
    const boxes = [...besideLine(line, 120, 17, 3, 106, 394)];
    expect(boxes[0]!.y + 17).toBeLessThanOrEqual(130);
    expect(boxes[0]!.x + 60).toBeCloseTo(250, 6);
    for (const b of boxes) {
      expect(segmentHits(line.x1, line.y1, line.x2, line.y2, b)).toBe(false);
      expect(b.x).toBeGreaterThanOrEqual(106);
      expect(b.x + b.w).toBeLessThanOrEqual(394);
    }
  });

  it("keeps a box wider than the line's span between the limits given", () => {
    for (const b of besideLine({ x1: 100, y1: 0, x2: 160, y2: 50 }, 200, 17, 3, 50, 260)) {
      expect(b.x).toBeGreaterThanOrEqual(50);
      expect(b.x + b.w).toBeLessThanOrEqual(260);
    }
  });
});

describe("pick", () => {
  it("skips places taken by a box, then prefers one no other line crosses", () => {
    const occ = new Occupancy();
    const first = [...besideLine(line, 120, 17, 3, 106, 394)][0]!;
    occ.addBox(first);
    const other = { x1: 100, y1: 80, x2: 400, y2: 80 };
    occ.addLine(other);
    const found = pick([...besideLine(line, 120, 17, 3, 106, 394)], occ, bounds, line)!;
    expect(overlaps(found, first)).toBe(false);
    expect(segmentHits(other.x1, other.y1, other.x2, other.y2, found)).toBe(false);
  });

  it("takes a place crossed by another line when nothing else is free, and null when nothing is", () => {
    const occ = new Occupancy();
    occ.addLine({ x1: 0, y1: 10, x2: 500, y2: 10 });
    const only = { x: 10, y: 0, w: 50, h: 20 };
    expect(pick([only], occ, bounds)).toBe(only);
    occ.addBox({ x: 0, y: 0, w: 30, h: 30 });
    expect(pick([only], occ, bounds)).toBeNull();
  });

  it("refuses a place out of bounds or on its own line", () => {
    const occ = new Occupancy();
    expect(pick([{ x: -1, y: 10, w: 20, h: 10 }], occ, bounds)).toBeNull();
    expect(pick([{ x: 240, y: 120, w: 20, h: 20 }], occ, bounds, line)).toBeNull();
  });

  it("finds boxes in every bucket they reach, and lifelines taller than any bucket", () => {
    const occ = new Occupancy();
    occ.addBox({ x: 0, y: 60, w: 10, h: 200 });
    occ.addBox({ x: 300, y: 0, w: 4, h: 1e7 });
    expect(occ.boxFree({ x: 0, y: 250, w: 5, h: 5 })).toBe(false);
    expect(occ.boxFree({ x: 290, y: 5000, w: 20, h: 5 })).toBe(false);
    expect(occ.boxFree({ x: 20, y: 250, w: 5, h: 5 })).toBe(true);
  });
});

describe("pastEnd and farBelow", () => {
  it("put a lost packet's label level with its ✕, on the far side, only when it fits", () => {
    const right = pastEnd({ x1: 100, y1: 0, x2: 200, y2: 40 }, 80, 17, 12, 106, 394);
    expect(right[0]).toEqual({ x: 212, y: 40 - 8.5, w: 80, h: 17 });
    const left = pastEnd({ x1: 400, y1: 0, x2: 300, y2: 40 }, 80, 17, 12, 106, 394);
    expect(left[0]!.x + 80).toBe(288);
    expect(pastEnd({ x1: 100, y1: 0, x2: 350, y2: 40 }, 80, 17, 12, 106, 394)).toEqual([]);
  });

  it("go further and further below the line's lower end", () => {
    const ys = [...farBelow(line, 50, 20, 3, 106, 394)].slice(0, 3).map((b) => b.y);
    expect(ys).toEqual([163, 173, 183]);
  });
});

describe("Shifts", () => {
  /** The shifts as the placer has always tried them, written as the plain loops they were. */
  function expected(range: number, step: number, mirrorLift?: number, h = 0): number[] {
    const steps = [0];
    for (let d = step; d <= range; d += step) steps.push(d, -d);
    for (let k = 1; k <= 4000; k++) steps.push(range + k * step);
    return mirrorLift === undefined ? steps : steps.flatMap((d) => [d, -d - h - mirrorLift]);
  }

  it("tries 0, then ±step up to ±range, then only further down, summed step by step", () => {
    const box = { x: 5, y: 100, w: 30, h: 17 };
    for (const [range, step] of [
      [15, 5],
      [0, 6 * 1.8],
      [131.7, 4 * 1.8],
    ] as const) {
      const shifts = new Shifts().set(box, range, step);
      const ys = [...boxesOf(shifts)].map((b) => b.y - box.y);
      expect(ys.map((y) => y + box.y)).toEqual(expected(range, step).map((d) => box.y + d));
      expect(ys[1]).toBeCloseTo(step, 9);
    }
  });

  it("follows each shift with its mirror above the text, when mirrored", () => {
    const box = { x: 5, y: 100, w: 30, h: 17 };
    const shifts = new Shifts().set(box, 0, 6, 20);
    const got = [...boxesOf(shifts)].map((b) => b.y);
    expect(got).toEqual(expected(0, 6, 20, 17).map((d) => box.y + d));
    expect(got.slice(0, 4)).toEqual([100, 100 - 17 - 20, 106, 100 - 6 - 17 - 20]);
  });
});

describe("text width and wrapping", () => {
  it("grows with the text and the font size, and counts an unknown character as 1 em", () => {
    expect(textWidth("PUBLISH · id 1", 13.5)).toBeGreaterThan(textWidth("PUBACK", 13.5));
    expect(textWidth("M", 20)).toBeCloseTo(2 * textWidth("M", 10), 9);
    expect(textWidth("者", 10)).toBeCloseTo(10 * 1.04, 9);
  });

  it("breaks only at the separator, each line (with its ending ·) within the width", () => {
    const label = "PUBLISH · id 1 · QoS 2 · DUP · LOST";
    const lines = wrapText(label, 120, 13.5, " · ");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe(label);
    for (const l of lines) expect(textWidth(l, 13.5)).toBeLessThanOrEqual(120);
    expect(wrapText(label, 1000, 13.5, " · ")).toEqual([label]);
  });

  it("gives the widest unbreakable piece the least room a wrapped text needs", () => {
    const label = "PUBLISH · id 1 · QoS 2";
    const need = widestPiece(label, 13.5, " · ");
    for (const l of wrapText(label, need, 13.5, " · ")) expect(textWidth(l, 13.5)).toBeLessThanOrEqual(need);
  });
});
