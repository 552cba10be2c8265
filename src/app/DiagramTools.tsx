/**
 * What sits under the diagram: export and import, and the copy buttons for a link, an embed and
 * the custom element. Loaded lazily by App: nothing here is needed to draw the first diagram.
 */
import type { Scenario, Trace } from "../sim/types.ts";
import { ExportBar } from "../ui/ExportBar.tsx";
import { CopyElement, CopyEmbed } from "./CopyEmbed.tsx";
import { CopyLink } from "./CopyLink.tsx";

interface DiagramToolsProps {
  trace: Trace;
  width: number;
  time: number;
  onImport(scenario: Scenario): void;
}

export function DiagramTools({ trace, width, time, onImport }: DiagramToolsProps) {
  return (
    <>
      <ExportBar trace={trace} width={width} onImport={onImport} />
      <div className="share-tools" role="group" aria-label="Share this scenario">
        <CopyLink scenario={trace.scenario} time={time} />
        <CopyEmbed scenario={trace.scenario} />
        <CopyElement scenario={trace.scenario} />
      </div>
    </>
  );
}
