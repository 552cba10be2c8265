/** The "Every failure" view: the explorer for the current set-up and the configuration matrix. */
import type { Fault, Scenario, Trace } from "../../sim/types.ts";
import { ExplorerPanel } from "./ExplorerPanel.tsx";
import { MatrixPanel } from "./MatrixPanel.tsx";
import type { PlanProfiles } from "./planScenario.ts";

export interface ExploreViewProps {
  scenario: Scenario;
  simulate(scenario: Scenario): Trace;
  /** Faults to load, with the profiles the explorer ran them under (its broker picker's choice). */
  onLoadPlan(faults: Fault[], profiles: PlanProfiles): void;
}

export default function ExploreView(props: ExploreViewProps) {
  return (
    <div className="panels">
      <ExplorerPanel {...props} />
      <MatrixPanel />
    </div>
  );
}
