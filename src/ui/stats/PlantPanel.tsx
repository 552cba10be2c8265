/** The plant calculator: traffic per hour and day for QoS 0/1/2, and an optional radio-energy estimate. */
import { useId, useMemo, useState } from "react";
import type { Protocol } from "../../sim/types.ts";
import { checkBatteryClaim, DOMAIN_RADIO, radioEnergy, type RadioParams } from "../../stats/energy.ts";
import { energyCsv, plantCsv } from "../../stats/export.ts";
import { DEFAULT_PLANT_TOPIC, plantTable, sizingClaims } from "../../stats/plant.ts";
import { download } from "../explore/download.ts";
import { ClaimsTable } from "./ClaimsPanel.tsx";
import { NumberField } from "./NumberField.tsx";

const n = (v: number) => Math.round(v).toLocaleString("en-US");
const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString("en-US", { maximumFractionDigits: 2 })} MB`;

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
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="stats.plant">
      <h2 id={`${id}-h`}>Plant calculator</h2>
      <p className="panel-intro">
        Messages, packets and bytes on the wire (real MQTT {protocol} sizes for topic{" "}
        <code>{DEFAULT_PLANT_TOPIC}</code>), without loss. 1 MB = 1,000,000 bytes.
      </p>
      <div className="job-bar">
        <NumberField
          label="Devices"
          value={devices}
          min={1}
          max={10_000_000}
          step={100}
          onChange={setDevices}
          testId="plant.devices"
        />
        <NumberField
          label="Publish every (s)"
          value={intervalS}
          min={0.001}
          max={86_400}
          step={1}
          onChange={setIntervalS}
          testId="plant.interval"
        />
        <NumberField
          label="Payload (bytes)"
          value={payloadBytes}
          min={0}
          max={65_000}
          step={10}
          onChange={setPayloadBytes}
          testId="plant.payload"
        />
        <button type="button" onClick={() => download("plant-sizing.csv", plantCsv(table), "text/csv")}>
          Download CSV
        </button>
      </div>
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
      <h3>Sizing examples that circulate</h3>
      <ClaimsTable rows={claims} testId="plant.claims" />
      <h3>Radio energy per device (optional estimate)</h3>
      <div className="job-bar">
        <NumberField
          label="Bit rate (bit/s)"
          value={radio.bitRate}
          min={1}
          max={1e9}
          step={1000}
          onChange={setRadioField("bitRate")}
          testId="radio.bitrate"
        />
        <NumberField
          label="Transmit current (mA)"
          value={radio.txCurrentMa}
          min={0}
          max={10_000}
          step={1}
          onChange={setRadioField("txCurrentMa")}
          testId="radio.tx"
        />
        <NumberField
          label="Ack wait per phase (ms)"
          value={radio.ackWaitMs}
          min={0}
          max={60_000}
          step={1}
          onChange={setRadioField("ackWaitMs")}
          testId="radio.wait"
        />
        <NumberField
          label="Current while waiting (mA)"
          value={radio.ackWaitCurrentMa}
          min={0}
          max={10_000}
          step={1}
          onChange={setRadioField("ackWaitCurrentMa")}
          testId="radio.waitcurrent"
        />
        <button type="button" onClick={() => download("radio-energy.csv", energyCsv(energy), "text/csv")}>
          Download CSV
        </button>
      </div>
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
      <ClaimsTable rows={battery.rows} testId="radio.claims" />
    </section>
  );
}
