/**
 * What sits under the diagram: export and import, and the copy buttons for a link, an embed and
 * the custom element. Loaded lazily by App: nothing here is needed to draw the first diagram.
 */
import { memo } from "react";
import type { Scenario, Trace } from "../sim/types.ts";
import { ExportBar } from "../ui/ExportBar.tsx";
import { ShareTools } from "./ShareTools.tsx";

interface DiagramToolsProps {
  trace: Trace;
  width: number;
  /** The playback position now, read when Copy link is pressed. */
  time(): number;
  onImport(scenario: Scenario): void;
  /** A large imported file's text, parsed and simulated in the worker. */
  onImportText?: ((text: string, name: string) => void) | undefined;
  /** Why the trace is not drawn, or null. */
  tooLarge?: string | null | undefined;
}

export const DiagramTools = memo(function DiagramTools({
  trace,
  width,
  time,
  onImport,
  onImportText,
  tooLarge,
}: DiagramToolsProps) {
  return (
    <>
      <ExportBar
        trace={trace}
        width={width}
        onImport={onImport}
        onImportText={onImportText}
        tooLarge={tooLarge}
      />
      <ShareTools scenario={trace.scenario} time={time} />
    </>
  );
});
