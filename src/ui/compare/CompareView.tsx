/**
 * Compare mode: two or three set-ups side by side under the same fault plan (sim/compare.ts), one
 * playback bar driving every column on shared simulated time (sharedTimeline.ts), a verdict each.
 * Loaded lazily by the page and the embed when first used. A packet dropped or restored in any
 * column changes the one plan, so every column runs it again.
 */
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from "react";
import { layout as layoutOf } from "../../diagram/layout.ts";
import { readCompare, writeCompare } from "../../share/compareParam.ts";
import { profileName } from "../../share/profileNames.ts";
import { COMPARE_COLUMNS, compareLabel, scenarioFor, type CompareSetup } from "../../sim/compare.ts";
import { toggleDrop } from "../../sim/interventions.ts";
import { instantAt, stepsOf } from "../../sim/steps.ts";
import { narrateAt } from "../../explain/narrate.ts";
import type { Scenario, Trace } from "../../sim/types.ts";
import { PlaybackBar } from "../PlaybackBar.tsx";
import { timelineOf, type PlaybackOptions } from "../playbackModel.ts";
import type { Engine } from "../useEngine.ts";
import { usePlayback } from "../usePlayback.ts";
import type { KeyTarget } from "../usePlaybackKeys.ts";
import { useWidth } from "../useWidth.ts";
import { CompareColumn, type ColumnRun } from "./CompareColumn.tsx";
import { sharedTimeline } from "./sharedTimeline.ts";
import "./compare.css";

// Presentation mode's keys, full screen and verdict reveal, as the single diagram has them.
const PresentMode = lazy(() => import("../present/PresentMode.tsx"));

/** Narrower than this, columns stack (a phone): each diagram then has the whole width. */
const MIN_COLUMN_PX = 320;
/**
 * The narrowest layout asked for: the layout wraps its texts down to 320 px and widens the drawing
 * itself when they need more (the column then scrolls sideways).
 */
const MIN_LAYOUT_PX = { oneHop: 320, twoHops: 320 } as const;
/** The grid's gap and a column's padding and border, in px (compare.css). */
const GAP_PX = 16;
const COLUMN_INSET_PX = 2 * 12 + 2;

export interface CompareViewProps {
  /** The scenario on screen: its fault plan is the one every column runs. */
  scenario: Scenario;
  engine: Engine;
  /** The columns as the `compare` parameter writes them (`0,1,2`); read here, bad parts named. */
  columns: string;
  /** The columns changed (always a good `compare` value). */
  onColumns(columns: string): void;
  /** A packet dropped or restored in a column: the scenario with the new plan. */
  onScenario?: ((scenario: Scenario) => void) | undefined;
  /** Back to the single diagram (the scenario stays). Absent: no such button (the embed). */
  onLeave?: (() => void) | undefined;
  /** What was wrong with `columns`, once per value (for the page's notice). */
  onNotices?: ((notices: string[]) => void) | undefined;
  /** Where the playback keys apply; the window by default. */
  keys?: KeyTarget | undefined;
  /** Start, autoplay, loop and a locked step range, as the single diagram takes them. */
  playback?: Omit<PlaybackOptions, "waitForView"> | undefined;
  /** Pause while this element is out of view (the embed). */
  viewRef?: RefObject<Element | null> | undefined;
  /** The columns' set-up controls, Add and Remove shown (default true; the embed's controls=full). */
  editable?: boolean | undefined;
  /** Hide the playback bar (the embed's controls=none). */
  noPlaybackBar?: boolean | undefined;
  /**
   * Why a column's trace is too big to draw, or null (the page's diagram/drawLimit.ts, passed in so
   * that this lazy chunk does not split that module out of the page's first script).
   */
  tooLarge?: ((trace: Trace) => string | null) | undefined;
  /** Verdicts shown (presentation mode may hold them back until revealed). Default true. */
  showVerdicts?: boolean | undefined;
  /** Presentation mode: larger type; `fontScale` zooms the diagrams (default 1.5 when presenting). */
  presenting?: boolean | undefined;
  fontScale?: number | undefined;
  /** Whether it offers its own Present button (default true; a lesson presents the whole step). */
  canPresent?: boolean | undefined;
}

