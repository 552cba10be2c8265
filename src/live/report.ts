/** liveReport: the real trace and its differences from the model, as text for the lab's CLI. Pure. */
import type { Trace } from "../sim/types.ts";
import type { Difference } from "./difference.ts";
import type { RealTrace, RealTraceEvent } from "./realTrace.ts";

export type LiveReportFormat = "json" | "md";

/** A URL without any "user:password@": a report is shared, credentials never are. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, "$1");
}

/** The real trace as reported: the broker's URL without credentials, whatever the caller passed. */
function shareable(real: RealTrace): RealTrace {
  return real.broker
    ? { ...real, broker: { ...real.broker, url: withoutCredentials(real.broker.url) } }
    : real;
}

/** Markdown table cells must not break the table. */
function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function flags(e: Extract<RealTraceEvent, { type: "packet" }>): string {
  const parts: string[] = [];
  if (e.qos !== undefined) parts.push(`QoS ${e.qos}`);
  if (e.dup) parts.push("DUP");
  if (e.retain) parts.push("RETAIN");
  if (e.reasonCode !== undefined) parts.push(`reason 0x${e.reasonCode.toString(16).padStart(2, "0")}`);
  if (e.sessionPresent !== undefined) parts.push(`Session Present ${e.sessionPresent ? 1 : 0}`);
  return parts.join(", ");
}

/** One row per real event: t, hop, who, what, message, packet id, details, bytes. */
function row(e: RealTraceEvent, i: number): string {
  const ms = String(Math.round(e.t));
  if (e.type === "packet") {
    // Hold mode: the relay held the packet (the connection stayed up), or it waited behind one.
    const what = e.cut
      ? `${e.packet} ${e.held ? "⏸ held" : "✂ cut"}`
      : e.held
        ? `${e.packet} ⏸ behind`
        : e.packet;
    const cols = [
      i,
      ms,
      e.hop,
      `${e.from} → ${e.to}`,
      what,
      e.message ?? "",
      e.packetId ?? "",
      flags(e),
      e.bytes,
    ];
    return `| ${cols.map((c) => cell(String(c))).join(" | ")} |`;
  }
  const hop = "hop" in e ? e.hop : "";
  const who = "at" in e ? e.at : "";
  const message = "message" in e ? String(e.message) : "";
  return `| ${[i, ms, hop, who, e.type, message, "", "", ""].map((c) => cell(String(c))).join(" | ")} |`;
}

function markdown(model: Trace, real: RealTrace, diff: Difference[]): string {
  const s = model.scenario;
  const lines = [
    diff.length === 0
      ? "# Live run: the real broker agrees with the model"
      : `# Live run: ${diff.length} difference${diff.length === 1 ? "" : "s"} from the model`,
    "",
    `MQTT ${s.protocol}, QoS ${s.publishQos}${s.subscriber ? `, subscriber at QoS ${s.subscriber.qos}` : ", one hop"}, ` +
      `publisher session ${s.session.publisher}${s.subscriber ? `, subscriber session ${s.session.subscriber}` : ""}, ` +
      `${s.faults.length} fault${s.faults.length === 1 ? "" : "s"}.`,
  ];
  if (real.broker) lines.push("", `Broker: ${real.broker.name} (${real.broker.url}).`);
  lines.push("", "## Differences", "");
  if (diff.length === 0)
    lines.push("None: every packet, delivery and hand-on point is the model's, timing aside.");
  diff.forEach((d, i) => lines.push(`${i + 1}. **${d.kind}**: ${d.sentence}`));
  lines.push(
    "",
    "## Real trace",
    "",
    "| # | t (ms) | hop | who | what | message | id | details | bytes |",
    "| -: | -: | --- | --- | --- | -: | -: | --- | -: |",
    ...real.events.map(row),
    "",
  );
  return lines.join("\n");
}

/**
 * The report of one live run: `json` is `{ agree, differences, real, model }` (the model's outcome
 * and unused faults, not its whole trace), `md` a heading, the differences' sentences and the real
 * trace as a table. A broker URL's credentials, if any, are left out. `agree` is true exactly
 * when `diff` is empty. Pure.
 */
export function liveReport(
  model: Trace,
  given: RealTrace,
  diff: Difference[],
  format: LiveReportFormat,
): string {
  const real = shareable(given);
  if (format === "md") return markdown(model, real, diff);
  const report = {
    agree: diff.length === 0,
    differences: diff,
    real,
    model: { outcome: model.outcome, unusedFaults: model.unusedFaults },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
