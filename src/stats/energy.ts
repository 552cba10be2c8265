/**
 * Radio energy of a battery device per message and per day, QoS 0/1/2 side by side, and the
 * domain.md battery claim ("radio 250 kbit/s at 30 mA, ack wait 5 ms at 10 mA per ack phase: QoS 1
 * roughly doubles and QoS 2 roughly quadruples the daily radio energy of QoS 0") checked honestly:
 * the ratio depends on how long the ack wait is next to the transmit time, i.e. on the payload.
 * Pure.
 *
 * Model: the device transmits its own packets (PUBLISH; at QoS 2 also PUBREL) at the transmit
 * current for bits / bit rate, and waits `ackWaitMs` at the wait current in every ack phase (QoS 1:
 * PUBACK; QoS 2: PUBREC and PUBCOMP). Receiving the 4-byte ack (0.13 ms at 250 kbit/s) falls inside
 * the wait. No loss, no radio start-up or sleep current, MQTT bytes only (no TCP/IP or radio framing).
 * Charge in µC (mA × ms); energy only when a voltage is given.
 */
import type { Protocol, Qos } from "../sim/types.ts";
import { num, percent, type ClaimCheck } from "./claim.ts";
import { SECONDS_PER_DAY } from "./plant.ts";
import { DEVICE_SENDS, payloadOf, publishSizeFunction, sizeOf } from "./sizes.ts";
import { MAX_PAYLOAD_BYTES } from "../sim/scenario.ts";

export interface RadioParams {
  /** bit/s */
  bitRate: number;
  txCurrentMa: number;
  /** Wait for one acknowledgement, per ack phase. */
  ackWaitMs: number;
  ackWaitCurrentMa: number;
  /** Supply voltage; null: report charge only. */
  voltageV: number | null;
}

/** The figures of the domain.md battery example. */
export const DOMAIN_RADIO: Readonly<RadioParams> = {
  bitRate: 250_000,
  txCurrentMa: 30,
  ackWaitMs: 5,
  ackWaitCurrentMa: 10,
  voltageV: null,
};

/** Ack phases per exchange: how often the device waits for an answer. */
export const ACK_PHASES: Readonly<Record<Qos, number>> = { 0: 0, 1: 1, 2: 2 };

export interface EnergyInput {
  /** Seconds between two publishes of the device. */
  intervalS: number;
  payloadBytes: number;
  topic: string;
  protocol: Protocol;
  radio?: Partial<RadioParams>;
}

export interface EnergyRow {
  qos: Qos;
  /** Bytes the device transmits per message. */
  txBytes: number;
  txMs: number;
  ackPhases: number;
  waitMs: number;
  /** µC = mA × ms. */
  chargePerMessageUc: number;
  chargePerDayMah: number;
  energyPerMessageMj: number | null;
  energyPerDayJ: number | null;
  ratioToQos0: number;
}

export type EnergyTable = readonly [EnergyRow, EnergyRow, EnergyRow];

const UC_PER_MAH = 3_600_000;

/** Charge per message in µC for `txBytes` transmitted and `phases` ack waits. */
function chargeUc(radio: RadioParams, txBytes: number, phases: number): number {
  const txMs = ((txBytes * 8) / radio.bitRate) * 1000;
  return txMs * radio.txCurrentMa + phases * radio.ackWaitMs * radio.ackWaitCurrentMa;
}

export function radioOf(partial: Partial<RadioParams> = {}): RadioParams {
  const radio = { ...DOMAIN_RADIO, ...partial };
  for (const key of ["bitRate", "txCurrentMa", "ackWaitMs", "ackWaitCurrentMa"] as const) {
    const v = radio[key];
    if (!Number.isFinite(v) || v < 0 || (key === "bitRate" && v === 0)) {
      throw new RangeError(`radio.${key}: expected a number ${key === "bitRate" ? "> 0" : "≥ 0"}; got ${v}`);
    }
  }
  return radio;
}

/** Radio charge (and energy) per message and per day for QoS 0, 1 and 2. Pure. */
export function radioEnergy(input: EnergyInput): EnergyTable {
  const radio = radioOf(input.radio);
  if (!(input.intervalS > 0))
    throw new RangeError(`intervalS: expected a number > 0; got ${input.intervalS}`);
  const payload = payloadOf(input.payloadBytes);
  const perDay = SECONDS_PER_DAY / input.intervalS;
  const raw = ([0, 1, 2] as const).map((qos) => {
    const txBytes = sizeOf(DEVICE_SENDS[qos], qos, input.topic, payload, input.protocol);
    return { qos, txBytes, charge: chargeUc(radio, txBytes, ACK_PHASES[qos]) };
  });
  const base = raw[0]?.charge ?? NaN;
  const row = ({ qos, txBytes, charge }: { qos: Qos; txBytes: number; charge: number }): EnergyRow => ({
    qos,
    txBytes,
    txMs: ((txBytes * 8) / radio.bitRate) * 1000,
    ackPhases: ACK_PHASES[qos],
    waitMs: ACK_PHASES[qos] * radio.ackWaitMs,
    chargePerMessageUc: charge,
    chargePerDayMah: (charge * perDay) / UC_PER_MAH,
    energyPerMessageMj: radio.voltageV === null ? null : (charge * radio.voltageV) / 1000,
    energyPerDayJ: radio.voltageV === null ? null : (charge * radio.voltageV * perDay) / 1e6,
    ratioToQos0: charge / base,
  });
  return [row(raw[0]!), row(raw[1]!), row(raw[2]!)];
}

