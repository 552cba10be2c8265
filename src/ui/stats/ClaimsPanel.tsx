/** The claims that circulate about QoS, checked against the simulation. */
import { useId } from "react";
import type { ClaimCheck } from "../../stats/claim.ts";
import type { Scenario } from "../../sim/types.ts";
import { claimsCsv } from "../../stats/export.ts";
import { download } from "../explore/download.ts";
import { JobControls } from "../explore/JobControls.tsx";
import { useJob } from "../useJob.ts";
import { linkOf } from "./RandomLossPanel.tsx";

export function ClaimsTable({ rows, testId }: { rows: readonly ClaimCheck[]; testId: string }) {
  return (
    <div className="table-scroll">
      <table className="matrix-table claims" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Expected</th>
            <th scope="col">Measured</th>
            <th scope="col">Holds?</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.claim}</th>
              <td>{r.expected}</td>
              <td>{r.measured}</td>
              <td className={!r.checkable ? "" : r.holds ? "is-once-text" : "is-lost"}>
                {!r.checkable ? "cannot say" : r.holds ? "yes" : "no"}
              </td>
              <td>{r.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ClaimsPanel({ scenario }: { scenario: Scenario }) {
  const id = useId();
  const job = useJob<"claims">();
  const report = job.state.status === "done" ? job.state.result : null;
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="stats.claims">
      <h2 id={`${id}-h`}>Claims that circulate, checked</h2>
      <p className="panel-intro">
        Packets per message, the "5 % lost / 5 % duplicates / none" comparison and its latencies, tested on
        the current set-up's link model.
      </p>
      <div className="job-bar">
        <JobControls
          state={job.state}
          startLabel="Check the claims"
          onStart={() =>
            job.start({ kind: "claims", input: { ...linkOf(scenario), messages: 2000, seed: 1 } })
          }
          onCancel={job.cancel}
          testId="stats.claims"
        />
        {report && (
          <button
            type="button"
            onClick={() => download("qos-claims.csv", claimsCsv(report.rows), "text/csv")}
          >
            Download CSV
          </button>
        )}
      </div>
      {report && report.duplicateLossRate !== null && (
        <p className="invariant">
          QoS 1 shows 5 % duplicates at a loss of about {(report.duplicateLossRate * 100).toFixed(1)} % per
          transmission on this link.
        </p>
      )}
      {report && <ClaimsTable rows={report.rows} testId="stats.claims.table" />}
    </section>
  );
}
