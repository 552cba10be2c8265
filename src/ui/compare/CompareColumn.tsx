/**
 * One column of compare mode: its set-up (heading and compact controls), its verdict's short part
 * and then the diagram, so that the diagrams start on the first screen; the verdict's sentences of
 * why, what became of each planned loss under this set-up and the narration of the shared instant
 * in a disclosure between them, opened and closed for every column at once (CompareView).
 */
import { Fragment, memo, useId, useMemo } from "react";
import type { DiagramLayout } from "../../diagram/layout.ts";
import { narrateAt } from "../../explain/narrate.ts";
import { explainOutcome } from "../../explain/verdict.ts";
import { profileName } from "../../share/profileNames.ts";
import { BROKER_PROFILE_IDS } from "../../share/profileText.ts";
import {
  compareLabel,
  compareLabelParts,
  faultStatuses,
  type BrokerProfile,
  type CompareSetup,
  type FaultStatus,
} from "../../sim/compare.ts";
import type { Step } from "../../sim/steps.ts";
import {
  QOS_LEVELS,
  SESSION_KINDS,
  type Fault,
  type Qos,
  type SessionKind,
  type Trace,
} from "../../sim/types.ts";
import { SequenceDiagram } from "../diagram/SequenceDiagram.tsx";
import { VERDICT_LINES, VerdictHeadlines, VerdictReasons } from "../VerdictPanel.tsx";
import { SHORT_TRACE_MESSAGES, verdictSummary } from "../verdictSummary.ts";

export interface ColumnRun {
  setup: CompareSetup;
  /** The column's trace, or why it has none (the simulator failed, or it is too big to draw). */
  trace: Trace | null;
  problem: string | null;
  diagram: DiagramLayout | null;
  steps: readonly Step[];
}

export interface CompareColumnProps {
  run: ColumnRun;
  /** 1-based position, for the controls' names ("Set-up 2: QoS"). */
  position: number;
  time: number;
  /** The scenario's own sessions in words, for the session control's first choice. */
  ownSession: string;
  /** The scenario's own broker profile in words, for the broker control's first choice. */
  ownBroker: string;
  showVerdict: boolean;
  /** Text scale (presentation): the diagram is zoomed, its layout made at width / scale. */
  scale: number;
  /** Given: the set-up can be changed here (QoS and session selects). */
  onSetup: ((position: number, setup: CompareSetup) => void) | null;
  /** Given when a column may go (three of them). */
  onRemove: ((position: number) => void) | null;
  /** Given: packets are toggle buttons (drop / restore in the shared plan). */
  onToggle: ((trace: Trace, index: number) => void) | null;
  /** Whether the disclosure of why, planned losses and narration is open (in every column). */
  moreOpen: boolean;
  onMoreOpen: (open: boolean) => void;
}

function describeFault(fault: Fault, twoHops: boolean): string {
  const connection = fault.packet === "CONNECT" || fault.packet === "CONNACK";
  const hop = twoHops
    ? fault.hop === "publisher-broker"
      ? " (publisher–broker)"
      : " (broker–subscriber)"
    : "";
  const which = connection ? "" : ` of message ${fault.message}`;
  const attempt = fault.attempt > 1 ? `, attempt ${fault.attempt}` : "";
  return `${fault.packet}${which}${attempt}${hop}`;
}

/** The set-up with one optional field set, or left out when undefined. */
function withField<K extends "session" | "profile">(
  setup: CompareSetup,
  key: K,
  value: CompareSetup[K] | undefined,
): CompareSetup {
  const next = { ...setup };
  if (value === undefined) delete next[key];
  else next[key] = value as NonNullable<CompareSetup[K]>;
  return next;
}

const FATE: Record<FaultStatus["status"], string> = {
  lost: "lost",
  "not-in-setup": "not in this set-up",
  "never-happened": "never happened",
};

/** The disclosure's name: what it holds ("Why, planned losses and narration"). */
function moreLabel(why: boolean, losses: boolean): string {
  const parts = [why ? "why" : "", losses ? "planned losses" : "", "narration"].filter((p) => p !== "");
  const named = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts.join("");
  return named.charAt(0).toUpperCase() + named.slice(1);
}

/**
 * The column's heading: the QoS level large, then the session and the broker each on a line of its
 * own (a long profile name never wraps into the QoS). Its text is still the column's label
 * ("QoS 2 · clean session · Mosquitto 2.0"), the separators hidden from sight, not from readers.
 */
function CompareHeading({ id, setup }: { id: string; setup: CompareSetup }) {
  const [qos, ...details] = compareLabelParts(setup, profileName);
  return (
    <h3 id={id} data-testid="compare.label">
      <span className="compare-label-qos">{qos}</span>
      {details.map((part) => (
        <Fragment key={part}>
          <span className="visually-hidden"> · </span>
          <span className="compare-label-part">{part}</span>
        </Fragment>
      ))}
    </h3>
  );
}

