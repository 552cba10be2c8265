// What the default page's first diagram loads (`npm run bench:ui -- --only=size` weighs it): the
// entry's static imports and the engine's without its packet encoder (useEngine.ts's
// loadEngineCore). The packet encoder (mqtt-packet, the `buffer` polyfill), the scenario validator,
// what reads a link's scenario fields, the export's stylesheet, the preset menu's examples and the
// implementation profiles' records and findings, and what writes a link, load later, or only for a
// link, a menu or a scenario that needs them; a static import that brings one back fails here, before the bench
// would notice.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseSync } from "vite";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

/** Static, non-type imports and re-exports of a source file: relative paths and package names. */
function staticImports(file: string): string[] {
  const { program } = parseSync(file, readFileSync(file, "utf8"));
  const sources: string[] = [];
  for (const node of program.body) {
    if (node.type === "ImportDeclaration") {
      const typeOnly =
        node.importKind === "type" ||
        (node.specifiers.length > 0 &&
          node.specifiers.every((s) => s.type === "ImportSpecifier" && s.importKind === "type"));
      if (!typeOnly) sources.push(node.source.value);
    } else if (
      (node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") &&
      node.source &&
      node.exportKind !== "type"
    ) {
      sources.push(node.source.value);
    }
  }
  return sources;
}

/** Every module `entry` reaches through static imports: project files relative to ROOT, packages by name. */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [join(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    const name = relative(ROOT, file);
    if (seen.has(name)) continue;
    seen.add(name);
    for (const source of staticImports(file)) {
      if (source.startsWith(".")) {
        // Stylesheets have no imports of their own.
        if (!source.endsWith(".css")) queue.push(join(dirname(file), source));
      } else if (!source.startsWith("virtual:")) {
        // A package by name (`react-dom/client` → react-dom, `@scope/x/y` → @scope/x).
        const parts = source.split("/");
        seen.add(source.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string));
      }
    }
  }
  return seen;
}

/** What loadEngineCore imports: the engine and what completes a run's bytes, not the encoder. */
const ENGINE_CORE = "src/sim/engineCore.ts";
const FIRST_DIAGRAM = new Set([...staticGraph("src/main.tsx"), ...staticGraph(ENGINE_CORE)]);

/** What loadProfiles imports: the profile records and the findings they make. */
const PROFILE_SUPPORT = "src/sim/profileSupport.ts";

/** Every profile record (src/protocol/profiles/), and the look-up of them. */
const PROFILE_RECORDS = readdirSync(join(ROOT, "src/protocol/profiles"))
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
  // The QoS 2 methods apart from the records: what a link leaves out (share/profileText.ts).
  .filter((file) => file !== "qos2Methods.ts")
  .map((file) => `src/protocol/profiles/${file}`);

const LOADED_LATER = [
  // The packet encoder: the first diagram shows no bytes (sim/deferredBytes.ts).
  "mqtt-packet",
  "buffer",
  "src/protocol/wire.ts",
  "src/protocol/generate.ts",
  "src/sim/runScenario.ts",
  "valibot",
  "leven",
  "src/sim/scenario.ts",
  "src/sim/scenarioSchema.ts",
  "src/sim/scenarioRules.ts",
  "src/sim/scenarioErrors.ts",
  "src/sim/scenarioKeys.ts",
  "src/sim/jsonText.ts",
  "src/share/linkScenario.ts",
  "src/share/partsWriter.ts",
  "src/share/resolveParts.ts",
  "src/diagram/diagramStyles.ts",
  // The examples load with the preset menu (PresetMenu.tsx); the page opens on presets.opening.ts.
  "src/app/presets.plant.ts",
  "src/app/presets.realWorld.ts",
  "src/app/presets.ts",
  // The profile records and findings: only a scenario naming profiles needs them (profileSupport.ts).
  ...PROFILE_RECORDS,
  PROFILE_SUPPORT,
  "src/sim/findings.ts",
  "src/sim/profileFindings.ts",
  "src/share/profileNames.ts",
  // What writes a link: the page writes its address after its first diagram (app/useUrlSync.ts).
  "src/share/urlWriter.ts",
  "src/share/extensions.ts",
  "src/share/faultText.ts",
  "src/share/profileText.ts",
  "src/protocol/profiles/qos2Methods.ts",
];

describe("the default page's first diagram", () => {
  it("reaches the diagram, the page and the engine through static imports (the walk sees them)", () => {
    for (const module of [
      "src/app/App.tsx",
      "src/ui/diagram/SequenceDiagram.tsx",
      "src/diagram/layout.ts",
      "src/app/presets.opening.ts",
      "src/share/url.ts",
      "src/sim/engine.ts",
      "src/protocol/wirePacket.ts",
      "react-dom",
      "xstate",
    ]) {
      expect(FIRST_DIAGRAM, module).toContain(module);
    }
    // The walk finds the validator and the encoder where they are imported statically.
    expect(staticGraph("src/sim/simulate.ts")).toContain("valibot");
    for (const module of ["mqtt-packet", "src/protocol/wire.ts", "src/protocol/generate.ts"])
      expect(staticGraph("src/sim/runScenario.ts"), module).toContain(module);
    // And the profile records where profileSupport.ts brings them, every record file among them.
    expect(PROFILE_RECORDS).toContain("src/protocol/profiles/mosquitto.ts");
    expect(PROFILE_RECORDS).toContain("src/protocol/profiles/notes.ts");
    const support = staticGraph(PROFILE_SUPPORT);
    for (const module of [...PROFILE_RECORDS.filter((m) => !m.endsWith("notes.ts")), "src/sim/findings.ts"])
      expect(support, module).toContain(module);
  });

  it("loads the engine and the profile records the way this test walks them (useEngine.ts)", () => {
    const source = readFileSync(join(ROOT, "src/ui/useEngine.ts"), "utf8");
    expect(source).toContain(`import("../${relative("src", ENGINE_CORE)}")`);
    // The records come through the engine core, by a dynamic import of its own.
    expect(source).toContain("core.loadProfileSupport()");
    const core = readFileSync(join(ROOT, ENGINE_CORE), "utf8");
    expect(core).toContain(`import("./${relative("src/sim", PROFILE_SUPPORT)}")`);
    expect(staticGraph("src/main.tsx")).toContain("src/ui/useEngine.ts");
  });

  it("loads neither the packet encoder, nor the scenario validator, nor a link's scenario reader, nor the export stylesheet, nor the menu's examples, nor the profile records, nor what writes a link", () => {
    expect(LOADED_LATER.filter((module) => FIRST_DIAGRAM.has(module))).toEqual([]);
  });
});
