import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { MAX_WIDTH, MIN_WIDTH, readAttributes } from "./attributes.ts";
import { DEFAULT_DISPLAY, embedCode, embedUrl, type EmbedDisplay } from "./embedCode.ts";
import { displayAttributes, elementCode, elementSnippet } from "./elementCode.ts";
import { readEmbedParams } from "./embedParams.ts";
import { CONTROLS, THEMES } from "./displayVocabulary.ts";

const BASE = "https://lab.example/app/";

/** Any display the builder can write. */
const arbitraryDisplay: fc.Arbitrary<EmbedDisplay> = fc.record({
  controls: fc.constantFrom(...CONTROLS),
  theme: fc.constantFrom(...THEMES),
  autoplay: fc.boolean(),
  loop: fc.boolean(),
  steps: fc.option(
    fc.tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 })).map(([from, extra]) => ({
      from,
      to: from + extra,
    })),
    { nil: undefined },
  ),
  width: fc.option(fc.integer({ min: MIN_WIDTH, max: MAX_WIDTH }), { nil: undefined }),
});

/** The attributes of the one element in a snippet, as a browser's parser would read them. */
function tagAttributes(html: string): Record<string, string> {
  const tag = /<mqtt-qos-handshake((?:\s+[a-z0-9-]+(?:="[^"]*")?)*)><\/mqtt-qos-handshake>/.exec(html);
  if (!tag) throw new Error(`no element in ${html}`);
  const attributes: Record<string, string> = {};
  for (const m of (tag[1] ?? "").matchAll(/\s+([a-z0-9-]+)(?:="([^"]*)")?/g)) {
    attributes[m[1]!] = (m[2] ?? "")
      .replace(/&lt;/g, "<")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  }
  return attributes;
}

/** The iframe's src attribute, unescaped as a browser would. */
function iframeSrc(html: string): string {
  const src = /<iframe src="([^"]*)"/.exec(html)?.[1];
  if (src === undefined) throw new Error(`no iframe in ${html}`);
  return src
    .replace(/&lt;/g, "<")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

describe("embedCode", () => {
  it("keeps writing what Copy embed code always wrote when given no display", () => {
    const scenario = parseScenarioOrThrow({ publishQos: 2 });
    const code = embedCode(scenario, BASE);
    expect(code).toMatch(
      /^<iframe src="https:\/\/lab\.example\/app\/embed\.html\?publishQos=2&amp;controls=playback" title="MQTT QoS handshake: [^"]+" style="width:100%;border:0" height="520" loading="lazy"><\/iframe>\n<script>/,
    );
    expect(code).toBe(embedCode(scenario, BASE, DEFAULT_DISPLAY));
  });

  it("writes each chosen option in the embed's words, and a fixed width that still gives way", () => {
    const scenario = parseScenarioOrThrow({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    const display: EmbedDisplay = {
      controls: "full",
      theme: "dark",
      autoplay: true,
      loop: true,
      steps: { from: 2, to: 5 },
      width: 400,
    };
    const url = new URL(embedUrl(scenario, BASE, display));
    expect(url.pathname).toBe("/app/embed.html");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      publishQos: "1",
      faults: "PUBACK",
      controls: "full",
      theme: "dark",
      autoplay: "1",
      loop: "1",
      steps: "2-5",
    });
    expect(embedCode(scenario, BASE, display)).toContain('style="width:400px;max-width:100%;border:0"');
  });

  it("what the builder writes, the embed reads back identically (any scenario, any options)", () => {
    fc.assert(
      fc.property(arbitraryScenario(), arbitraryDisplay, (scenario, display) => {
        const src = iframeSrc(embedCode(scenario, BASE, display));
        const read = readEmbedParams(new URL(src).search);
        expect(read.notices).toEqual([]);
        expect(read.scenario).toEqual(scenario);
        expect({
          controls: read.controls,
          theme: read.theme,
          autoplay: read.autoplay,
          loop: read.loop,
          steps: read.steps,
        }).toEqual({ ...display, width: undefined, steps: display.steps });
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe("the element's snippet", () => {
  it("writes the display in the embed's words: controls always, the rest when not the default", () => {
    expect(displayAttributes(DEFAULT_DISPLAY)).toEqual({ controls: "playback" });
    expect(
      displayAttributes({
        controls: "none",
        theme: "light",
        autoplay: true,
        loop: true,
        steps: { from: 3, to: 9 },
        width: 400,
      }),
    ).toEqual({ controls: "none", theme: "light", autoplay: "", loop: "", steps: "3-9", width: "400" });
  });

  it("loads the element's script, then the tag", () => {
    const scenario = parseScenarioOrThrow({ publishQos: 2, faults: [{ packet: "PUBREC" }] });
    expect(elementSnippet(scenario, { ...DEFAULT_DISPLAY, theme: "dark" })).toBe(
      '<script src="mqtt-qos-handshake.iife.js" defer></script>\n' +
        '<mqtt-qos-handshake qos="2" drop="PUBREC" controls="playback" theme="dark"></mqtt-qos-handshake>',
    );
  });

  it("what the builder writes, the element reads back identically (any scenario, any options)", () => {
    fc.assert(
      fc.property(arbitraryScenario(), arbitraryDisplay, (scenario, display) => {
        const read = readAttributes((name) => tagAttributes(elementSnippet(scenario, display))[name] ?? null);
        expect(read.ok).toBe(true);
        const { options } = read;
        expect(options.scenario).toEqual(scenario);
        expect(options).toMatchObject({
          controls: display.controls,
          theme: display.theme,
          autoplay: display.autoplay,
          loop: display.loop,
          width: display.width ?? 640,
        });
        expect(options.steps).toEqual(display.steps);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("the embed and the element read the same options from one display", () => {
    fc.assert(
      fc.property(arbitraryScenario(), arbitraryDisplay, (scenario, display) => {
        const embed = readEmbedParams(new URL(embedUrl(scenario, BASE, display)).search);
        const tag = tagAttributes(elementCode(scenario, displayAttributes(display)));
        const element = readAttributes((name) => tag[name] ?? null).options;
        expect(element.scenario).toEqual(embed.scenario);
        const pick = (o: typeof embed | typeof element) => [o.controls, o.theme, o.autoplay, o.loop, o.steps];
        expect(pick(element)).toEqual(pick(embed));
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
