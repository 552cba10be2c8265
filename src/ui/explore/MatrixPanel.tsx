/** The whole configuration space compared over every fault plan up to k: the design-review table. */
import { useEffect, useId, useMemo, useState } from "react";
import { guaranteeOf, toCsv, toMarkdown, type MatrixRow } from "../../explore/matrix.ts";
import { useJob } from "../useJob.ts";
import { DropsSelect } from "./DropsSelect.tsx";
import { JobControls } from "./JobControls.tsx";
import { download } from "./download.ts";
import { loadMatrix, saveMatrix } from "./matrixStore.ts";
import { COLUMNS, DEFAULT_VIEW, nextSort, viewRows, type MatrixViewState } from "./matrixView.ts";
import "./matrix.css";

export function MatrixPanel() {
  const kId = useId();
  const filterId = useId();
  // Back / Forward unmount the view: what was computed and how it was shown come back from storage.
  const [stored] = useState(loadMatrix);
  const [k, setK] = useState(stored?.k ?? 1);
  const [view, setView] = useState<MatrixViewState>(stored?.view ?? DEFAULT_VIEW);
  const job = useJob<"matrix">();
  const fresh = job.state.status === "done" ? job.state.result : null;
  // A new run replaces the stored rows; until one finishes, the stored ones stand.
  const rows = fresh ?? (job.state.status === "idle" ? (stored?.rows ?? null) : null);
  const rowsK = fresh ? (fresh[0]?.maxDrops ?? k) : (stored?.k ?? k);
  useEffect(() => {
    if (rows) saveMatrix({ k: rowsK, rows, view });
  }, [rows, rowsK, view]);
  const shown = useMemo(() => (rows ? viewRows(rows, view) : null), [rows, view]);
  return (
    <section className="panel matrix" aria-labelledby={`${kId}-h`} data-testid="matrix">
      <h2 id={`${kId}-h`}>Compare every configuration</h2>
      <p className="panel-intro">
        QoS × session × retransmission model × hops (with each subscription QoS) × QoS 2 method (where a QoS 2
        receiver makes it matter), each counted over every plan of up to k lost transmissions.
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
      {rows && shown && (
        <>
          <div className="matrix-filter">
            <input
              id={filterId}
              type="checkbox"
              checked={view.notExactlyOnce}
              onChange={(e) => setView({ ...view, notExactlyOnce: e.target.checked })}
              data-testid="matrix.filter"
            />
            <label htmlFor={filterId}>Only set-ups not exactly once</label>
            <span className="muted" role="status" data-testid="matrix.count">
              {shown.length} of {rows.length} set-ups, k = {rowsK}
            </span>
          </div>
          <MatrixTable rows={shown} view={view} onView={setView} />
        </>
      )}
    </section>
  );
}

function MatrixTable({
  rows,
  view,
  onView,
}: {
  rows: MatrixRow[];
  view: MatrixViewState;
  onView(view: MatrixViewState): void;
}) {
  return (
    <div className="table-scroll">
      <table className="matrix-table" data-testid="matrix.table">
        <caption className="visually-hidden">Every configuration; the column buttons sort the table.</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const sorted = view.sort?.column === c.id ? view.sort.direction : undefined;
              return (
                <th key={c.id} scope="col" aria-sort={sorted} className={c.numeric ? "num" : undefined}>
                  <button
                    type="button"
                    className={`matrix-sort is-${sorted ?? "unsorted"}`}
                    data-testid={`matrix.sort.${c.id}`}
                    onClick={() => onView({ ...view, sort: nextSort(view.sort, c.id) })}
                  >
                    {c.label}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.qos} ${r.subscriptionQos} ${r.retransmit} ${r.session} ${r.method}`}>
              <td className="num">{r.qos}</td>
              <td>{r.hops === 1 ? "1" : `2 (sub QoS ${r.subscriptionQos})`}</td>
              <td>{r.session}</td>
              <td>{r.retransmit === "on-reconnect" ? "on reconnect (5.0)" : "on timeout (3.1.1)"}</td>
              <td>
                {r.method ?? (
                  <span title="No QoS 2 receiver: the method changes nothing">
                    –<span className="visually-hidden"> (no QoS 2 receiver)</span>
                  </span>
                )}
              </td>
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
