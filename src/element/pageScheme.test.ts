import { describe, expect, it } from "vitest";
import { allowsDark, luminanceOf, schemeFromColorScheme } from "./pageScheme.ts";

describe("theme=auto on a page", () => {
  it("takes a colour scheme the page declares alone, and leaves both or none open", () => {
    expect(schemeFromColorScheme("dark")).toBe("dark");
    expect(schemeFromColorScheme("only dark")).toBe("dark");
    expect(schemeFromColorScheme("light")).toBe("light");
    expect(schemeFromColorScheme("light dark")).toBeNull();
    expect(schemeFromColorScheme("normal")).toBeNull();
  });

  it("reads how light an opaque background is, and skips see-through ones", () => {
    expect(luminanceOf("rgb(255, 255, 255)")).toBeCloseTo(1);
    expect(luminanceOf("rgb(0, 0, 0)")).toBeCloseTo(0);
    expect(luminanceOf("rgb(27, 27, 29)")!).toBeLessThan(0.18); // VitePress's dark background
    expect(luminanceOf("rgb(119, 119, 119)")!).toBeGreaterThan(0.18);
    expect(luminanceOf("rgba(0, 0, 0, 0)")).toBeNull();
    expect(luminanceOf("rgb(0 0 0 / 20%)")).toBeNull();
    expect(luminanceOf("rgb(0 0 0 / 90%)")).toBeCloseTo(0);
    expect(luminanceOf("oklch(0.5 0.1 200)")).toBeNull();
  });

  it("allows dark by the page's CSS or by its color-scheme meta tag, which no computed style shows", () => {
    const page = (content: string | null) =>
      ({
        querySelector: () => (content === null ? null : { getAttribute: () => content }),
      }) as unknown as Pick<Document, "querySelector">;
    expect(allowsDark("normal", page("light dark"))).toBe(true);
    expect(allowsDark("light dark", page(null))).toBe(true);
    expect(allowsDark("normal", page("light"))).toBe(false);
    expect(allowsDark("normal", page(null))).toBe(false);
  });
});
