/** Statistics under random loss, the circulating claims checked, and the plant calculator. */
import type { Scenario } from "../../sim/types.ts";
import { ClaimsPanel } from "./ClaimsPanel.tsx";
import { PlantPanel } from "./PlantPanel.tsx";
import { RandomLossPanel } from "./RandomLossPanel.tsx";

export function StatisticsView({ scenario }: { scenario: Scenario }) {
  return (
    <div className="panels" data-testid="statistics">
      <RandomLossPanel scenario={scenario} />
      <ClaimsPanel scenario={scenario} />
      <PlantPanel protocol={scenario.protocol} />
    </div>
  );
}
