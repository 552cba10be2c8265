import { useCallback, useEffect, useId, useState } from "react";
import { OutcomeSummary } from "../ui/OutcomeSummary.tsx";
import { ProblemList } from "../ui/ProblemList.tsx";
import { SetupForm } from "../ui/SetupForm.tsx";
import { TraceTable } from "../ui/TraceTable.tsx";
import { PRESETS } from "./presets.ts";
import { runScenario, type RunState } from "./run.ts";
import {
  DEFAULT_SETUP,
  applySetup,
  overlaySetup,
  parseObject,
  setupOf,
  toJsonText,
  type Setup,
} from "./setup.ts";

const INITIAL_PRESET = PRESETS.find((preset) => preset.id === "qos1-puback-lost");
const INITIAL_TEXT = toJsonText(INITIAL_PRESET?.scenario ?? { publishQos: 1 });
/** Hand edits are simulated once typing pauses, so the alert does not flicker on every key. */
const EDIT_DELAY_MS = 300;

export function App() {
  const jsonId = useId();
  const [text, setText] = useState(INITIAL_TEXT);
  const [run, setRun] = useState<RunState>(() => runScenario(INITIAL_TEXT, null));
  const commit = useCallback(
    (next: string) => setRun((prev) => (prev.text === next ? prev : runScenario(next, prev.trace))),
    [],
  );

  useEffect(() => {
    const timer = setTimeout(() => commit(text), EDIT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, commit]);

  const replace = (next: string) => {
    setText(next);
    commit(next);
  };
  const lastGood = run.trace ? setupOf(run.trace.scenario) : DEFAULT_SETUP;
  const setup = run.problems.length > 0 ? overlaySetup(parseObject(run.text), lastGood) : lastGood;
  const onSetupChange = (next: Setup) => {
    const base = parseObject(text) ?? run.trace?.scenario ?? {};
    replace(toJsonText(applySetup({ ...base }, next)));
  };

  return (
    <>
      <header className="page-header">
        <h1>MQTT QoS Lab</h1>
        <p>Pick a QoS, drop a packet, and read what the protocol does on the wire.</p>
      </header>
      <main>
        <section className="setup" aria-labelledby="setup-heading">
          <h2 id="setup-heading">Scenario</h2>
          <div className="presets" role="group" aria-label="Classic cases">
            {PRESETS.map((preset) => (
              <button
                key={preset.id}
                type="button"
                data-testid={`preset.${preset.id}`}
                onClick={() => replace(toJsonText(preset.scenario))}
              >
                {preset.label}
              </button>
            ))}
          </div>
          <div className="setup-grid">
            <SetupForm setup={setup} onChange={onSetupChange} />
            <div className="json-editor">
              <label htmlFor={jsonId}>Scenario JSON</label>
              <textarea
                id={jsonId}
                data-testid="setup.json"
                value={text}
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                rows={16}
                onChange={(event) => setText(event.target.value)}
              />
              <ProblemList problems={run.problems} />
            </div>
          </div>
        </section>
        <section className="trace" aria-labelledby="trace-heading">
          <h2 id="trace-heading">Outcome and trace</h2>
          {run.trace ? (
            <>
              <OutcomeSummary trace={run.trace} />
              <TraceTable trace={run.trace} />
            </>
          ) : (
            <p role="status">No valid scenario yet: fix the problems above to see a trace.</p>
          )}
        </section>
      </main>
    </>
  );
}
