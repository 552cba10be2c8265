/** The whole configuration space compared over every fault plan up to k: the design-review table. */
import { useEffect, useId, useMemo, useState } from "react";
import {
  brokerSummary,
  guaranteeOf,
  toCsv,
  toMarkdown,
  type BrokerProfile,
  type MatrixRow,
} from "../../explore/matrix.ts";
import { profileName } from "../../share/profileNames.ts";
import { BROKER_PROFILE_IDS } from "../../share/profileText.ts";
import { useJob } from "../useJob.ts";
import { DropsSelect } from "./DropsSelect.tsx";
import { JobControls } from "./JobControls.tsx";
import { download } from "./download.ts";
import { loadMatrix, saveMatrix } from "./matrixStore.ts";
import { columnsFor, DEFAULT_VIEW, nextSort, viewRows, type MatrixViewState } from "./matrixView.ts";
import "./matrix.css";

export function MatrixPanel() {
  const kId = useId();
  const filterId = useId();
  // Back / Forward unmount the view: what was computed and how it was shown come back from storage.
  const [stored] = useState(loadMatrix);
  const [k, setK] = useState(stored?.k ?? 1);
  const [view, setView] = useState<MatrixViewState>(stored?.view ?? DEFAULT_VIEW);
  // Broker profiles to compare (none: the specification alone, unnamed, as the matrix always was).
  const [brokers, setBrokers] = useState<readonly BrokerProfile[]>([]);
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
      <fieldset className="matrix-brokers" data-testid="matrix.brokers">
        <legend>Brokers (each set-up once per broker; none: the specification alone)</legend>
        {BROKER_PROFILE_IDS.map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={brokers.includes(id)}
              data-testid={`matrix.broker.${id}`}
              onChange={(e) =>
                setBrokers(
                  BROKER_PROFILE_IDS.filter((b) => (b === id ? e.target.checked : brokers.includes(b))),
                )
              }
            />{" "}
            {profileName(id)}
          </label>
        ))}
      </fieldset>
      <div className="job-bar">
        <DropsSelect id={kId} value={k} onChange={setK} testId="matrix.k" />
        <JobControls
          state={job.state}
          startLabel="Compute matrix"
          onStart={() =>
            job.start({ kind: "matrix", maxDrops: k, ...(brokers.length > 0 ? { profiles: brokers } : {}) })
          }
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
              onClick={() => download("qos-matrix.md", toMarkdown(rows, profileName), "text/markdown")}
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
          <BrokerSummaryList rows={rows} />
          <MatrixTable rows={shown} columns={columnsFor(rows)} view={view} onView={setView} />
        </>
      )}
    </section>
  );
}

/** Which brokers kept QoS 2 end to end exactly once (nothing when no broker profile was asked for). */
function BrokerSummaryList({ rows }: { rows: readonly MatrixRow[] }) {
  const summary = brokerSummary(rows);
  if (summary.length === 0) return null;
  return (
    <div className="matrix-summary" data-testid="matrix.summary">
      <p>QoS 2 end to end, exactly once in every plan:</p>
      <ul>
        {summary.map((b) => {
          const kept = b.qos2 > 0 && b.exactlyOnce === b.qos2;
          return (
            <li key={b.profile} data-profile={b.profile} data-kept={kept}>
              <strong>{profileName(b.profile)}</strong>: {kept ? "yes" : "no"}, {b.exactlyOnce} of {b.qos2}{" "}
              QoS 2 set-ups
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function MatrixTable({
  rows,
  columns,
  view,
  onView,
}: {
  rows: MatrixRow[];
  columns: ReturnType<typeof columnsFor>;
  view: MatrixViewState;
  onView(view: MatrixViewState): void;
}) {
  return (
    <div className="table-scroll">
      <table className="matrix-table" data-testid="matrix.table">
        <caption className="visually-hidden">Every configuration; the column buttons sort the table.</caption>
        <thead>
          <tr>
            {columns.map((c) => {
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
            <tr key={`${r.profile} ${r.qos} ${r.subscriptionQos} ${r.retransmit} ${r.session} ${r.method}`}>
              {columns[0]?.id === "broker" && (
                <td>{r.profile === undefined ? "–" : profileName(r.profile)}</td>
              )}
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
