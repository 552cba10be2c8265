/**
 * Export the current diagram (SVG, PNG, Mermaid, JSON trace) and import a scenario or trace file.
 * The exporters load on first use: the first diagram needs none of them.
 */
import { memo, useId, useState } from "react";
import type { TextFormat } from "../export/exportRun.ts";
import { DIRECT_IMPORT_BYTES } from "../export/bigInput.ts";
import type { Scenario, Trace } from "../sim/types.ts";
import { download } from "./explore/download.ts";
import { useJob } from "./useJob.ts";

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

const TEXT_FILES: Record<TextFormat, [name: string, type: string]> = {
  json: ["mqtt-qos-trace.json", "application/json"],
  mermaid: ["mqtt-qos-sequence.mmd", "text/plain"],
};

export interface ExportBarProps {
  trace: Trace;
  width: number;
  onImport(scenario: Scenario): void;
  /** A large file's text, to be parsed and simulated off the page (useScenario's importText). */
  onImportText?: ((text: string, name: string) => void) | undefined;
  /**
   * Why the trace is not drawn (drawLimit.ts), or null: then there is no SVG or PNG, and the text
   * exports are made in the worker (with progress and cancel) from the scenario.
   */
  tooLarge?: string | null | undefined;
}

export const ExportBar = memo(function ExportBar({
  trace,
  width,
  onImport,
  onImportText,
  tooLarge = null,
}: ExportBarProps) {
  const fileId = useId();
  const [problems, setProblems] = useState<string[]>([]);
  const textJob = useJob<"export">();
  const run = (format: Format) => () => {
    if (tooLarge !== null && (format === "json" || format === "mermaid")) {
      const [name, type] = TEXT_FILES[format];
      textJob.start({ kind: "export", scenario: trace.scenario, format }, (text) =>
        download(name, text, type),
      );
      return;
    }
    exportAs(format, trace, width).catch((e: unknown) => setProblems([`Export failed: ${String(e)}`]));
  };
  const pictures = tooLarge === null ? undefined : `No picture: ${tooLarge}.`;
  const exporting = textJob.state.status === "running" ? textJob.state.progress : undefined;
  return (
    <div className="export-bar" role="group" aria-label="Export and import">
      <span className="muted">Export:</span>
      <button
        type="button"
        onClick={run("svg")}
        data-testid="export.svg"
        disabled={!!pictures}
        title={pictures}
      >
        SVG
      </button>
      <button
        type="button"
        onClick={run("png")}
        data-testid="export.png"
        disabled={!!pictures}
        title={pictures}
      >
        PNG
      </button>
      <button type="button" onClick={run("mermaid")} data-testid="export.mermaid">
        Mermaid
      </button>
      <button type="button" onClick={run("json")} data-testid="export.json">
        JSON trace
      </button>
      {exporting !== undefined && (
        <span data-testid="export.job">
          <progress
            aria-label="Export progress"
            {...(exporting?.total ? { value: exporting.done, max: exporting.total } : {})}
          />{" "}
          <span className="muted">{exporting?.label ?? "starting…"}</span>{" "}
          <button type="button" onClick={textJob.cancel} data-testid="export.cancel">
            Cancel
          </button>
        </span>
      )}
      {textJob.state.status === "failed" && <span role="alert">Export failed: {textJob.state.message}</span>}
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
          const { importBlob, MAX_IMPORT_BYTES } = await import("../export/importFile.ts");
          // A large file is read here and parsed and simulated in the worker.
          if (onImportText && file.size > DIRECT_IMPORT_BYTES && file.size <= MAX_IMPORT_BYTES) {
            setProblems([]);
            onImportText(await file.text(), file.name);
            return;
          }
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
