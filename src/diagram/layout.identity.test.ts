/**
 * The layout's output, pinned: a digest of every golden trace's and preset's layout (boxes,
 * texts, positions, and the time ↔ screen look-ups) at the widths and text scales the tests and
 * the page use, plus long QoS 2 traces. Work that only makes `layout()` faster must leave every
 * digest as it was. A deliberate change of the drawing updates the digests:
 * UPDATE_LAYOUT_DIGESTS=1 npx vitest run src/diagram/layout.identity.test.ts
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PRESETS, presetScenario } from "../app/presets.ts";
import { runScenario } from "../sim/runScenario.ts";
import { seededRandom } from "../sim/random.ts";
import { simulate } from "../sim/simulate.ts";
import type { Trace } from "../sim/types.ts";
import { layout, type LayoutOptions } from "./layout.ts";

const GOLDEN = new URL("../sim/golden/", import.meta.url);
const DIGESTS = new URL("./layout.identity.json", import.meta.url);

const OPTIONS: LayoutOptions[] = [
  ...[320, 640, 900, 1280, 1920].flatMap((width) => [{ width }, { width, fontScale: 1.8 }]),
  { width: 150, flightPx: 7, idlePx: 6, margins: { left: 14, right: 14 } },
];

/** QoS 2 over two hops, one seeded fault per ~20 messages (as bench:views lays out). */
function longTrace(messages: number): Trace {
  const random = seededRandom(9000 + messages);
  const packets = ["PUBLISH", "PUBREC", "PUBREL", "PUBCOMP"];
  const faults = [];
  for (let m = 1; m <= messages; m++) {
    if (random() >= 0.05) continue;
    const hop = random() < 0.5 ? "publisher-broker" : "broker-subscriber";
    faults.push({ hop, packet: packets[Math.floor(random() * packets.length)], message: m });
  }
  const payloads = Array.from({ length: messages }, (_, i) => ({ payload: `reading ${i}` }));
  return simulate({ publishQos: 2, subscriber: { qos: 2 }, messages: payloads, faults }, { states: true });
}

/** Everything `layout` returns, and where its functions put a few instants and heights. */
function digest(trace: Trace, options: readonly LayoutOptions[]): string {
  const hash = createHash("sha256");
  for (const o of options) {
    const d = layout(trace, o);
    hash.update(JSON.stringify(d));
    const times = [
      0,
      d.duration / 3,
      d.duration / 2,
      d.duration,
      ...d.arrows.slice(0, 50).map((a) => a.event.t + 0.5),
    ];
    hash.update(JSON.stringify(times.map((t) => [d.yOf(t), d.playheadY(t)])));
    hash.update(JSON.stringify([0, 100, d.height / 2].map((y) => d.tOf(y))));
  }
  return hash.digest("hex");
}

function cases(): [string, () => Trace, readonly LayoutOptions[]][] {
  const golden = readdirSync(GOLDEN)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f): [string, () => Trace, readonly LayoutOptions[]] => [
      `golden ${f}`,
      () => JSON.parse(readFileSync(new URL(f, GOLDEN), "utf8")) as Trace,
      OPTIONS,
    ]);
  const presets = PRESETS.map((p): [string, () => Trace, readonly LayoutOptions[]] => [
    `preset ${p.id}`,
    () => runScenario(presetScenario(p)),
    OPTIONS,
  ]);
  const long: [string, () => Trace, readonly LayoutOptions[]][] = [
    ["100 messages", () => longTrace(100), [{ width: 960 }, { width: 320 }]],
    ["1000 messages", () => longTrace(1000), [{ width: 960 }]],
  ];
  return [...golden, ...presets, ...long];
}

describe("layout output is pinned", () => {
  it("gives the digest recorded for every golden trace, preset and long trace", { timeout: 120_000 }, () => {
    const got = Object.fromEntries(cases().map(([name, trace, options]) => [name, digest(trace(), options)]));
    if (process.env.UPDATE_LAYOUT_DIGESTS) writeFileSync(DIGESTS, `${JSON.stringify(got, null, 2)}\n`);
    const want = JSON.parse(readFileSync(DIGESTS, "utf8")) as Record<string, string>;
    expect(got).toEqual(want);
  });
});
