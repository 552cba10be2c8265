import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readUrl } from "../../../share/url.ts";
import { decodeLessonData, encodeLessonData, lessonLink } from "./lessonData.ts";

describe("a lesson in a link", () => {
  it("carries non-ASCII text through base64url and back", () => {
    const json = JSON.stringify({
      title: { en: "Pump P-101", de: "Pumpe P‑101 läuft — Größe 5 °C" },
      x: "😀 ✓",
    });
    const data = encodeLessonData(json);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeLessonData(data)).toEqual({ ok: true, text: json });
  });

  it("round-trips any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const decoded = decodeLessonData(encodeLessonData(text));
        // A lone surrogate is not UTF-8: TextEncoder writes U+FFFD, as a browser would.
        const expected = new TextDecoder().decode(new TextEncoder().encode(text));
        expect(decoded).toEqual({ ok: true, text: expected });
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("accepts padding and surrounding spaces as some tools write them", () => {
    const data = encodeLessonData("ab");
    expect(decodeLessonData(` ${data}== `)).toEqual({ ok: true, text: "ab" });
  });

  it("names a value that is not base64url, a cut one and one that is not UTF-8", () => {
    const notBase64 = decodeLessonData("abc+def/");
    expect(notBase64.ok).toBe(false);
    expect(!notBase64.ok && notBase64.message).toMatch(/^expected .*base64url/);
    expect(decodeLessonData("abcde").ok).toBe(false);
    const latin1 = btoa("\xff\xfe").replace(/\//g, "_").replace(/=+$/, "");
    const bad = decodeLessonData(latin1);
    expect(!bad.ok && bad.message).toMatch(/not UTF-8/);
  });

  it("makes a course-page link on the same lab, dropping the scenario's parameters", () => {
    const link = lessonLink('{"lesson":1}', "https://lab.example/qos/?publishQos=2#x");
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe("https://lab.example/qos/");
    expect(url.searchParams.get("view")).toBe("lessons");
    expect(url.searchParams.get("publishQos")).toBeNull();
    expect(url.hash).toBe("");
    const data = url.searchParams.get("lessonData") ?? "";
    expect(decodeLessonData(data)).toEqual({ ok: true, text: '{"lesson":1}' });
  });
});

describe("the lessonData parameter", () => {
  it("is read as written, with no notice, and decodes to the lesson's text", () => {
    const json = '{"lesson":1,"title":"Größe"}';
    const state = readUrl(`?view=lessons&lessonData=${encodeLessonData(json)}`);
    expect(state.notices).toEqual([]);
    expect(state.view).toBe("lessons");
    expect(state.scenario).toBeUndefined();
    expect(decodeLessonData(state.lessonData ?? "")).toEqual({ ok: true, text: json });
  });
});
