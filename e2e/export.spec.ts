import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import react from "@vitejs/plugin-react";
import { build } from "vite";
import { EXPORT_EXAMPLES } from "../src/export/examples.ts";
import { mermaidText, traceToMermaid } from "../src/export/mermaid.ts";
import { svgToPng } from "../src/export/png.ts";
import { traceToSvg } from "../src/export/svg.ts";
import { simulate } from "../src/sim/simulate.ts";
import { expect, test } from "./fixtures.ts";

/**
 * The exports, checked in the browser. The exported files are made here in Node by the very
 * functions the app's export buttons and `npm run render` call (src/export/*), from the same
 * scenario the page shows; so no test hook in the page is needed.
 */

const require = createRequire(import.meta.url);
const MERMAID_BUNDLE = require.resolve("mermaid/dist/mermaid.min.js");

/** The diagram drawn in the page at the end of playback, as a person sees it (no playhead, no hover). */
async function showFinishedDiagram(page: Page, lab: import("./fixtures.ts").LabPage, scenario: object) {
  await lab.loadScenario(scenario as Record<string, unknown>);
  await lab.playback.seek(await lab.playback.duration());
  await page.mouse.move(0, 0);
  // A constructed stylesheet: the page's Content-Security-Policy refuses an added <style>.
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(".seq-playhead { visibility: hidden; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  // Labels fade and badges pop in: wait until every animated element has arrived.
  await expect
    .poll(() =>
      page.evaluate(() =>
        [
          ...document.querySelectorAll('[data-testid="diagram"] :is(.seq-label, .seq-badge, .seq-mark)'),
        ].every((el) => {
          const style = getComputedStyle(el);
          return (
            style.opacity === "1" &&
            (style.transform === "none" || style.transform === "matrix(1, 0, 0, 1, 0, 0)")
          );
        }),
      ),
    )
    .toBe(true);
}

interface Drawn {
  width: number;
  height: number;
  arrows: number;
  labels: string[];
  badges: string[];
  marks: number;
  lost: number;
  titles: number;
}

/** What a diagram shows, read from its DOM (the on-screen one, or a standalone exported file). Runs in the page. */
function drawn(selector: string): Drawn {
  const svg = document.querySelector(selector) as SVGSVGElement;
  const all = (s: string) => [...svg.querySelectorAll(s)];
  return {
    width: Number(svg.getAttribute("width")),
    height: Number(svg.getAttribute("height")),
    arrows: all(".seq-arrow").length,
    labels: all(".seq-label").map((t) => t.textContent ?? ""),
    badges: all(".seq-badge-text").map((t) => t.textContent ?? ""),
    marks: all(".seq-mark").length,
    lost: all(".seq-cross").length,
    titles: all(".seq-arrow > title").length,
  };
}

/**
 * Share of pixels whose colour differs by more than `tolerance` (0–255) in any channel, computed
 * in the page. An element screenshot may take in one row or column more than the element (its box
 * can sit at a fractional position), so `b` is tried at offsets of up to 2 px and the best kept;
 * a 2 px frame is left out of the count (the page's container border).
 */
async function pixelDifference(page: Page, a: Buffer, b: Buffer, tolerance: number): Promise<number> {
  return page.evaluate(
    async ([pngA, pngB, tol]) => {
      const pixels = async (base64: string) => {
        const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
        const bitmap = await createImageBitmap(blob);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext("2d") as OffscreenCanvasRenderingContext2D;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = [await pixels(pngA), await pixels(pngB)];
      const margin = 2;
      const width = Math.min(x.width, y.width) - 2 * margin;
      const height = Math.min(x.height, y.height) - 2 * margin;
      if (width <= 0 || height <= 0 || Math.abs(x.width - y.width) > 2 || Math.abs(x.height - y.height) > 2) {
        return 1;
      }
      let best = 1;
      for (let dy = -margin; dy <= margin; dy++) {
        for (let dx = -margin; dx <= margin; dx++) {
          let differing = 0;
          for (let row = margin; row < margin + height; row++) {
            for (let col = margin; col < margin + width; col++) {
              const i = (row * x.width + col) * 4;
              const j = ((row + dy) * y.width + col + dx) * 4;
              for (let c = 0; c < 3; c++) {
                if (Math.abs((x.data[i + c] ?? 0) - (y.data[j + c] ?? 0)) > tol) {
                  differing++;
                  break;
                }
              }
            }
          }
          best = Math.min(best, differing / (width * height));
        }
      }
      return best;
    },
    [a.toString("base64"), b.toString("base64"), tolerance] as const,
  );
}

test.describe("export: SVG", () => {
  const CASES: [string, "light" | "dark"][] = [
    ["qos2 pubrec lost, two hops", "light"],
    ["on-timeout, MQTT 3.1.1", "light"],
    ["clean sessions, connect lost", "light"],
    ["clean subscriber offline: not forwarded", "dark"],
  ];
  for (const [name, theme] of CASES) {
    test(`the exported SVG opens standalone and matches the screen (${theme}): ${name}`, async ({
      lab,
      page,
      context,
    }) => {
      const scenario = EXPORT_EXAMPLES[name] as object;
      await page.setViewportSize({ width: 1280, height: 2000 });
      await page.emulateMedia({ colorScheme: theme });
      await showFinishedDiagram(page, lab, scenario);
      const screen = await page.evaluate(drawn, '[data-testid="diagram"]');
      // The lane names are in the strip above the diagram, standing where the diagram's header
      // band is (scrolled under it): the screen's picture is the diagram's box, strip included.
      const box = await lab.diagram.root.boundingBox();
      if (!box) throw new Error("the diagram has no box");
      const screenShot = await page.screenshot({ clip: box, animations: "disabled" });

      const svg = traceToSvg(simulate(scenario), { width: screen.width, theme });
      const file = await context.newPage();
      await file.emulateMedia({ colorScheme: theme === "dark" ? "light" : "dark" }); // the file must not care
      const requests: string[] = [];
      file.on("request", (request) => requests.push(request.url().slice(0, 30)));
      await file.setViewportSize({ width: screen.width, height: screen.height });
      await file.goto(`data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`);
      // A standalone document: its root is the <svg> itself, and it fetched nothing.
      expect(await file.evaluate(() => document.documentElement.localName)).toBe("svg");
      expect(requests, "requests made by the file (a data: URL itself makes none)").toEqual([]);
      const exported = await file.evaluate(drawn, ":root");
      expect(exported).toEqual({ ...screen, titles: exported.arrows });
      expect(exported.arrows).toBe(simulate(scenario).events.filter((e) => e.type === "packet").length);

      const fileShot = await file.screenshot();
      await test.info().attach("screen.png", { body: screenShot, contentType: "image/png" });
      await test.info().attach("export.png", { body: fileShot, contentType: "image/png" });
      const difference = await pixelDifference(file, screenShot, fileShot, 48);
      expect(difference, "share of pixels that differ between the screen and the export").toBeLessThan(
        0.0005,
      );
      await file.close();
    });
  }

  test("the browser build of the export writes the same bytes as Node's (npm run render)", async ({
    page,
  }) => {
    // The app bundles src/export/svg.ts with react-dom/server's browser build; the command line
    // runs it in Node. Bundle it the way the app does and run it in Chromium.
    const output = await build({
      configFile: false,
      logLevel: "silent",
      mode: "production",
      plugins: [react()],
      define: { "process.env.NODE_ENV": JSON.stringify("production") },
      build: { write: false, lib: { entry: "src/export/svg.ts", formats: ["iife"], name: "qosExport" } },
    });
    const bundle = (Array.isArray(output) ? output[0] : output) as { output: { code?: string }[] };
    await page.goto("about:blank");
    await page.addScriptTag({ content: bundle.output[0]?.code ?? "" });
    for (const [name, scenario] of Object.entries(EXPORT_EXAMPLES)) {
      const trace = simulate(scenario, { states: true });
      for (const options of [{}, { width: 640, theme: "dark" as const }]) {
        const inBrowser = await page.evaluate(
          ([t, o]) =>
            (globalThis as unknown as { qosExport: { traceToSvg: typeof traceToSvg } }).qosExport.traceToSvg(
              t,
              o,
            ),
          [trace, options] as const,
        );
        expect(inBrowser, name).toBe(traceToSvg(simulate(scenario), options));
      }
    }
  });

  test("the dark export has dark colours whatever the viewer's scheme", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    const scenario = EXPORT_EXAMPLES["qos2 pubrec lost, two hops"] as object;
    const svg = traceToSvg(simulate(scenario), { theme: "dark" });
    await page.goto(`data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`);
    const colours = await page.evaluate(() => ({
      background: getComputedStyle(document.querySelector(".seq-background") as Element).fill,
      lane: getComputedStyle(document.querySelector(".seq-lane text") as Element).fill,
    }));
    expect(colours).toEqual({ background: "rgb(19, 26, 34)", lane: "rgb(231, 236, 243)" });
  });

  test("PNG export: the SVG drawn at twice its size", async ({ page }) => {
    const scenario = EXPORT_EXAMPLES["qos1 puback lost: duplicate"] as object;
    const svg = traceToSvg(simulate(scenario), { width: 700 });
    await page.goto("about:blank");
    const size = await page.evaluate(
      async ([source, text]) => {
        const toPng = new Function(`return (${source})`)() as (svg: string) => Promise<Blob>;
        const blob = await toPng(text);
        const bitmap = await createImageBitmap(blob);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext("2d") as OffscreenCanvasRenderingContext2D;
        context.drawImage(bitmap, 0, 0);
        // The middle of the top lane header's text is ink, not background: the SVG was drawn.
        const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
        let ink = 0;
        for (let i = 0; i < pixels.length; i += 4) if ((pixels[i] ?? 255) < 100) ink++;
        return { type: blob.type, width: bitmap.width, height: bitmap.height, ink };
      },
      [svgToPng.toString(), svg] as const,
    );
    const height = Number(/height="(\d+)"/.exec(svg)?.[1]);
    expect(size).toMatchObject({ type: "image/png", width: 1400, height: height * 2 });
    expect(size.ink).toBeGreaterThan(1000);
  });
});

test.describe("export: Mermaid", () => {
  test("every example's Mermaid text parses with the mermaid package", async ({ page }) => {
    await page.goto("about:blank");
    await page.addScriptTag({ path: MERMAID_BUNDLE });
    await page.evaluate(() => {
      const { mermaid } = globalThis as unknown as { mermaid: { initialize(c: object): void } };
      mermaid.initialize({ startOnLoad: false });
    });
    const parse = (text: string) =>
      page.evaluate(async (source) => {
        const { mermaid } = globalThis as unknown as {
          mermaid: { parse(t: string): Promise<{ diagramType: string } | false> };
        };
        try {
          const result = await mermaid.parse(source);
          return result === false ? "not parsed" : result.diagramType;
        } catch (error) {
          return `error: ${String(error)}`;
        }
      }, text);

    for (const [name, scenario] of Object.entries(EXPORT_EXAMPLES)) {
      const text = traceToMermaid(simulate(scenario));
      expect(await parse(text), `${name}:\n${text}`).toBe("sequence");
    }
    // The parser really refuses bad text (so the check above means something).
    expect(await parse("sequenceDiagram\n  Publisher->>: oops")).toMatch(/^error/);
  });

  test("lost packets, timers and reconnects are drawn; escaped text comes back as typed", async ({
    page,
  }) => {
    await page.goto("about:blank");
    await page.addScriptTag({ path: MERMAID_BUNDLE });
    const tricky = "a;b #1 <i> 100% wrap:";
    const text = `${traceToMermaid(simulate(EXPORT_EXAMPLES["clean sessions, connect lost"] as object))}  Note over Broker: ${mermaidText(tricky)}\n`;
    const drawn = await page.evaluate(async (source) => {
      const { mermaid } = globalThis as unknown as {
        mermaid: {
          initialize(c: object): void;
          render(id: string, t: string): Promise<{ svg: string }>;
        };
      };
      mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
      const { svg } = await mermaid.render("export-check", source);
      const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      return {
        messages: [...doc.querySelectorAll(".messageText")].map((t) => t.textContent ?? ""),
        notes: [...doc.querySelectorAll(".noteText")].map((t) => t.textContent ?? ""),
        crosses: svg.match(/marker-end="url\([^)]*crosshead/g)?.length ?? 0,
      };
    }, text);
    expect(drawn.messages).toContain("PUBLISH · id 1 · QoS 1 · LOST");
    expect(drawn.messages).toContain("CONNECT · LOST");
    expect(drawn.notes).toContain("connection lost");
    expect(drawn.notes).toContain("reconnected, Session Present 0");
    expect(drawn.notes).toContain(tricky);
    expect(drawn.crosses).toBeGreaterThanOrEqual(3);
  });
});
