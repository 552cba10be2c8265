/** The whole configuration space compared over every fault plan up to k: the design-review table. */
import { useId, useState } from "react";
import { guaranteeOf, toCsv, toMarkdown, type MatrixRow } from "../../explore/matrix.ts";
import { useJob } from "../useJob.ts";
import { DropsSelect } from "./DropsSelect.tsx";
import { JobControls } from "./JobControls.tsx";
import { download } from "./download.ts";

export function MatrixPanel() {
  const kId = useId();
  const [k, setK] = useState(1);
  const job = useJob<"matrix">();
  const rows = job.state.status === "done" ? job.state.result : null;
  return (
    <section className="panel matrix" aria-labelledby={`${kId}-h`} data-testid="matrix">
      <h2 id={`${kId}-h`}>Compare every configuration</h2>
      <p className="panel-intro">
        QoS × session × retransmission model × hops (with each subscription QoS) × QoS 2 method, each counted
        over every plan of up to k lost transmissions.
      </p>
      <div className="job-bar">
        <DropsSelect id={kId} value={k} onChange={setK} testId="matrix.k" />
        <JobControls
          state={job.state}
          startLabel="Compute matrix"
          onStart={() => job.start({ kind: "matrix", maxDrops: k })}
          onCancel={job.cancel}
          testId="matrix"
        />
        {rows && (
          <>
            <button
              type="button"
              onClick={() => download("qos-matrix.csv", toCsv(rows), "text/csv")}
              data-testid="matrix.csv"
            >
              Download CSV
            </button>
            <button
              type="button"
              onClick={() => download("qos-matrix.md", toMarkdown(rows), "text/markdown")}
              data-testid="matrix.md"
            >
              Download Markdown
            </button>
          </>
        )}
      </div>
      {rows && <MatrixTable rows={rows} />}
    </section>
  );
}

function MatrixTable({ rows }: { rows: MatrixRow[] }) {
  return (
    <div className="table-scroll">
      <table className="matrix-table" data-testid="matrix.table">
        <thead>
          <tr>
            <th scope="col">QoS</th>
            <th scope="col">Hops</th>
            <th scope="col">Session</th>
            <th scope="col">Resend</th>
            <th scope="col">QoS 2 method</th>
            <th scope="col">Plans</th>
            <th scope="col">Lost</th>
            <th scope="col">Once</th>
            <th scope="col">Duplicated</th>
            <th scope="col">Guarantee</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{r.qos}</td>
              <td>{r.hops === 1 ? "1" : `2 (sub QoS ${r.subscriptionQos})`}</td>
              <td>{r.session}</td>
              <td>{r.retransmit === "on-reconnect" ? "on reconnect (5.0)" : "on timeout (3.1.1)"}</td>
              <td>{r.qos2Receiver ? r.method : `${r.method} (n/a)`}</td>
              <td className="num">{r.plans}</td>
              <td className={r.lost ? "num is-lost" : "num"}>{r.lost}</td>
              <td className="num">{r.once}</td>
              <td className={r.duplicated ? "num is-duplicated" : "num"}>{r.duplicated}</td>
              <td>{guaranteeOf(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
