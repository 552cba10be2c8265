/**
 * The comparison matrix: every configuration of the set-up space explored with up to k lost
 * transmissions, and what came of it, for a design review. Pure; reports progress and can be
 * stopped between plans, like `explore`.
 *
 * The space: QoS 0/1/2 × one hop, or two hops with subscription QoS 0/1/2 × persistent/clean
 * sessions (both clients alike) × resend on reconnect (MQTT 5.0) / on timeout (MQTT 3.1.1, the
 * only version that allows it) × QoS 2 Method A/B (broker and subscriber alike). The method is a
 * choice only where a QoS 2 receiver exists: elsewhere Method A and B are the same set-up, so the
 * cell is listed once, with no method (`method: null`, `qos2Receiver: false`): 64 cells, not 96
 * with 32 "n/a" twins.
 *
 * Broker profiles (issue 14), when asked for: every cell once per broker profile named, the
 * clients the specification ("which brokers keep QoS 2 exactly once under these losses?"). Asked
 * for none, the matrix is as it always was: no profile in any scenario, row or export.
 */
import type { BROKER_PROFILE_IDS } from "../protocol/profileIds.ts";
import { hopQos } from "../explain/words.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import type { Protocol, Qos, Retransmit, Scenario, SessionKind } from "../sim/types.ts";
import { countVerdicts, traceStream, type VerdictCounts } from "./enumerate.ts";

export { explorationToMarkdown } from "./markdown.ts";

export type BrokerProfile = (typeof BROKER_PROFILE_IDS)[number];

/** One cell of the matrix, before it is explored. */
export interface MatrixSetup {
  /** The broker's implementation profile; absent when the matrix was asked for none. */
  profile?: BrokerProfile;
  qos: Qos;
  hops: 1 | 2;
  /** The granted subscription QoS with two hops; null with one. */
  subscriptionQos: Qos | null;
  session: SessionKind;
  retransmit: Retransmit;
  protocol: Protocol;
  /** The QoS 2 method of both receivers; null where no receiver runs QoS 2 (it would change nothing). */
  method: "A" | "B" | null;
  /** Whether any receiver runs QoS 2; without one, Method A and B are the same set-up. */
  qos2Receiver: boolean;
  scenario: Scenario;
}

/** One explored cell: counts over every (plan, message) pair, the default single message. */
export interface MatrixRow extends Omit<MatrixSetup, "scenario">, VerdictCounts {
  maxDrops: number;
  plans: number;
}

export interface MatrixProgress {
  /** Cells finished so far, and in all. */
  cells: number;
  totalCells: number;
  /** Plans run so far, over all cells. */
  plans: number;
}

export interface MatrixOptions {
  onProgress?(progress: MatrixProgress): void;
  /** Asked before each plan; true stops: the rows of the cells finished so far are returned. */
  shouldStop?(): boolean;
  /** Broker profiles to run every cell under (each a row); none: the specification, unnamed. */
  profiles?: readonly BrokerProfile[] | undefined;
}

const QOS: readonly Qos[] = [0, 1, 2];
const HOPS: readonly (Qos | null)[] = [null, 0, 1, 2];
const SESSIONS: readonly SessionKind[] = ["persistent", "clean"];
const RESENDS: readonly { retransmit: Retransmit; protocol: Protocol }[] = [
  { retransmit: "on-reconnect", protocol: "5.0" },
  { retransmit: "on-timeout", protocol: "3.1.1" },
];
const METHODS = [
  { method: "A", delivery: "on-pubrel" },
  { method: "B", delivery: "on-publish" },
] as const;

/**
 * Every cell of the matrix, in table order (64 of them: each set-up once), each once per broker
 * profile when `profiles` names some (then a cell's rows follow each other, in the order given). Pure.
 */
export function matrixSetups(profiles: readonly BrokerProfile[] = []): MatrixSetup[] {
  const cells = specSetups();
  if (profiles.length === 0) return cells;
  return cells.flatMap((cell) =>
    profiles.map((profile) => ({
      ...cell,
      profile,
      scenario: parseScenarioOrThrow({ ...cell.scenario, profiles: { broker: profile } }),
    })),
  );
}

