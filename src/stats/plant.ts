/**
 * Plant calculator: how many messages, packets and bytes a fleet of devices puts on the
 * publisher → broker hop per hour and per day, for QoS 0, 1 and 2 side by side, with real encoded
 * sizes; and the domain.md sizing example checked against it. Pure.
 *
 * Units: bytes are MQTT bytes on the wire (no TCP/IP, TLS or radio framing); 1 MB = 10^6 bytes.
 * Each subscriber adds the same traffic again on its own hop (at its granted QoS).
 */
import type { Protocol, Qos } from "../sim/types.ts";
import { grouped, num, percent, type ClaimCheck } from "./claim.ts";
import { EXCHANGE, payloadOf, sizeOf } from "./sizes.ts";

export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
/** 1 MB = 10^6 bytes (decimal, as data rates are quoted). */
export const BYTES_PER_MB = 1_000_000;
export const DEFAULT_PLANT_TOPIC = "plant/line1/temperature";

export interface PlantInput {
  devices: number;
  /** Seconds between two publishes of one device. */
  intervalS: number;
  payloadBytes: number;
  topic: string;
  protocol: Protocol;
  /** The QoS being planned with; marked `selected` in the table (all three are computed). */
  qos?: Qos;
}

export interface Traffic {
  messages: number;
  packets: number;
  /** On the wire: PUBLISH plus acknowledgements. */
  bytes: number;
  /** Application payload only. */
  payloadBytes: number;
}

export interface PlantRow {
  qos: Qos;
  selected: boolean;
  packetsPerMessage: number;
  publishBytes: number;
  /** All acknowledgement packets of one exchange together. */
  ackBytes: number;
  bytesPerMessage: number;
  perHour: Traffic;
  perDay: Traffic;
}

export type PlantTable = readonly [PlantRow, PlantRow, PlantRow];

function check(ok: boolean, field: string, expected: string, got: number): void {
  if (!ok) throw new RangeError(`${field}: expected ${expected}; got ${got}`);
}

/** Messages per period for the whole fleet. Exact for whole-number results (1,000 × 86,400 / 60). */
export function messagesPer(seconds: number, devices: number, intervalS: number): number {
  return (devices * seconds) / intervalS;
}

/** The table for QoS 0, 1 and 2. Throws RangeError on a bad number. Pure. */
export function plantTable(input: PlantInput): PlantTable {
  const { devices, intervalS, payloadBytes, topic, protocol } = input;
  check(Number.isFinite(devices) && devices >= 0, "devices", "a number ≥ 0", devices);
  check(Number.isFinite(intervalS) && intervalS > 0, "intervalS", "a number > 0", intervalS);
  check(Number.isInteger(payloadBytes) && payloadBytes >= 0, "payloadBytes", "an integer ≥ 0", payloadBytes);
  const payload = payloadOf(payloadBytes);
  const row = (qos: Qos): PlantRow => {
    const [publish, ...acks] = EXCHANGE[qos];
    const publishBytes = sizeOf([publish ?? "PUBLISH"], qos, topic, payload, protocol);
    const ackBytes = sizeOf(acks, qos, topic, payload, protocol);
    const packetsPerMessage = EXCHANGE[qos].length;
    const bytesPerMessage = publishBytes + ackBytes;
    const traffic = (seconds: number): Traffic => {
      const messages = messagesPer(seconds, devices, intervalS);
      return {
        messages,
        packets: messages * packetsPerMessage,
        bytes: messages * bytesPerMessage,
        payloadBytes: messages * payloadBytes,
      };
    };
    return {
      qos,
      selected: input.qos === qos,
      packetsPerMessage,
      publishBytes,
      ackBytes,
      bytesPerMessage,
      perHour: traffic(SECONDS_PER_HOUR),
      perDay: traffic(SECONDS_PER_DAY),
    };
  };
  return [row(0), row(1), row(2)];
}

/**
 * The domain.md sizing example ("1,000 sensors every 60 s with 50-byte payloads = 1.44 M messages/day;
 * 2.88 M packets/day at QoS 1 and 5.76 M at QoS 2. 1,000 sensors every 10 s = 360,000 messages/hour,
 * 18 MB/hour of payload"), checked against plantTable. Pure.
 */
export function sizingClaims(topic = DEFAULT_PLANT_TOPIC, protocol: Protocol = "5.0"): ClaimCheck[] {
  const minute = plantTable({ devices: 1000, intervalS: 60, payloadBytes: 50, topic, protocol });
  const tenS = plantTable({ devices: 1000, intervalS: 10, payloadBytes: 50, topic, protocol });
  const oneHop = "Counts the publisher → broker hop only; every subscriber adds as much again.";
  const exact = (
    id: string,
    claim: string,
    expected: number,
    measured: number,
    unit: string,
    note: string,
  ): ClaimCheck => ({
    id,
    claim,
    expected: `${grouped(expected)} ${unit}`,
    measured: `${grouped(measured)} ${unit}`,
    expectedValue: expected,
    measuredValue: measured,
    holds: measured === expected,
    checkable: true,
    note,
  });
  const wire = tenS.map((r) => `QoS ${r.qos} ${num(r.perHour.bytes / BYTES_PER_MB)} MB`).join(", ");
  const overhead = tenS[0].perHour.bytes / tenS[0].perHour.payloadBytes - 1;
  return [
    exact(
      "sizing-messages-day",
      "1,000 sensors every 60 s: 1.44 M messages/day",
      1_440_000,
      minute[0].perDay.messages,
      "messages/day",
      "1,000 × 86,400 s / 60 s.",
    ),
    exact(
      "sizing-packets-day-qos1",
      "… 2.88 M packets/day at QoS 1",
      2_880_000,
      minute[1].perDay.packets,
      "packets/day",
      `PUBLISH + PUBACK per message. ${oneHop}`,
    ),
    exact(
      "sizing-packets-day-qos2",
      "… 5.76 M packets/day at QoS 2",
      5_760_000,
      minute[2].perDay.packets,
      "packets/day",
      `PUBLISH, PUBREC, PUBREL, PUBCOMP per message. ${oneHop}`,
    ),
    exact(
      "sizing-messages-hour",
      "1,000 sensors every 10 s: 360,000 messages/hour",
      360_000,
      tenS[0].perHour.messages,
      "messages/hour",
      "1,000 × 3,600 s / 10 s.",
    ),
    exact(
      "sizing-payload-hour",
      "… 18 MB/hour of payload",
      18,
      tenS[0].perHour.payloadBytes / BYTES_PER_MB,
      "MB/hour",
      `Payload only, 1 MB = 10^6 bytes. On the wire (MQTT ${protocol}, topic "${topic}"): ${wire} per ` +
        `hour — headers and topic add ${percent(overhead, 0)} at QoS 0; TCP/IP comes on top.`,
    ),
  ];
}
