/**
 * Every fault plan of up to k lost transmissions for the current set-up, run in the worker,
 * grouped by verdict; any plan can be loaded into the diagram.
 */
import { useId, useMemo, useState } from "react";
import type { Exploration, ExploredPlan } from "../../explore/enumerate.ts";
import { invariantLine } from "../../explore/invariant.ts";
import { explorationToMarkdown } from "../../explore/markdown.ts";
import type { Fault, Scenario, Trace, Verdict } from "../../sim/types.ts";
import { useJob } from "../useJob.ts";
import { DropsSelect } from "./DropsSelect.tsx";
import { JobControls } from "./JobControls.tsx";
import { MiniSequence } from "./MiniSequence.tsx";
import { download } from "./download.ts";

export interface ExplorerPanelProps {
  scenario: Scenario;
  simulate(scenario: Scenario): Trace;
  onLoadPlan(faults: Fault[]): void;
}

const GROUPS: { verdict: Verdict; title: string }[] = [
  { verdict: "lost", title: "Lost: not processed at all" },
  { verdict: "duplicated", title: "Duplicated: processed more than once" },
  { verdict: "once", title: "Exactly once" },
];
const FIRST_ROWS = 25;

export function ExplorerPanel({ scenario, simulate, onLoadPlan }: ExplorerPanelProps) {
  const kId = useId();
  const [k, setK] = useState(2);
  const job = useJob<"explore">();
  const result = job.state.status === "done" ? job.state.result : null;
  return (
    <section className="panel explorer" aria-labelledby={`${kId}-h`} data-testid="explorer">
      <h2 id={`${kId}-h`}>Every way it can fail</h2>
      <p className="panel-intro">
        For the current set-up (its own dropped packets aside), run every plan of up to k lost transmissions,
        including resent copies that only exist because of an earlier loss.
      </p>
      <div className="job-bar">
        <DropsSelect id={kId} value={k} onChange={setK} testId="explorer.k" />
        <JobControls
          state={job.state}
          startLabel="Explore"
          onStart={() => job.start({ kind: "explore", scenario, maxDrops: k })}
          onCancel={job.cancel}
          testId="explorer"
        />
      </div>
      {result && <ExplorationView exploration={result} simulate={simulate} onLoadPlan={onLoadPlan} />}
    </section>
  );
}

function ExplorationView({
  exploration,
  simulate,
  onLoadPlan,
}: {
  exploration: Exploration;
  simulate(scenario: Scenario): Trace;
  onLoadPlan(faults: Fault[]): void;
}) {
  const { counts, plans, byVerdict } = exploration;
  const line = useMemo(() => invariantLine(exploration, exploration.scenario), [exploration]);
  return (
    <>
      <p className="invariant" role="status" data-testid="explorer.invariant">
        {line}
      </p>
      <p className="verdict-counts" data-testid="explorer.counts">
        {plans.length} plans · <span className="count is-lost">lost {counts.lost}</span> ·{" "}
        <span className="count is-once">once {counts.once}</span> ·{" "}
        <span className="count is-duplicated">duplicated {counts.duplicated}</span>{" "}
        <span className="muted">(per plan and message)</span>{" "}
        <button
          type="button"
          onClick={() => download("exploration.md", explorationToMarkdown(exploration), "text/markdown")}
        >
          Download Markdown
        </button>
      </p>
      {GROUPS.map(({ verdict, title }) =>
        byVerdict[verdict].length === 0 ? null : (
          <PlanGroup
            key={verdict}
            verdict={verdict}
            title={title}
            plans={byVerdict[verdict].map((i) => plans[i] as ExploredPlan)}
            setup={exploration.scenario}
            simulate={simulate}
            onLoadPlan={onLoadPlan}
          />
        ),
      )}
    </>
  );
}

interface PlanGroupProps {
  verdict: Verdict;
  title: string;
  plans: ExploredPlan[];
  setup: Scenario;
  simulate(scenario: Scenario): Trace;
  onLoadPlan(faults: Fault[]): void;
}

function PlanGroup({ verdict, title, plans, setup, simulate, onLoadPlan }: PlanGroupProps) {
  const [all, setAll] = useState(false);
  const shown = all ? plans : plans.slice(0, FIRST_ROWS);
  return (
    <div className={`plan-group is-${verdict}`} data-testid={`explorer.group.${verdict}`}>
      <h3>
        {title} <span className="muted">({plans.length} plans)</span>
      </h3>
      <div className="table-scroll">
        <table className="plans">
          <thead>
            <tr>
              <th scope="col">Sequence</th>
              <th scope="col">Plan</th>
              <th scope="col">Verdict</th>
              <th scope="col">Packets</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((plan) => (
              <tr key={plan.sequence.length + plan.name} data-testid="explorer.plan">
                <td>
                  <MiniSequence trace={simulate({ ...setup, faults: plan.faults })} />
                </td>
                <th scope="row">{plan.name}</th>
                <td>{plan.outcome.messages.map((m) => `m${m.message}: ${m.verdict}`).join(", ")}</td>
                <td className="num">{plan.outcome.packets}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => onLoadPlan(plan.faults)}
                    aria-label={`Show in diagram: ${plan.name}`}
                  >
                    Show in diagram
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plans.length > shown.length && (
        <button type="button" onClick={() => setAll(true)}>
          Show all {plans.length}
        </button>
      )}
    </div>
  );
}
