/**
 * Every fault plan of up to k lost transmissions for the current set-up, run in the worker,
 * grouped by verdict; any plan can be loaded into the diagram.
 */
import { useEffect, useId, useMemo, useState } from "react";
import type { Exploration, ExploredPlan } from "../../explore/enumerate.ts";
import type { PlanEstimate } from "../../explore/estimate.ts";
import { invariantLine } from "../../explore/invariant.ts";
import { judge, PAGE_LIMITS, planCount, type Judgement } from "../../explore/limits.ts";
import { explorationToMarkdown } from "../../explore/markdown.ts";
import type { Fault, Scenario, Trace, Verdict } from "../../sim/types.ts";
import { useJob, type JobState } from "../useJob.ts";
import { DropsSelect } from "./DropsSelect.tsx";
import { withBroker } from "../../explore/broker.ts";
import type { BrokerProfile } from "../../explore/matrix.ts";
import { profileName } from "../../share/profileNames.ts";
import { BROKER_PROFILE_IDS } from "../../share/profileText.ts";
import { JobControls } from "./JobControls.tsx";
import { MiniSequence } from "./MiniSequence.tsx";
import { download } from "./download.ts";
import type { PlanProfiles } from "./planScenario.ts";

export interface ExplorerPanelProps {
  scenario: Scenario;
  simulate(scenario: Scenario): Trace;
  /** A plan to show: its faults and the profiles it was explored under (the broker chosen here). */
  onLoadPlan(faults: Fault[], profiles: PlanProfiles): void;
}

const GROUPS: { verdict: Verdict; title: string }[] = [
  { verdict: "lost", title: "Lost: not processed at all" },
  { verdict: "duplicated", title: "Duplicated: processed more than once" },
  { verdict: "once", title: "Exactly once" },
];
const FIRST_ROWS = 25;

export function ExplorerPanel({ scenario: onScreen, simulate, onLoadPlan }: ExplorerPanelProps) {
  const kId = useId();
  const brokerId = useId();
  const [k, setK] = useState(2);
  // Explore the set-up as it is, or under a chosen broker's profile.
  const [broker, setBroker] = useState<BrokerProfile | null>(null);
  const scenario = useMemo(() => withBroker(onScreen, broker), [onScreen, broker]);
  const job = useJob<"explore">();
  const result = job.state.status === "done" ? job.state.result : null;
  // The plans are counted in the worker as soon as the set-up or k changes, before any Start.
  const counting = useJob<"estimate">();
  const startCounting = counting.start;
  useEffect(() => startCounting({ kind: "estimate", scenario, maxDrops: k }), [startCounting, scenario, k]);
  const estimate = counting.state.status === "done" ? counting.state.result : null;
  const judgement = useMemo(() => (estimate === null ? null : judge(estimate, PAGE_LIMITS)), [estimate]);
  // Asked for this estimate (a new set-up or k asks again).
  const [asked, setAsked] = useState<PlanEstimate | null>(null);
  const run = () => {
    setAsked(null);
    job.start({ kind: "explore", scenario, maxDrops: k });
  };
  return (
    <section className="panel explorer" aria-labelledby={`${kId}-h`} data-testid="explorer">
      <h2 id={`${kId}-h`}>Every way it can fail</h2>
      <p className="panel-intro">
        For the current set-up (its own dropped packets aside), run every plan of up to k lost transmissions,
        including resent copies that only exist because of an earlier loss.
      </p>
      <div className="job-bar">
        <DropsSelect id={kId} value={k} onChange={setK} testId="explorer.k" />
        <label htmlFor={brokerId}>Broker</label>
        <select
          id={brokerId}
          value={broker ?? ""}
          data-testid="explorer.broker"
          onChange={(e) => setBroker(e.target.value === "" ? null : (e.target.value as BrokerProfile))}
        >
          <option value="">as set up ({profileName(onScreen.profiles?.broker ?? "spec")})</option>
          {BROKER_PROFILE_IDS.map((id) => (
            <option key={id} value={id}>
              {profileName(id)}
            </option>
          ))}
        </select>
        <JobControls
          state={job.state}
          startLabel="Explore"
          onStart={() => (judgement?.kind === "confirm" ? setAsked(estimate) : run())}
          onCancel={job.cancel}
          testId="explorer"
          blockedBy={blockedBy(counting.state.status, judgement)}
        />
      </div>
      <EstimateLine state={counting.state} estimate={estimate} />
      {asked !== null && asked === estimate && judgement?.kind === "confirm" && (
        <div className="confirm" role="alert" data-testid="explorer.confirm">
          <p>A long run: {judgement.reason}. It runs in the background and Cancel stops it.</p>
          <button type="button" className="primary" onClick={run} data-testid="explorer.confirm.run">
            Run anyway
          </button>{" "}
          <button type="button" onClick={() => setAsked(null)} data-testid="explorer.confirm.back">
            Not now
          </button>
        </div>
      )}
      {result && <ExplorationView exploration={result} simulate={simulate} onLoadPlan={onLoadPlan} />}
    </section>
  );
}

/** Why Start waits or is refused: still counting, or above the page's hard limit. */
function blockedBy(counting: string, judgement: Judgement | null): string | undefined {
  if (counting === "running" || counting === "idle") return "counting the plans…";
  if (counting === "failed" || counting === "cancelled") return "the plans could not be counted";
  if (judgement?.kind !== "refuse") return undefined;
  return (
    `Too large for the page: ${judgement.reason}. Choose fewer lost transmissions or fewer ` +
    "messages, or run npm run explore on the command line."
  );
}

/** "Exactly 416 plans to run." once counted; why not, if counting failed. */
function EstimateLine({ state, estimate }: { state: JobState<PlanEstimate>; estimate: PlanEstimate | null }) {
  const text =
    estimate !== null
      ? `${capitalised(planCount(estimate))} to run${estimate.exact ? "" : " (an upper bound)"}.`
      : state.status === "failed"
        ? `The plans could not be counted: ${state.message}`
        : "";
  return (
    <p className="muted" aria-live="polite" data-testid="explorer.estimate">
      {text}
    </p>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ExplorationView({
  exploration,
  simulate,
  onLoadPlan,
}: {
  exploration: Exploration;
  simulate(scenario: Scenario): Trace;
  onLoadPlan(faults: Fault[], profiles: PlanProfiles): void;
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
  onLoadPlan(faults: Fault[], profiles: PlanProfiles): void;
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
                    // The broker the plans were explored under, even if the picker moved since.
                    onClick={() => onLoadPlan(plan.faults, setup.profiles)}
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
