import type { Locator, Page } from "@playwright/test";
import { PRESETS } from "../src/app/presets.ts";
import { REAL_WORLD_PRESETS } from "../src/app/presets.realWorld.ts";
import { textWidth } from "../src/diagram/textWidth.ts";
import { expect, test } from "./fixtures.ts";
import { serveDirs } from "./serve-static.ts";

/**
 * Real label boxes, measured in Chromium: in the app, the embed and the custom element, for every
 * preset at 400, 640 and 1280 px, no text of the diagram overlaps another, none is drawn outside
 * the drawing, and no line is drawn wider than the layout's estimate (src/diagram/textWidth.ts),
 * which the layout keeps every text apart by.
 */
const WIDTHS = [400, 640, 1280] as const;
const ORIGIN = "http://element.test";

interface Line {
  text: string;
  length: number;
  fontPx: number;
}
interface Drawn {
  what: string;
  box: { x: number; y: number; w: number; h: number };
  lines: Line[];
}
interface Drawing {
  width: number;
  height: number;
  texts: Drawn[];
}

/** Every text of a diagram (lane names and circle counts aside): its box and its lines' lengths. */
function measure(svg: Element): Drawing {
  const root = svg as SVGSVGElement;
  const view = root.viewBox.baseVal;
  const texts = [...root.querySelectorAll("text")]
    .filter((t) => !t.closest(".seq-lane") && !t.classList.contains("seq-badge-count"))
    .map((t) => {
      const b = t.getBBox();
      const spans = [...t.querySelectorAll("tspan")];
      const parts: SVGTextContentElement[] = spans.length ? spans : [t];
      return {
        what: `${t.closest("g")?.getAttribute("class") ?? ""}: ${t.textContent ?? ""}`,
        box: { x: b.x, y: b.y, w: b.width, h: b.height },
        lines: parts.map((p) => ({
          text: p.textContent ?? "",
          length: p.getComputedTextLength(),
          fontPx: parseFloat(getComputedStyle(p).fontSize),
        })),
      };
    });
  return { width: view.width, height: view.height, texts };
}

/** Sub-pixel slack for antialiasing and rounding; the layout keeps at least 2 px between texts. */
const SLACK = 0.5;

function problems(d: Drawing): string[] {
  const out: string[] = [];
  expect(d.texts.length).toBeGreaterThan(0);
  for (const t of d.texts) {
    const { x, y, w, h } = t.box;
    if (x < -SLACK || y < -SLACK || x + w > d.width + SLACK || y + h > d.height + SLACK)
      out.push(`outside the ${d.width}×${d.height} drawing: ${t.what}`);
    for (const line of t.lines) {
      const estimate = textWidth(line.text, line.fontPx);
      if (line.length > estimate)
        out.push(`drawn wider (${line.length}) than estimated (${estimate}): ${line.text}`);
    }
  }
  d.texts.forEach((a, i) => {
    for (const b of d.texts.slice(i + 1)) {
      const apart =
        a.box.x + a.box.w <= b.box.x + SLACK ||
        b.box.x + b.box.w <= a.box.x + SLACK ||
        a.box.y + a.box.h <= b.box.y + SLACK ||
        b.box.y + b.box.h <= a.box.y + SLACK;
      if (!apart) out.push(`"${a.what}" overlaps "${b.what}"`);
    }
  });
  return out;
}

const scenarioParam = (scenario: Record<string, unknown>) =>
  `scenario=${encodeURIComponent(JSON.stringify(scenario))}`;

async function check(diagram: Locator, where: string): Promise<void> {
  await expect(diagram).toBeVisible();
  expect(problems(await diagram.evaluate(measure)), where).toEqual([]);
}

test.describe("labels in the browser", () => {
  for (const width of WIDTHS) {
    test(`never overlap or clip in the app at ${width} px`, async ({ page, consoleErrors }) => {
      void consoleErrors;
      test.setTimeout(180_000);
      await page.setViewportSize({ width, height: 900 });
      for (const preset of PRESETS) {
        await page.goto(`/?${scenarioParam(preset.scenario)}`);
        const diagram = page.getByTestId("diagram");
        await expect(diagram.getByRole("button").first()).toBeVisible();
        // The whole trace: every label drawn.
        await page.keyboard.press("End");
        await check(diagram, `app, ${preset.id}, ${width} px`);
      }
    });

    test(`never overlap or clip in the embed at ${width} px`, async ({ page, consoleErrors }) => {
      void consoleErrors;
      test.setTimeout(180_000);
      await page.setViewportSize({ width, height: 900 });
      for (const preset of PRESETS) {
        await page.goto(`/embed.html?${scenarioParam(preset.scenario)}&controls=none`);
        await check(page.locator("svg.seq").first(), `embed, ${preset.id}, ${width} px`);
      }
    });
  }

  test("never overlap or clip in the custom element at 400, 640 and 1280 px", async ({ page }) => {
    test.setTimeout(180_000);
    await serveElements(page);
    for (const width of WIDTHS) {
      for (const [i, preset] of PRESETS.entries()) {
        const svg = page.locator(`mqtt-qos-handshake#e-${width}-${i} svg.seq`);
        await check(svg, `element, ${preset.id}, ${width} px`);
      }
    }
  });
});

