import { describe, expect, it } from "vitest";
import { simulate } from "../sim/simulate.ts";
import { layout } from "./layout.ts";
import { FIRST_BAND, visiblePart, WINDOW_FROM_ARROWS } from "./visible.ts";

const long = layout(
  simulate({ publishQos: 2, subscriber: { qos: 2 }, messages: Array.from({ length: 40 }, () => ({})) }),
  { width: 900 },
);

describe("visiblePart", () => {
  it("draws a short diagram whole, whatever the band", () => {
    const short = layout(simulate({ publishQos: 2 }), { width: 900 });
    expect(short.arrows.length).toBeLessThan(WINDOW_FROM_ARROWS);
    expect(visiblePart(short, { top: 0, bottom: 1 }).arrows).toHaveLength(short.arrows.length);
  });

  it("draws a long diagram whole until the band is known", () => {
    expect(long.arrows.length).toBeGreaterThanOrEqual(WINDOW_FROM_ARROWS);
    const all = visiblePart(long, null);
    expect([all.arrows.length, all.badges.length, all.marks.length]).toEqual([
      long.arrows.length,
      long.badges.length,
      long.marks.length,
    ]);
  });

  it("draws only the top of a long diagram on a first render, before the screen is measured", () => {
    const first = visiblePart(long, FIRST_BAND);
    expect(first.arrows.length).toBeGreaterThan(0);
    expect(first.arrows.length).toBeLessThan(long.arrows.length);
    expect(first.arrows[0]).toBe(long.arrows[0]);
  });

  it("keeps exactly what reaches into the band, in layout order", () => {
    const band = { top: long.height / 3, bottom: long.height / 3 + 600 };
    const part = visiblePart(long, band);
    expect(part.arrows.length).toBeGreaterThan(0);
    expect(part.arrows.length).toBeLessThan(long.arrows.length / 4);
    for (const a of long.arrows) {
      const inside = a.y1 <= band.bottom && a.y2 >= band.top;
      const kept = part.arrows.includes(a);
      if (inside) expect(kept).toBe(true);
      if (kept)
        expect(Math.max(a.y2, a.endY) >= band.top && Math.min(a.y1, a.endY) - 20 <= band.bottom).toBe(true);
    }
    const indexes = part.arrows.map((a) => a.index);
    expect(indexes).toEqual([...indexes].sort((x, y) => x - y));
    for (const b of part.badges) expect(Math.abs(b.y - (band.top + band.bottom) / 2)).toBeLessThan(316);
  });
});
