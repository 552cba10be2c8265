/** The plant calculator: traffic per hour and day for QoS 0/1/2, and an optional radio-energy estimate. */
import { useId, useMemo, useState } from "react";
import type { Protocol } from "../../sim/types.ts";
import { checkBatteryClaim, DOMAIN_RADIO, radioEnergy, type RadioParams } from "../../stats/energy.ts";
import { energyCsv, plantCsv } from "../../stats/export.ts";
import { DEFAULT_PLANT_TOPIC, plantTable, sizingClaims } from "../../stats/plant.ts";
import { download } from "../explore/download.ts";
import { ClaimsTable } from "./ClaimsPanel.tsx";
import { NUMBER_FIELDS, type NumberFieldName } from "../../stats/input.ts";
import { fixFirst, NumberField, useFieldValidity } from "./NumberField.tsx";

const n = (v: number) => Math.round(v).toLocaleString("en-US");
const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString("en-US", { maximumFractionDigits: 2 })} MB`;

// Which fields each table is computed from: a table waits only for its own.
const PLANT_FIELDS: readonly NumberFieldName[] = ["devices", "intervalS", "payloadBytes"];
const RADIO_FIELDS: readonly NumberFieldName[] = [
  "intervalS",
  "payloadBytes",
  "bitRate",
  "txCurrentMa",
  "ackWaitMs",
  "ackWaitCurrentMa",
];

// The battery claim reads the payload and the radio, not the interval.
const BATTERY_FIELDS: readonly NumberFieldName[] = [
  "payloadBytes",
  "bitRate",
  "txCurrentMa",
  "ackWaitMs",
  "ackWaitCurrentMa",
];

/** The labels of the rejected fields among `fields`, in the order of the form. */
function rejected(invalid: readonly string[], fields: readonly NumberFieldName[]): string[] {
  return fields.filter((f) => invalid.includes(f)).map((f) => NUMBER_FIELDS[f].label);
}

export function PlantPanel({ protocol }: { protocol: Protocol }) {
  const id = useId();
  const [devices, setDevices] = useState(1000);
  const [intervalS, setIntervalS] = useState(60);
  const [payloadBytes, setPayloadBytes] = useState(50);
  const [radio, setRadio] = useState<RadioParams>({ ...DOMAIN_RADIO });
  const table = useMemo(
    () => plantTable({ devices, intervalS, payloadBytes, topic: DEFAULT_PLANT_TOPIC, protocol }),
    [devices, intervalS, payloadBytes, protocol],
  );
  const energy = useMemo(
    () => radioEnergy({ intervalS, payloadBytes, topic: DEFAULT_PLANT_TOPIC, protocol, radio }),
    [intervalS, payloadBytes, protocol, radio],
  );
  const battery = useMemo(
    () => checkBatteryClaim({ payloadBytes, topic: DEFAULT_PLANT_TOPIC, protocol, radio }),
    [payloadBytes, protocol, radio],
  );
  const claims = useMemo(() => sizingClaims(DEFAULT_PLANT_TOPIC, protocol), [protocol]);
  const setRadioField = (key: keyof RadioParams) => (v: number) => setRadio((r) => ({ ...r, [key]: v }));
  // A rejected text never reaches the figures, and while one stands no figure computed from that
  // field is shown at all (not even the last accepted one, which the form no longer says) and its
  // CSV waits: the page and a file must not carry figures the form disowns.
  const { invalid, report } = useFieldValidity();
  const plantWaits = fixFirst(rejected(invalid, PLANT_FIELDS));
  const radioWaits = fixFirst(rejected(invalid, RADIO_FIELDS));
  const batteryWaits = fixFirst(rejected(invalid, BATTERY_FIELDS));
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="stats.plant">
      <h2 id={`${id}-h`}>Plant calculator</h2>
      <p className="panel-intro">
        Messages, packets and bytes on the wire (real MQTT {protocol} sizes for topic{" "}
        <code>{DEFAULT_PLANT_TOPIC}</code>), without loss. 1 MB = 1,000,000 bytes.
      </p>
      <div className="job-bar">
        <NumberField
          field="devices"
          value={devices}
          onChange={setDevices}
          onValidity={report("devices")}
          testId="plant.devices"
        />
        <NumberField
          field="intervalS"
          value={intervalS}
          onChange={setIntervalS}
          onValidity={report("intervalS")}
          testId="plant.interval"
        />
        <NumberField
          field="payloadBytes"
          value={payloadBytes}
          onChange={setPayloadBytes}
          onValidity={report("payloadBytes")}
          testId="plant.payload"
        />
        <button
          type="button"
          disabled={plantWaits !== undefined}
          onClick={() => download("plant-sizing.csv", plantCsv(table), "text/csv")}
        >
          Download CSV
        </button>
      </div>
      <StaleNote waits={plantWaits} testId="plant.stale" />
      {plantWaits === undefined && (
        <div className="table-scroll">
          <table className="matrix-table" data-testid="plant.table">
            <thead>
              <tr>
                <th scope="col">QoS</th>
                <th scope="col">Packets / message</th>
                <th scope="col">Bytes / message</th>
                <th scope="col">Messages / hour</th>
                <th scope="col">Messages / day</th>
                <th scope="col">Packets / day</th>
                <th scope="col">On the wire / hour</th>
                <th scope="col">On the wire / day</th>
                <th scope="col">Payload / hour</th>
              </tr>
            </thead>
            <tbody>
              {table.map((r) => (
                <tr key={r.qos}>
                  <th scope="row">QoS {r.qos}</th>
                  <td className="num">{r.packetsPerMessage}</td>
                  <td className="num">{r.bytesPerMessage}</td>
                  <td className="num">{n(r.perHour.messages)}</td>
                  <td className="num">{n(r.perDay.messages)}</td>
                  <td className="num">{n(r.perDay.packets)}</td>
                  <td className="num">{mb(r.perHour.bytes)}</td>
                  <td className="num">{mb(r.perDay.bytes)}</td>
                  <td className="num">{mb(r.perHour.payloadBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Sizing examples that circulate</h3>
      <ClaimsTable rows={claims} testId="plant.claims" />
      <h3>Radio energy per device (optional estimate)</h3>
      <div className="job-bar">
        <NumberField
          field="bitRate"
          value={radio.bitRate}
          onChange={setRadioField("bitRate")}
          onValidity={report("bitRate")}
          testId="radio.bitrate"
        />
        <NumberField
          field="txCurrentMa"
          value={radio.txCurrentMa}
          onChange={setRadioField("txCurrentMa")}
          onValidity={report("txCurrentMa")}
          testId="radio.tx"
        />
        <NumberField
          field="ackWaitMs"
          value={radio.ackWaitMs}
          onChange={setRadioField("ackWaitMs")}
          onValidity={report("ackWaitMs")}
          testId="radio.wait"
        />
        <NumberField
          field="ackWaitCurrentMa"
          value={radio.ackWaitCurrentMa}
          onChange={setRadioField("ackWaitCurrentMa")}
          onValidity={report("ackWaitCurrentMa")}
          testId="radio.waitcurrent"
        />
        <button
          type="button"
          disabled={radioWaits !== undefined}
          onClick={() => download("radio-energy.csv", energyCsv(energy), "text/csv")}
        >
          Download CSV
        </button>
      </div>
      <StaleNote waits={radioWaits} testId="radio.stale" />
      {radioWaits === undefined && (
        <div className="table-scroll">
          <table className="matrix-table" data-testid="radio.table">
            <thead>
              <tr>
                <th scope="col">QoS</th>
                <th scope="col">Bytes sent</th>
                <th scope="col">Transmit time</th>
                <th scope="col">Ack waits</th>
                <th scope="col">Charge / message</th>
                <th scope="col">Charge / day</th>
                <th scope="col">× QoS 0</th>
              </tr>
            </thead>
            <tbody>
              {energy.map((r) => (
                <tr key={r.qos}>
                  <th scope="row">QoS {r.qos}</th>
                  <td className="num">{r.txBytes}</td>
                  <td className="num">{r.txMs.toFixed(3)} ms</td>
                  <td className="num">{r.waitMs} ms</td>
                  <td className="num">{r.chargePerMessageUc.toFixed(1)} µC</td>
                  <td className="num">{r.chargePerDayMah.toFixed(3)} mAh</td>
                  <td className="num">{r.ratioToQos0.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {batteryWaits === undefined && <ClaimsTable rows={battery.rows} testId="radio.claims" />}
    </section>
  );
}

/** Says why the figures and the CSV are missing while a field they are computed from is rejected. */
function StaleNote({ waits, testId }: { waits: string | undefined; testId: string }) {
  // Always mounted, so screen readers hear it appear.
  return (
    <p className="stale-note" role="status" data-testid={testId}>
      {waits && `${waits} No figures are shown for a rejected input, and the CSV waits until then.`}
    </p>
  );
}