/** "Roughly" doubles / quadruples: within ±20 % of the factor. */
export const ROUGHLY = 0.2;

/** An inclusive payload range in bytes, or null when no payload size qualifies. */
export type PayloadRange = { min: number; max: number } | null;

export interface BatteryCheck {
  ratioQos1: number;
  ratioQos2: number;
  /** Payload sizes (0 … 65,535) for which the QoS 1 ratio is within ROUGHLY of 2. */
  doublesFor: PayloadRange;
  /** … for which the QoS 2 ratio is within ROUGHLY of 4. */
  quadruplesFor: PayloadRange;
  /** … for which both hold at once. */
  bothFor: PayloadRange;
  rows: ClaimCheck[];
}

/**
 * The battery claim at the given payload, and the payload ranges where it holds. The ratios fall as
 * the payload grows (the waits stay, transmit time grows), so each range is found by one scan of
 * every payload size with the exact PUBLISH size function (sizes.ts). Pure.
 */
export function checkBatteryClaim(input: Omit<EnergyInput, "intervalS">): BatteryCheck {
  const radio = radioOf(input.radio);
  const table = radioEnergy({ ...input, intervalS: 60 });
  const pubrel = sizeOf(["PUBREL"], 2, input.topic, "", input.protocol);
  const size = ([0, 1, 2] as const).map((q) => publishSizeFunction(q, input.topic, input.protocol));
  const ratios = (n: number): [number, number] => {
    const base = chargeUc(radio, size[0]!(n), 0);
    return [chargeUc(radio, size[1]!(n), 1) / base, chargeUc(radio, size[2]!(n) + pubrel, 2) / base];
  };
  const within = (r: number, factor: number) => Math.abs(r / factor - 1) <= ROUGHLY;
  const ranges: [number[], number[], number[]] = [[], [], []];
  for (let n = 0; n <= MAX_PAYLOAD_BYTES; n++) {
    const [r1, r2] = ratios(n);
    const d = within(r1, 2);
    const q = within(r2, 4);
    if (d) widen(ranges[0], n);
    if (q) widen(ranges[1], n);
    if (d && q) widen(ranges[2], n);
    // Both ratios only fall from here on: nothing further can qualify.
    if (r1 < 2 * (1 - ROUGHLY) && r2 < 4 * (1 - ROUGHLY)) break;
  }
  const [doublesFor, quadruplesFor, bothFor] = ranges.map(toRange) as [
    PayloadRange,
    PayloadRange,
    PayloadRange,
  ];
  const ratioQos1 = table[1].ratioToQos0;
  const ratioQos2 = table[2].ratioToQos0;
  const show = (r: PayloadRange) => (r === null ? "no payload size" : `payloads of ${r.min}–${r.max} bytes`);
  const setting =
    `${radio.bitRate / 1000} kbit/s at ${radio.txCurrentMa} mA, ${radio.ackWaitMs} ms wait at ` +
    `${radio.ackWaitCurrentMa} mA, topic "${input.topic}", MQTT ${input.protocol}`;
  const why =
    `Each ack phase adds a fixed ${num(radio.ackWaitMs * radio.ackWaitCurrentMa)} µC while a QoS 0 message ` +
    `costs ${num(table[0].chargePerMessageUc)} µC of transmit time at ${input.payloadBytes} bytes, so the ` +
    "ratios fall as payloads grow; and since QoS 2 has two phases to QoS 1's one, it adds about twice QoS 1's " +
    "extra: a doubling goes with a tripling, not a quadrupling.";
  const row = (qos: 1 | 2, factor: number, ratio: number, range: PayloadRange): ClaimCheck => ({
    id: `battery-qos${qos}`,
    claim: `QoS ${qos} roughly ${factor === 2 ? "doubles" : "quadruples"} the daily radio energy of QoS 0`,
    expected: `${factor} × QoS 0 (± ${percent(ROUGHLY, 0)})`,
    measured: `${num(ratio)} × at ${input.payloadBytes}-byte payloads`,
    expectedValue: factor,
    measuredValue: ratio,
    holds: within(ratio, factor),
    checkable: true,
    note: `Holds for ${show(range)} (${setting}); both claims together: ${show(bothFor)}. ${why}`,
  });
  return {
    ratioQos1,
    ratioQos2,
    doublesFor,
    quadruplesFor,
    bothFor,
    rows: [row(1, 2, ratioQos1, doublesFor), row(2, 4, ratioQos2, quadruplesFor)],
  };
}

function widen(range: number[], n: number): void {
  if (range.length === 0) range.push(n, n);
  else range[1] = n;
}

function toRange(range: number[]): PayloadRange {
  return range.length === 0 ? null : { min: range[0] ?? 0, max: range[1] ?? 0 };
}
