/** An explain step's statistics: src/stats's figures for QoS 0, 1 and 2, as computed, never typed. */
import { grouped, percent } from "../../stats/claim.ts";
import type { Statistics, StatisticsFigure } from "./core.ts";

export function StatisticsTable({
  figure,
  statistics,
}: {
  figure: StatisticsFigure;
  statistics: Statistics;
}) {
  return (
    <div className="table-scroll lesson-statistics">
      <table className="matrix-table" data-testid="lesson.statistics">
        <caption>
          {grouped(statistics.messages)} messages, each transmission lost with probability{" "}
          {statistics.lossPercent} % (seed {statistics.seed}), computed by the simulator
        </caption>
        <thead>
          <tr>
            <th scope="col">QoS</th>
            <th scope="col">Processed exactly once</th>
            <th scope="col">Lost</th>
            <th scope="col">Processed twice or more</th>
            <th scope="col">Packets per message</th>
          </tr>
        </thead>
        <tbody>
          {figure.rows.map((row) => (
            <tr key={row.qos}>
              <th scope="row">QoS {row.qos}</th>
              <td className="num">
                {grouped(row.once.count)} ({percent(row.once.share)})
              </td>
              <td className="num">
                {grouped(row.lost.count)} ({percent(row.lost.share)})
              </td>
              <td className="num">
                {grouped(row.duplicated.count)} ({percent(row.duplicated.share)})
              </td>
              <td className="num">{row.packetsPerMessage.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
