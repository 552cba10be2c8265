/** Statistics under random loss, the circulating claims checked, and the plant calculator. */
import type { Scenario } from "../../sim/types.ts";
import { ErrorBoundary } from "../ErrorBoundary.tsx";
import { ClaimsPanel } from "./ClaimsPanel.tsx";
import { PlantPanel } from "./PlantPanel.tsx";
import { RandomLossPanel } from "./RandomLossPanel.tsx";

/** Each panel fails alone: the other two keep their inputs and results. */
export function StatisticsView({ scenario }: { scenario: Scenario }) {
  return (
    <div className="panels" data-testid="statistics">
      <ErrorBoundary what="The random-loss panel" resetKey={scenario}>
        <RandomLossPanel scenario={scenario} />
      </ErrorBoundary>
      <ErrorBoundary what="The claims panel" resetKey={scenario}>
        <ClaimsPanel scenario={scenario} />
      </ErrorBoundary>
      <ErrorBoundary what="The plant calculator" resetKey={scenario.protocol}>
        <PlantPanel protocol={scenario.protocol} />
      </ErrorBoundary>
    </div>
  );
}