function specSetups(): MatrixSetup[] {
  const setups: MatrixSetup[] = [];
  for (const qos of QOS)
    for (const subscriptionQos of HOPS)
      for (const { retransmit, protocol } of RESENDS)
        for (const session of SESSIONS) {
          const base = {
            protocol,
            retransmit,
            session,
            publishQos: qos,
            ...(subscriptionQos === null ? {} : { subscriber: { qos: subscriptionQos } }),
          };
          const plain = parseScenarioOrThrow(base);
          const qos2Receiver =
            qos === 2 || (subscriptionQos !== null && hopQos(plain, "broker-subscriber") === 2);
          const hops: 1 | 2 = subscriptionQos === null ? 1 : 2;
          const cell = { qos, hops, subscriptionQos, session, retransmit, protocol };
          if (!qos2Receiver) {
            setups.push({ ...cell, method: null, qos2Receiver, scenario: plain });
            continue;
          }
          for (const { method, delivery } of METHODS) {
            const scenario = parseScenarioOrThrow({
              ...base,
              qos2Delivery: { broker: delivery, subscriber: delivery },
            });
            setups.push({ ...cell, method, qos2Receiver, scenario });
          }
        }
  return setups;
}

/**
 * Explores every cell with up to `maxDrops` lost transmissions. Stopped early, it returns the rows
 * of the cells finished (compare with `matrixSetups().length`). Throws RangeError for maxDrops
 * outside 1..MAX_DROPS.
 */
export function matrixRows(maxDrops: number, options: MatrixOptions = {}): MatrixRow[] {
  const setups = matrixSetups(options.profiles);
  const rows: MatrixRow[] = [];
  let plans = 0;
  for (const { scenario, ...setup } of setups) {
    const counts = { plans: 0, lost: 0, once: 0, duplicated: 0 };
    for (const { trace } of traceStream(scenario, maxDrops)) {
      if (options.shouldStop?.() === true) return rows;
      countVerdicts(trace.outcome, counts);
      counts.plans++;
      plans++;
      options.onProgress?.({ cells: rows.length, totalCells: setups.length, plans });
    }
    rows.push({ ...setup, maxDrops, ...counts });
    options.onProgress?.({ cells: rows.length, totalCells: setups.length, plans });
  }
  return rows;
}

export type Guarantee = "exactly once" | "at least once" | "at most once" | "neither";

/** What the counts show: no loss and no duplicate is "exactly once", and so on. Pure. */
export function guaranteeOf(counts: VerdictCounts): Guarantee {
  if (counts.lost === 0) return counts.duplicated === 0 ? "exactly once" : "at least once";
  return counts.duplicated === 0 ? "at most once" : "neither";
}

const CSV_COLUMNS = [
  "qos",
  "hops",
  "subscription_qos",
  "session",
  "retransmit",
  "protocol",
  "qos2_method",
  "qos2_receiver",
  "max_drops",
  "plans",
  "lost",
  "once",
  "duplicated",
  "guarantee",
] as const;

