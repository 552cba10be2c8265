/** QoS 0, 1 and 2 side by side under random loss, and the loss curve; run in the worker. */
import { useId, useState } from "react";
import type { Scenario } from "../../sim/types.ts";
import { lossCurveCsv, statisticsCsv } from "../../stats/export.ts";
import { MAX_PROBABILITY, type QosStatistics } from "../../stats/randomLoss.ts";
import { download } from "../explore/download.ts";
import { JobControls } from "../explore/JobControls.tsx";
import { useJob } from "../useJob.ts";
import { BarChart, LineChart } from "./charts.tsx";
import { fixFirst, NumberField, useFieldValidity } from "./NumberField.tsx";

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

/** The statistics input from the page's set-up: hops, session, resend model and timing. */
export function linkOf(scenario: Scenario) {
  return {
    hops: scenario.subscriber ? (2 as const) : (1 as const),
    session: scenario.session,
    retransmit: scenario.retransmit,
    protocol: scenario.protocol,
    latencyMs: scenario.timing.latencyMs,
    timeoutMs: scenario.timing.timeoutMs,
    reconnectDelayMs: scenario.timing.reconnectDelayMs,
    qos2Delivery: scenario.qos2Delivery.broker,
    dedupe: scenario.dedupe,
  };
}

export function RandomLossPanel({ scenario }: { scenario: Scenario }) {
  const id = useId();
  const [p, setP] = useState(0.05);
  const [messages, setMessages] = useState(10_000);
  const [seed, setSeed] = useState(1);
  const compare = useJob<"compare">();
  const curve = useJob<"curve">();
  const link = linkOf(scenario);
  const { invalid, report } = useFieldValidity();
  // The curve sweeps p itself, so only the other two fields hold it up.
  const curveWaitsFor = invalid.filter((name) => name !== "Loss p");
  // The input each run was started with: its figures are labelled with it, not with what the form
  // holds now. While a field is rejected no figure, table or CSV is shown: the form disowns them.
  const [ranP, setRanP] = useState(p);
  const comparing = fixFirst(invalid);
  const curving = fixFirst(curveWaitsFor);
  const results =
    compare.state.status === "done" && comparing === undefined ? compare.state.result.results : null;
  const points = curve.state.status === "done" && curving === undefined ? curve.state.result.points : null;
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="stats.random">
      <h2 id={`${id}-h`}>Under random loss</h2>
      <p className="panel-intro">
        Each transmission is lost with probability p (seeded, so a run repeats exactly), over the current
        set-up:
        {` ${link.hops === 2 ? "two hops" : "one hop"}, ${link.retransmit === "on-reconnect" ? "MQTT as written (a loss breaks the connection)" : "the timer model"}, ${link.session.publisher} session.`}
      </p>
      <div className="job-bar">
        <NumberField
          field="lossPercent"
          value={p * 100}
          onChange={(v) => setP(v / 100)}
          onValidity={report("Loss p")}
          testId="stats.p"
        />
        <NumberField
          field="messages"
          value={messages}
          onChange={setMessages}
          onValidity={report("Messages")}
          testId="stats.messages"
        />
        <NumberField
          field="seed"
          value={seed}
          onChange={setSeed}
          onValidity={report("Seed")}
          testId="stats.seed"
        />
        <JobControls
          state={compare.state}
          startLabel="Run QoS 0, 1, 2"
          onStart={() => {
            setRanP(p);
            compare.start({ kind: "compare", input: { ...link, probability: p, messages, seed } });
          }}
          onCancel={compare.cancel}
          testId="stats.compare"
          blockedBy={comparing}
        />
        {results && (
          <button
            type="button"
            onClick={() => download("qos-statistics.csv", statisticsCsv(results), "text/csv")}
          >
            Download CSV
          </button>
        )}
      </div>
      {results && <ComparisonTable results={results} />}
      {results && (
        <BarChart
          title={`Share of messages by outcome at p = ${pct(ranP)} (${results[0].messages.toLocaleString("en-US")} messages per QoS)`}
          yLabel="share of messages"
          groups={results.map((r) => ({
            label: `QoS ${r.qos}`,
            values: [
              { name: "exactly once", value: r.once.share, className: "is-once" },
              { name: "lost", value: r.lost.share, className: "is-lost" },
              { name: "duplicated", value: r.duplicated.share, className: "is-duplicated" },
            ],
          }))}
        />
      )}
      <div className="job-bar">
        <JobControls
          state={curve.state}
          startLabel={`Loss curve (p = 0 … ${MAX_PROBABILITY * 100} %)`}
          onStart={() =>
            curve.start({ kind: "curve", input: { ...link, messages: Math.min(messages, 5000), seed } })
          }
          onCancel={curve.cancel}
          testId="stats.curve"
          blockedBy={curving}
        />
        {points && (
          <button
            type="button"
            onClick={() => download("qos-loss-curve.csv", lossCurveCsv(points), "text/csv")}
          >
            Download CSV
          </button>
        )}
      </div>
      {points && (
        <LineChart
          title="Losses and duplicates against the loss probability per transmission"
          xLabel="loss probability per transmission p"
          yLabel="share of messages"
          series={[
            {
              name: "QoS 0 lost",
              className: "is-lost",
              points: points.filter((q) => q.qos === 0).map((q) => ({ x: q.probability, y: q.lost })),
            },
            {
              name: "QoS 1 duplicated",
              className: "is-duplicated",
              points: points.filter((q) => q.qos === 1).map((q) => ({ x: q.probability, y: q.duplicated })),
            },
            {
              name: "QoS 2 not exactly once",
              className: "is-once",
              points: points.filter((q) => q.qos === 2).map((q) => ({ x: q.probability, y: 1 - q.once })),
            },
          ]}
        />
      )}
    </section>
  );
}

function ComparisonTable({ results }: { results: readonly QosStatistics[] }) {
  const ms = (v: number | undefined) => (v === undefined ? "—" : `${v.toFixed(0)} ms`);
  return (
    <div className="table-scroll">
      <table className="matrix-table" data-testid="stats.table">
        <thead>
          <tr>
            <th scope="col">QoS</th>
            <th scope="col">Exactly once</th>
            <th scope="col">Lost</th>
            <th scope="col">Duplicated</th>
            <th scope="col">Packets / message</th>
            <th scope="col">Bytes / message</th>
            <th scope="col">Delivery, mean</th>
            <th scope="col">Delivery, 95th pct</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.qos}>
              <th scope="row">QoS {r.qos}</th>
              <td className="num">{pct(r.once.share)}</td>
              <td className={r.lost.count ? "num is-lost" : "num"}>{pct(r.lost.share)}</td>
              <td className={r.duplicated.count ? "num is-duplicated" : "num"}>{pct(r.duplicated.share)}</td>
              <td className="num">{r.packetsPerMessage.toFixed(2)}</td>
              <td className="num">{r.bytesPerMessage.toFixed(1)}</td>
              <td className="num">{ms(r.delivery?.meanMs)}</td>
              <td className="num">{ms(r.delivery?.p95Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