/** A host page with one element per preset and width (scripts built by `npm run build:element`). */
async function serveElements(page: Page): Promise<void> {
  await serveDirs(page, ORIGIN, ["dist-element"]);
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/'/g, "&#39;");
  const elements = WIDTHS.flatMap((width) =>
    PRESETS.map(
      (p, i) =>
        `<mqtt-qos-handshake id="e-${width}-${i}" width="${width}" scenario='${escape(JSON.stringify(p.scenario))}'></mqtt-qos-handshake>`,
    ),
  ).join("");
  const body = `<!doctype html><html lang="en"><head><title>Host</title></head><body>${elements}<script type="module" src="/mqtt-qos-handshake.js"></script></body></html>`;
  await page.route(`${ORIGIN}/`, (route) => route.fulfill({ contentType: "text/html", body }));
  await page.goto(`${ORIGIN}/`);
}

/**
 * The HTML side: in a form, every label, legend, note and select's chosen option is shown whole
 * (no text wider than its box, no select narrower than its chosen option), no two of them overlap,
 * and none reaches past the form's right edge or the window's.
 */
function formProblems(root: Element): string[] {
  const out: string[] = [];
  const name = (e: Element) =>
    `${e.tagName.toLowerCase()} "${(e.textContent ?? "").trim().slice(0, 40) || (e as HTMLSelectElement).value}"`;
  // Hints show on hover only; a visually hidden legend is for screen readers; the set-up's own
  // one-line summary ends in an ellipsis by design (it opens the form).
  const shown = (e: Element) =>
    e.getClientRects().length > 0 &&
    !e.closest("[role=tooltip], .visually-hidden") &&
    !e.matches("details.setup-details > summary");
  const texts = [...root.querySelectorAll("label, legend, summary, p, button, h3")].filter(shown);
  const selects = [...root.querySelectorAll("select")].filter(shown);
  for (const e of texts) {
    // A block wider inside than outside has text cut or spilling over its neighbour.
    if (e.scrollWidth > e.clientWidth + 1)
      out.push(`${name(e)} is clipped (${e.scrollWidth} > ${e.clientWidth})`);
  }
  for (const select of selects) {
    // As wide as it needs to be: the same select holding only its chosen option, sized to it.
    const probe = select.cloneNode(false) as HTMLSelectElement;
    const chosen = select.selectedOptions[0];
    if (chosen) probe.append(chosen.cloneNode(true));
    probe.style.width = "auto";
    probe.style.minWidth = "0";
    probe.style.position = "absolute";
    select.parentElement?.append(probe);
    const need = probe.getBoundingClientRect().width;
    probe.remove();
    const has = select.getBoundingClientRect().width;
    if (has + 0.5 < need) out.push(`${name(select)} shows its option clipped (${has} < ${need})`);
  }
  const edge = Math.min(root.getBoundingClientRect().right, document.documentElement.clientWidth);
  const boxes = [...texts, ...selects, ...root.querySelectorAll("input")].filter(shown);
  for (const e of boxes) {
    if (e.getBoundingClientRect().right > edge + 0.5) out.push(`${name(e)} reaches past the right edge`);
  }
  boxes.forEach((a, i) => {
    const ra = a.getBoundingClientRect();
    for (const b of boxes.slice(i + 1)) {
      if (a.contains(b) || b.contains(a)) continue;
      const rb = b.getBoundingClientRect();
      const apart =
        ra.right <= rb.left + 0.5 ||
        rb.right <= ra.left + 0.5 ||
        ra.bottom <= rb.top + 0.5 ||
        rb.bottom <= ra.top + 0.5;
      if (!apart) out.push(`${name(a)} overlaps ${name(b)}`);
    }
  });
  return out;
}

test.describe("labels of the set-up", () => {
  for (const width of [360, 1280, 1920]) {
    test(`are whole and apart with "More: real-world conditions" open at ${width} px`, async ({
      lab,
      page,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width, height: 900 });
      const form = page.locator("details.setup-details");
      const expectWhole = async (where: string) => {
        await page.mouse.move(0, 0);
        expect(await form.evaluate(formProblems), `${where} at ${width} px`).toEqual([]);
      };
      // The real-world presets set most of the section's controls between them (offline periods,
      // restarts, a will, six messages, a profile with its note).
      expect(REAL_WORLD_PRESETS.length).toBeGreaterThan(0);
      for (const preset of REAL_WORLD_PRESETS) {
        await lab.choosePreset(preset.id);
        const more = page.locator("details.setup-more");
        if ((await more.getAttribute("open")) === null) await page.getByTestId("setup.more").click();
        await expect(page.getByTestId("setup.profiles")).toBeVisible();
        await expectWhole(preset.id);
      }
      // And the longest choices: a broker with a long name and note, a refusal with a long reason.
      await page.getByTestId("setup.profiles.broker").selectOption("rabbitmq-3");
      await expect(page.getByTestId("setup.profiles.broker.note")).toBeVisible();
      await page.getByTestId("setup.messages.1.refusal.publisher-broker").selectOption("153");
      await expectWhole("RabbitMQ, PUBACK 0x99");
    });
  }
});
