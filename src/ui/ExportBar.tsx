/**
 * Export the current diagram (SVG, PNG, Mermaid, JSON trace) and import a scenario or trace file.
 * The exporters load on first use: the first diagram needs none of them.
 */
import { memo, useId, useState } from "react";
import type { Scenario, Trace } from "../sim/types.ts";
import { download } from "./explore/download.ts";

type Format = "svg" | "png" | "mermaid" | "json";

function theme(): "light" | "dark" {
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

async function exportAs(format: Format, trace: Trace, width: number): Promise<void> {
  if (format === "json") {
    const { traceToJson } = await import("../export/json.ts");
    download("mqtt-qos-trace.json", traceToJson(trace), "application/json");
  } else if (format === "mermaid") {
    const { traceToMermaid } = await import("../export/mermaid.ts");
    download("mqtt-qos-sequence.mmd", traceToMermaid(trace), "text/plain");
  } else {
    const { traceToSvg } = await import("../export/svg.ts");
    const svg = traceToSvg(trace, { width, theme: theme() });
    if (format === "svg") download("mqtt-qos-sequence.svg", svg, "image/svg+xml");
    else {
      const { svgToPng } = await import("../export/png.ts");
      const url = URL.createObjectURL(await svgToPng(svg));
      const a = document.createElement("a");
      a.href = url;
      a.download = "mqtt-qos-sequence.png";
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
  }
}

export interface ExportBarProps {
  trace: Trace;
  width: number;
  onImport(scenario: Scenario): void;
}

export const ExportBar = memo(function ExportBar({ trace, width, onImport }: ExportBarProps) {
  const fileId = useId();
  const [problems, setProblems] = useState<string[]>([]);
  const run = (format: Format) => () => {
    exportAs(format, trace, width).catch((e: unknown) => setProblems([`Export failed: ${String(e)}`]));
  };
  return (
    <div className="export-bar" role="group" aria-label="Export and import">
      <span className="muted">Export:</span>
      <button type="button" onClick={run("svg")} data-testid="export.svg">
        SVG
      </button>
      <button type="button" onClick={run("png")} data-testid="export.png">
        PNG
      </button>
      <button type="button" onClick={run("mermaid")} data-testid="export.mermaid">
        Mermaid
      </button>
      <button type="button" onClick={run("json")} data-testid="export.json">
        JSON trace
      </button>
      <label htmlFor={fileId} className="import-label">
        Import scenario or trace…
      </label>
      <input
        id={fileId}
        type="file"
        accept="application/json,.json"
        data-testid="import.file"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (!file) return;
          const { importBlob } = await import("../export/importFile.ts");
          const result = await importBlob(file);
          if (result.ok) {
            setProblems([]);
            onImport(result.scenario);
          } else setProblems(result.problems.map((p) => `${file.name}: ${p}`));
        }}
      />
      {problems.length > 0 && (
        <div role="alert" className="import-problems" data-testid="import.problems">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setProblems([])}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
});
