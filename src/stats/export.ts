/**
 * CSV export of the statistics, the loss curve, the plant table, the energy table and claim checks:
 * RFC 4180 (CRLF line ends; fields with a comma, quote, CR or LF in double quotes, quotes doubled),
 * a header row naming each column with its unit. Numbers with up to 15 significant digits and "." as
 * decimal point; null (and NaN) as an empty field. Pure.
 */
import type { ClaimCheck } from "./claim.ts";
import type { EnergyTable } from "./energy.ts";
import type { PlantTable } from "./plant.ts";
import type { LossCurvePoint, QosStatistics } from "./randomLoss.ts";

export type CsvValue = string | number | boolean | null;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  const text = typeof value === "number" ? numberText(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** 15 significant digits: every digit a double carries reliably, without binary noise (0.1 + 0.2 → 0.3). */
function numberText(value: number): string {
  if (Number.isNaN(value)) return "";
  return String(Number(value.toPrecision(15)));
}

/** A whole CSV document; every row must have the header's length. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new RangeError(`row ${i + 1}: expected ${header.length} fields; got ${row.length}`);
    }
  }
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** One row per QoS result of runStatistics / compareQos. */
export function statisticsCsv(results: readonly QosStatistics[]): string {
  const header = [
    "QoS",
    "hops",
    "loss probability per transmission",
    "messages simulated",
    "messages requested",
    "stopped",
    "processed exactly once (count)",
    "processed exactly once (share)",
    "lost (count)",
    "lost (share)",
    "duplicated (count)",
    "duplicated (share)",
    "deliveries per message",
    "packets per message",
    "bytes per message (B)",
    "mean time to delivery (ms)",
    "95th percentile time to delivery (ms)",
    "mean time to delivery (one-way latencies)",
    "95th percentile time to delivery (one-way latencies)",
    "mean time to exchange complete (ms)",
    "connection losses (count)",
    "connection losses per message",
    "one-way latency (ms)",
    "publish interval (ms)",
    "messages isolated",
    "seed",
    "chunk (messages)",
  ];
  const rows = results.map((s) => [
    s.qos,
    s.hops,
    s.probability,
    s.messages,
    s.requested,
    s.stopped,
    s.once.count,
    s.once.share,
    s.lost.count,
    s.lost.share,
    s.duplicated.count,
    s.duplicated.share,
    s.deliveriesPerMessage,
    s.packetsPerMessage,
    s.bytesPerMessage,
    s.delivery?.meanMs ?? null,
    s.delivery?.p95Ms ?? null,
    s.delivery?.meanLatencies ?? null,
    s.delivery?.p95Latencies ?? null,
    s.completion?.meanMs ?? null,
    s.connectionLosses,
    s.connectionLossesPerMessage,
    s.latencyMs,
    s.publishIntervalMs,
    s.isolated,
    s.seed,
    s.chunk,
  ]);
  return toCsv(header, rows);
}

/** One row per (probability, QoS) point of lossCurve. */
export function lossCurveCsv(points: readonly LossCurvePoint[]): string {
  const header = [
    "loss probability per transmission",
    "QoS",
    "messages simulated",
    "processed exactly once (share)",
    "lost (share)",
    "duplicated (share)",
    "packets per message",
    "bytes per message (B)",
    "mean time to delivery (ms)",
  ];
  const rows = points.map((p) => [
    p.probability,
    p.qos,
    p.messages,
    p.once,
    p.lost,
    p.duplicated,
    p.packetsPerMessage,
    p.bytesPerMessage,
    p.meanDeliveryMs,
  ]);
  return toCsv(header, rows);
}

/** One row per QoS of plantTable; bytes in B and MB (1 MB = 10^6 bytes). */
export function plantCsv(table: PlantTable): string {
  const header = [
    "QoS",
    "selected",
    "packets per message",
    "PUBLISH size (B)",
    "acknowledgements per message (B)",
    "bytes per message on the wire (B)",
    "messages per hour",
    "packets per hour",
    "bytes per hour on the wire (B)",
    "payload per hour (B)",
    "payload per hour (MB, 10^6 B)",
    "messages per day",
    "packets per day",
    "bytes per day on the wire (B)",
    "payload per day (B)",
  ];
  const rows = table.map((r) => [
    r.qos,
    r.selected,
    r.packetsPerMessage,
    r.publishBytes,
    r.ackBytes,
    r.bytesPerMessage,
    r.perHour.messages,
    r.perHour.packets,
    r.perHour.bytes,
    r.perHour.payloadBytes,
    r.perHour.payloadBytes / 1e6,
    r.perDay.messages,
    r.perDay.packets,
    r.perDay.bytes,
    r.perDay.payloadBytes,
  ]);
  return toCsv(header, rows);
}

/** One row per QoS of radioEnergy. */
export function energyCsv(table: EnergyTable): string {
  const header = [
    "QoS",
    "bytes transmitted per message (B)",
    "transmit time per message (ms)",
    "ack phases per message",
    "ack wait per message (ms)",
    "charge per message (µC)",
    "charge per day (mAh)",
    "energy per message (mJ)",
    "energy per day (J)",
    "ratio to QoS 0",
  ];
  const rows = table.map((r) => [
    r.qos,
    r.txBytes,
    r.txMs,
    r.ackPhases,
    r.waitMs,
    r.chargePerMessageUc,
    r.chargePerDayMah,
    r.energyPerMessageMj,
    r.energyPerDayJ,
    r.ratioToQos0,
  ]);
  return toCsv(header, rows);
}

/** One row per claim check (checkClaims, sizingClaims, checkBatteryClaim). */
export function claimsCsv(rows: readonly ClaimCheck[]): string {
  const header = [
    "id",
    "claim",
    "expected",
    "measured",
    "expected value",
    "measured value",
    "holds",
    "checkable",
    "note",
  ];
  return toCsv(
    header,
    rows.map((r) => [
      r.id,
      r.claim,
      r.expected,
      r.measured,
      r.expectedValue,
      r.measuredValue,
      r.holds,
      r.checkable,
      r.note,
    ]),
  );
}
