/** The "Every failure" view: the explorer for the current set-up and the configuration matrix. */
import type { Fault, Scenario, Trace } from "../../sim/types.ts";
import { ExplorerPanel } from "./ExplorerPanel.tsx";
import { MatrixPanel } from "./MatrixPanel.tsx";

export interface ExploreViewProps {
  scenario: Scenario;
  simulate(scenario: Scenario): Trace;
  onLoadPlan(faults: Fault[]): void;
}

export default function ExploreView(props: ExploreViewProps) {
  return (
    <div className="panels">
      <ExplorerPanel {...props} />
      <MatrixPanel />
    </div>
  );
}