function runColumn(
  engine: Engine,
  scenario: Scenario,
  setup: CompareSetup,
  tooLarge: CompareViewProps["tooLarge"],
): Omit<ColumnRun, "diagram"> {
  try {
    const trace = engine(scenarioFor(scenario, setup));
    const why = tooLarge?.(trace) ?? null;
    if (why !== null) return { setup, trace: null, problem: why, steps: [] };
    return { setup, trace, problem: null, steps: stepsOf(trace) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { setup, trace: null, problem: `The simulator failed on this set-up: ${why}`, steps: [] };
  }
}

/** The session choice a column starts with, in words: the scenario's own sessions. */
function ownSessionOf(scenario: Scenario): string {
  const { publisher, subscriber } = scenario.session;
  return publisher === subscriber ? publisher : "mixed";
}

export default function CompareView(props: CompareViewProps) {
  const { scenario, engine, columns, onColumns, onScenario, onLeave, onNotices, tooLarge } = props;
  const read = useMemo(() => readCompare("compare", columns), [columns]);
  const { setups } = read;
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (reported.current === columns) return;
    reported.current = columns;
    if (read.notices.length > 0) onNotices?.(read.notices);
  }, [columns, read, onNotices]);

  // Presenting: from the link (present=1) or the Present button; the verdicts wait to be revealed.
  const [presenting, setPresenting] = useState(props.presenting ?? false);
  const [revealed, setRevealed] = useState(false);
  const rootRef = useRef<HTMLElement>(null);
  const scale = props.fontScale ?? (presenting ? 1.5 : 1);
  const gridRef = useRef<HTMLDivElement>(null);
  const width = useWidth(gridRef, 960);
  const perRow = width / setups.length >= MIN_COLUMN_PX ? setups.length : 1;
  const columnPx = (width - GAP_PX * (perRow - 1)) / perRow - COLUMN_INSET_PX;
  const minimum = scenario.subscriber ? MIN_LAYOUT_PX.twoHops : MIN_LAYOUT_PX.oneHop;
  const layoutWidth = Math.max(minimum, Math.floor(columnPx / scale));

  const traces = useMemo(
    () => setups.map((setup) => runColumn(engine, scenario, setup, tooLarge)),
    [engine, scenario, setups, tooLarge],
  );
  const runs: ColumnRun[] = useMemo(
    () => traces.map((r) => ({ ...r, diagram: r.trace ? layoutOf(r.trace, { width: layoutWidth }) : null })),
    [traces, layoutWidth],
  );
  const timeline = useMemo(() => {
    const drawn = runs.filter((r) => r.diagram !== null);
    const lines = drawn.map((r) => timelineOf(r.diagram as NonNullable<ColumnRun["diagram"]>, r.steps));
    if (lines.length === 0) return { duration: 0, stepTimes: [], yOf: () => 0, tOf: () => 0 };
    const breaks = drawn.flatMap((r) => r.diagram?.gaps.flatMap((g) => [g.t0, g.t1]) ?? []);
    return sharedTimeline(lines, breaks);
  }, [runs]);
  const playback = usePlayback(timeline, {
    ...props.playback,
    viewRef: props.viewRef,
    keys: props.keys === undefined ? "window" : props.keys,
  });

  const setColumn = useCallback(
    (position: number, setup: CompareSetup) =>
      onColumns(writeCompare(setups.map((s, i) => (i === position - 1 ? setup : s)))),
    [setups, onColumns],
  );
  const removeColumn = useCallback(
    (position: number) => onColumns(writeCompare(setups.filter((_, i) => i !== position - 1))),
    [setups, onColumns],
  );
  const addColumn = () => {
    const unused = [0, 1, 2].find((q) => !setups.some((s) => s.qos === q)) ?? 2;
    onColumns(writeCompare([...setups, { qos: unused as CompareSetup["qos"] }]));
  };
  const toggle = useMemo(
    () =>
      onScenario
        ? (trace: Trace, index: number) => {
            const event = trace.events[index];
            if (event?.type !== "packet") return;
            // The column's scenario carries the shared plan: its new plan is everyone's.
            onScenario({ ...scenario, faults: toggleDrop(trace.scenario, event).faults });
          }
        : null,
    [onScenario, scenario],
  );
  const headingId = useId();
  const ownSession = ownSessionOf(scenario);
  const ownBroker = scenario.profiles ? profileName(scenario.profiles.broker) : "Specification";
  const editable = props.editable ?? true;
  const spoken = runs
    .map((r) => (r.trace && playback.stepIndex >= 0 ? sentenceFor(r, playback.time) : ""))
    .filter((s) => s !== "")
    .join(" ");

  const showVerdicts = presenting ? revealed : (props.showVerdicts ?? true);
  // Each column's why, planned losses and narration: one disclosure state, so the columns stay level.
  const [moreOpen, setMoreOpen] = useState(false);

  return (
    <section
      ref={rootRef}
      className="compare"
      aria-labelledby={headingId}
      data-testid="compare"
      data-presenting={presenting ? "true" : undefined}
      style={scale === 1 ? undefined : { fontSize: `${scale}rem` }}
    >
      <h2 id={headingId} className="visually-hidden">
        Compare set-ups
      </h2>
      {presenting && (
        <Suspense fallback={null}>
          <PresentMode
            target={rootRef}
            scroller={gridRef}
            playback={playback}
            playhead={timeline.duration > 0 ? playback.time / timeline.duration : 0}
            revealed={revealed}
            onReveal={() => setRevealed((r) => !r)}
            onExit={() => setPresenting(false)}
          />
        </Suspense>
      )}
      <div className="compare-bar">
        <p className="compare-intro">
          The same planned losses under {setups.length} set-ups:{" "}
          {setups.map((s) => compareLabel(s, profileName)).join(", ")}.
        </p>
        {editable && setups.length < COMPARE_COLUMNS.max && (
          <button type="button" data-testid="compare.add" onClick={addColumn}>
            Add a set-up
          </button>
        )}
        {!presenting && props.canPresent !== false && (
          <button
            type="button"
            data-testid="compare.present"
            onClick={() => {
              setRevealed(false);
              setPresenting(true);
            }}
          >
            Present
          </button>
        )}
        {onLeave && (
          <button type="button" data-testid="compare.leave" onClick={onLeave}>
            Leave compare
          </button>
        )}
      </div>
      {!props.noPlaybackBar && <PlaybackBar playback={playback} />}
      <p className="visually-hidden" aria-live="polite" data-testid="compare.spoken">
        {spoken}
      </p>
      <div
        className="compare-columns"
        ref={gridRef}
        style={{ gridTemplateColumns: `repeat(${perRow}, minmax(0, 1fr))` }}
      >
        {runs.map((run, i) => (
          <CompareColumn
            key={i}
            run={run}
            position={i + 1}
            time={playback.time}
            ownSession={ownSession}
            ownBroker={ownBroker}
            showVerdict={showVerdicts}
            scale={scale}
            onSetup={editable ? setColumn : null}
            onRemove={editable && setups.length > COMPARE_COLUMNS.min ? removeColumn : null}
            onToggle={toggle}
            moreOpen={moreOpen}
            onMoreOpen={setMoreOpen}
          />
        ))}
      </div>
    </section>
  );
}

/**
 * What a column tells at the shared instant, prefixed with its set-up, for the one live region;
 * nothing when that column has no step at this very instant (another column has).
 */
function sentenceFor(run: ColumnRun, time: number): string {
  if (!run.trace) return "";
  const { first, end } = instantAt(run.steps, time);
  const at = run.steps[end - 1]?.t;
  if (first === end || at === undefined || Math.abs(at - time) > 1e-6) return "";
  return `${compareLabel(run.setup, profileName)}: ${narrateAt(run.trace, run.steps, time).join(" ")}`;
}