export const CompareColumn = memo(function CompareColumn({
  run,
  position,
  time,
  ownSession,
  ownBroker,
  showVerdict,
  scale,
  onSetup,
  onRemove,
  onToggle,
  moreOpen,
  onMoreOpen,
}: CompareColumnProps) {
  const headingId = useId();
  const qosId = useId();
  const sessionId = useId();
  const brokerId = useId();
  const { setup, trace, diagram, steps, problem } = run;
  const label = compareLabel(setup, profileName);
  // Only the lines shown (VerdictReasons tells the first VERDICT_LINES), as the single diagram does.
  const explanations = useMemo(() => (trace ? explainOutcome(trace, VERDICT_LINES) : []), [trace]);
  const messages = trace?.outcome.messages;
  const summary = useMemo(
    () => (messages && messages.length > SHORT_TRACE_MESSAGES ? verdictSummary(messages) : undefined),
    [messages],
  );
  const statuses = useMemo(() => (trace ? faultStatuses(trace) : []), [trace]);
  const narration = trace && diagram ? narrateAt(trace, steps, time).join(" ") : "";
  return (
    <article
      className="compare-column"
      aria-labelledby={headingId}
      data-testid="compare.column"
      data-qos={setup.qos}
      data-profile={setup.profile}
    >
      <header className="compare-column-head">
        <div className="compare-title">
          <CompareHeading id={headingId} setup={setup} />
          {onRemove && (
            <button
              type="button"
              className="compare-remove"
              aria-label={`Remove the ${label} column`}
              data-testid="compare.remove"
              onClick={() => onRemove(position)}
            >
              Remove
            </button>
          )}
        </div>
        {onSetup && (
          <div className="compare-setup">
            <span className="compare-field">
              <label htmlFor={qosId}>QoS</label>
              <select
                id={qosId}
                value={setup.qos}
                aria-label={`Set-up ${position}: QoS`}
                data-testid="compare.qos"
                onChange={(e) => onSetup(position, { ...setup, qos: Number(e.target.value) as Qos })}
              >
                {QOS_LEVELS.map((q) => (
                  <option key={q} value={q}>
                    {q}
                  </option>
                ))}
              </select>
            </span>
            <span className="compare-field">
              <label htmlFor={sessionId}>Session</label>
              <select
                id={sessionId}
                value={setup.session ?? ""}
                aria-label={`Set-up ${position}: session`}
                data-testid="compare.session"
                onChange={(e) => {
                  const value = e.target.value as SessionKind | "";
                  onSetup(position, withField(setup, "session", value === "" ? undefined : value));
                }}
              >
                <option value="">as set up ({ownSession})</option>
                {SESSION_KINDS.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </span>
            <span className="compare-field">
              <label htmlFor={brokerId}>Broker</label>
              <select
                id={brokerId}
                value={setup.profile ?? ""}
                aria-label={`Set-up ${position}: broker`}
                data-testid="compare.broker"
                onChange={(e) => {
                  const value = e.target.value as BrokerProfile | "";
                  onSetup(position, withField(setup, "profile", value === "" ? undefined : value));
                }}
              >
                <option value="">as set up ({ownBroker})</option>
                {BROKER_PROFILE_IDS.map((id) => (
                  <option key={id} value={id}>
                    {profileName(id)}
                  </option>
                ))}
              </select>
            </span>
          </div>
        )}
      </header>
      <div className="compare-outcome">
        {problem !== null && (
          <p className="compare-problem" role="status">
            {problem}
          </p>
        )}
        {trace && showVerdict && <VerdictHeadlines explanations={explanations} summary={summary} />}
      </div>
      <details
        className="compare-more"
        open={moreOpen}
        onToggle={(e) => onMoreOpen(e.currentTarget.open)}
        data-testid="compare.more"
      >
        <summary>{moreLabel(trace !== null && showVerdict, statuses.length > 0)}</summary>
        {trace && showVerdict && (
          <VerdictReasons
            explanations={explanations}
            total={trace.outcome.messages.length}
            headlines={summary !== undefined}
          />
        )}
        {statuses.length > 0 && (
          <ul className="compare-faults" aria-label={`Planned losses under ${label}`}>
            {statuses.map((s, i) => (
              <li key={i} data-testid="compare.fault" data-status={s.status}>
                <span className={`compare-fate is-${s.status}`}>{FATE[s.status]}</span>{" "}
                {describeFault(s.fault, trace?.scenario.subscriber !== undefined)}
                {s.status === "not-in-setup" && <span className="muted">: {s.reason}</span>}
              </li>
            ))}
          </ul>
        )}
        <p className="compare-narration" aria-hidden="true" data-testid="compare.narration">
          {narration || "\u00a0"}
        </p>
      </details>
      {trace && diagram ? (
        <div className="diagram-scroll compare-scroll">
          <div className="compare-zoom" style={scale === 1 ? undefined : { zoom: scale }}>
            {onToggle ? (
              <SequenceDiagram
                layout={diagram}
                time={time}
                selected={null}
                onToggle={(index) => onToggle(trace, index)}
                onSelect={() => {}}
                title={`Sequence diagram under ${label}: time flows down; each arrow is a packet`}
              />
            ) : (
              <SequenceDiagram
                still
                layout={diagram}
                time={time}
                title={`Sequence diagram under ${label}: time flows down; each arrow is a packet`}
              />
            )}
          </div>
        </div>
      ) : (
        <div />
      )}
    </article>
  );
});