/** The rows as CSV (RFC 4180, header first, CRLF line ends); every row listed. Pure. */
export function toCsv(rows: readonly MatrixRow[]): string {
  // The broker column only when profiles were asked for: the matrix without them reads as before.
  const byBroker = rows.some((r) => r.profile !== undefined);
  const lines = [(byBroker ? ["broker", ...CSV_COLUMNS] : CSV_COLUMNS).join(",")];
  for (const r of rows) {
    const cells = [
      ...(byBroker ? [r.profile ?? ""] : []),
      r.qos,
      r.hops,
      r.subscriptionQos ?? "",
      r.session,
      r.retransmit,
      r.protocol,
      r.method ?? "",
      r.qos2Receiver,
      r.maxDrops,
      r.plans,
      r.lost,
      r.once,
      r.duplicated,
      guaranteeOf(r),
    ];
    // No value here contains a comma or a quote, so none needs quoting.
    lines.push(cells.join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** A QoS 2 set-up end to end: QoS 2 published and, with two hops, a QoS 2 subscription. */
export function isQos2EndToEnd(r: Pick<MatrixRow, "qos" | "subscriptionQos">): boolean {
  return r.qos === 2 && (r.subscriptionQos === null || r.subscriptionQos === 2);
}

/** How one broker profile fared over the matrix's QoS 2 set-ups end to end. */
export interface BrokerSummary {
  profile: BrokerProfile;
  /** QoS 2 set-ups (end to end) in the rows, and how many of them were exactly once. */
  qos2: number;
  exactlyOnce: number;
}

/**
 * Which brokers keep QoS 2 exactly once: per broker profile in the rows (in their order), its
 * QoS 2 set-ups end to end and how many of them were exactly once over every plan. Pure.
 */
export function brokerSummary(rows: readonly MatrixRow[]): BrokerSummary[] {
  const byProfile = new Map<BrokerProfile, BrokerSummary>();
  for (const r of rows) {
    if (r.profile === undefined) continue;
    const s = byProfile.get(r.profile) ?? { profile: r.profile, qos2: 0, exactlyOnce: 0 };
    byProfile.set(r.profile, s);
    if (!isQos2EndToEnd(r)) continue;
    s.qos2++;
    if (guaranteeOf(r) === "exactly once") s.exactlyOnce++;
  }
  return [...byProfile.values()];
}

/**
 * The rows as a Markdown table to paste into a design review, with a sentence saying what the
 * numbers count. A set-up with no QoS 2 receiver has no method: a dash, footnoted. With broker
 * profiles, a Broker column (`nameOf` gives each profile's name; by default its id) and, above the
 * table, which brokers kept QoS 2 exactly once. Pure.
 */
export function toMarkdown(
  rows: readonly MatrixRow[],
  nameOf: (profile: BrokerProfile) => string = (id) => id,
): string {
  const k = rows[0]?.maxDrops ?? 0;
  const byBroker = rows.some((r) => r.profile !== undefined);
  const header =
    (byBroker ? "| Broker " : "") +
    "| Published QoS | Hops | Subscription QoS | Sessions | Resend | QoS 2 method | Plans | Lost | Once | Duplicated | Guarantee |";
  const rule = `${byBroker ? "|---" : ""}|---:|---:|---:|---|---|---|---:|---:|---:|---:|---|`;
  const lines = [
    `Every plan of up to ${k} lost transmission${k === 1 ? "" : "s"} (one message; Lost / Once / ` +
      "Duplicated count the plans in which the application processed it 0, 1 or 2+ times).",
    "",
  ];
  if (byBroker) {
    lines.push("QoS 2 end to end, exactly once in every plan:", "");
    for (const b of brokerSummary(rows)) {
      const all = b.qos2 > 0 && b.exactlyOnce === b.qos2;
      lines.push(
        `- ${nameOf(b.profile)} (\`${b.profile}\`): ${all ? "yes" : "no"}, ${b.exactlyOnce} of ${b.qos2} QoS 2 set-ups`,
      );
    }
    lines.push("");
  }
  lines.push(header, rule);
  for (const r of rows) {
    const resend =
      r.retransmit === "on-reconnect" ? `on reconnect (${r.protocol})` : `on timeout (${r.protocol})`;
    const method = r.method ?? "–\\*";
    const broker = byBroker ? [r.profile === undefined ? "–" : nameOf(r.profile)] : [];
    const cells = [...broker, r.qos, r.hops, r.subscriptionQos ?? "–", r.session, resend, method];
    lines.push(`| ${[...cells, r.plans, r.lost, r.once, r.duplicated, guaranteeOf(r)].join(" | ")} |`);
  }
  if (rows.some((r) => !r.qos2Receiver)) {
    lines.push("", "\\* No QoS 2 receiver in this set-up: the QoS 2 method changes nothing.");
  }
  return `${lines.join("\n")}\n`;
}
