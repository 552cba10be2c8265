/**
 * The Live view (issue 13): the scenario on screen run against a real broker by the lab server
 * (`npm run lab`), its real trace streamed as it is recorded, then drawn beside the model's with
 * every difference named. Loaded lazily by App.tsx when the Live tab is opened. Without the lab
 * server (static build, `npm run dev`, `vite preview`) it says how to start it.
 */
import { useId, useMemo, useState } from "react";
import { modelScenarioFor, type LiveEndpoint } from "../../live/index.ts";
import type { Scenario } from "../../sim/types.ts";
import type { Engine } from "../../ui/useEngine.ts";
import { readEndpoint } from "./endpoint.ts";
import { RunForm } from "./RunForm.tsx";
import { LiveResultView } from "./LiveResultView.tsx";
import { LiveStream } from "./LiveStream.tsx";
import { useLive } from "./useLive.ts";
import "./live.css";

export interface LiveViewProps {
  /** The scenario on screen: the lab's own object, sent as is. */
  scenario: Scenario;
  engine: Engine;
}

export default function LiveView({ scenario, engine }: LiveViewProps) {
  // The meta tag is in the page the lab server served, or not: read once.
  const endpoint = useMemo(() => readEndpoint(document), []);
  return (
    <section className="live" aria-labelledby="live-heading" data-testid="live">
      <h2 id="live-heading">Live: this scenario against a real broker</h2>
      {endpoint === null ? (
        <NeedsServer />
      ) : (
        <Connected endpoint={endpoint} scenario={scenario} engine={engine} />
      )}
    </section>
  );
}

function NeedsServer() {
  return (
    <div className="live-panel" data-testid="live.needs-server">
      <p>
        <strong>Live needs the lab server.</strong> It runs the scenario on screen against a real MQTT broker
        (an embedded Aedes, Mosquitto, or yours by URL) through a fault relay, and this page cannot do that by
        itself.
      </p>
      <p>In a checkout of this project, run</p>
      <pre>
        <code>npm run lab</code>
      </pre>
      <p>then open the address it prints (http://127.0.0.1:5174/?view=live by default).</p>
    </div>
  );
}

function Connected({
  endpoint,
  scenario,
  engine,
}: {
  endpoint: LiveEndpoint;
  scenario: Scenario;
  engine: Engine;
}) {
  const live = useLive(endpoint);
  const { connection, run } = live.state;
  const statusId = useId();
  // The scenario each run was sent with: the model it is compared with, whatever is on screen now.
  const [sent, setSent] = useState<Scenario>(scenario);
  // The run's own scenario (every default filled in, as the server read it) is the model's.
  const model = useMemo(
    () => (run.status === "done" ? engine(modelScenarioFor(run.result.trace.scenario, run.result)) : null),
    [run, engine],
  );

  const status =
    run.status === "running"
      ? `Running against ${run.broker?.name ?? "the broker"}: ${run.events.filter((e) => e.type === "packet").length} packets so far.`
      : run.status === "done"
        ? `Done in ${Math.round(run.result.durationMs)} ms against ${run.result.broker.name}.`
        : run.status === "cancelled"
          ? "Cancelled."
          : run.status === "failed"
            ? "The run failed."
            : connection.status === "open"
              ? "Ready."
              : connection.status === "connecting"
                ? "Connecting to the lab server…"
                : "Not connected.";

  return (
    <>
      {connection.status === "closed" && (
        <div className="live-panel live-closed" role="alert" data-testid="live.closed">
          <p>
            <strong>The connection to the lab server is closed</strong> ({connection.reason}). If you stopped{" "}
            <code>npm run lab</code>, start it again; the page's token changes with each start, so reload the
            page it prints.
          </p>
          <button type="button" onClick={live.reconnect} data-testid="live.reconnect">
            Reconnect
          </button>
        </div>
      )}
      <RunForm
        hello={connection.status === "open" ? connection.hello : null}
        running={run.status === "running"}
        scenario={scenario}
        describedBy={statusId}
        onRun={(request) => {
          setSent(scenario);
          live.run(request);
        }}
        onCancel={live.cancel}
      />
      <p id={statusId} className="live-status" role="status" aria-live="polite" data-testid="live.status">
        {status}
      </p>
      {run.status === "failed" && (
        <div className="live-panel live-failed" role="alert" data-testid="live.failed">
          <p>
            <strong>The run failed</strong>
            {run.field !== null && (
              <>
                {" "}
                at <code data-testid="live.failed-field">{run.field}</code>
              </>
            )}
            : <span data-testid="live.failed-message">{run.message}</span>
          </p>
        </div>
      )}
      {run.status === "running" && (
        <LiveStream
          scenario={sent}
          events={run.events}
          label={`Real packets from ${run.broker?.name ?? "the broker"} so far`}
        />
      )}
      {run.status === "cancelled" && (
        <LiveStream scenario={sent} events={run.events} label="What the cancelled run recorded" />
      )}
      {run.status === "done" && model && (
        <>
          {sent !== scenario && (
            <p className="muted" data-testid="live.stale">
              The scenario on screen changed after this run; Run again to compare it.
            </p>
          )}
          <LiveResultView result={run.result} model={model} />
        </>
      )}
    </>
  );
}
