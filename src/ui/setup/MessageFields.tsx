/**
 * Several messages in flight: how many, when they are published (one per interval or back to
 * back), and per message its QoS, RETAIN flag, 5.0 Message Expiry and a refusal by a receiver.
 */
import { QOS_LEVELS, type Qos } from "../../protocol/types.ts";
import { reasonInfo } from "../../inspect/reasonCodes.ts";
import type { Scenario } from "../../sim/types.ts";
import { Group, NumberInput, Select, type Option } from "./controls.tsx";
import { scheduleOf, setField, withMessageCount, withRefusal, withSchedule } from "./edits.ts";
import { only5, type GroupProps } from "./types.ts";

/** Most messages the form lists one by one; more are edited in the JSON. */
export const MAX_LISTED = 12;
const MAX_COUNT = 100;

/** The refusals a receiver can answer a PUBLISH with (PUBACK / PUBREC codes >= 0x80). */
const REFUSAL_CODES = [0x80, 0x83, 0x87, 0x90, 0x97, 0x99] as const;
const REFUSALS: Option<number>[] = [
  { value: -1, label: "Accepts" },
  ...REFUSAL_CODES.map((code) => ({
    value: code,
    label: `0x${code.toString(16)} ${reasonInfo("PUBACK", code)?.name ?? ""}`,
  })),
];

type Hop = "publisher-broker" | "broker-subscriber";

function refusalOf(scenario: Scenario, hop: Hop, message: number): number {
  const found = scenario.refusals?.find((r) => r.hop === hop && r.message === message);
  return found?.reasonCode ?? -1;
}

export function MessageFields({ scenario, edit }: GroupProps) {
  const { messages } = scenario;
  const schedule = scheduleOf(messages);
  const qosOptions: Option<number>[] = [
    { value: -1, label: `Publish QoS (${scenario.publishQos})` },
    ...QOS_LEVELS.map((q) => ({ value: q, label: `QoS ${q}` })),
  ];
  const no5 = only5(scenario);
  const hops: Hop[] = scenario.subscriber ? ["publisher-broker", "broker-subscriber"] : ["publisher-broker"];
  return (
    <Group title="Messages in flight" testId="setup.messages">
      <NumberInput
        label="Messages"
        hint="How many application messages the publisher sends; each can have its own QoS below."
        testId="setup.messages.count"
        value={messages.length}
        min={1}
        max={Math.max(MAX_COUNT, messages.length)}
        onChange={(n) => edit((raw) => withMessageCount(raw, n ?? 1))}
      />
      <Select
        label="Publish schedule"
        hint="One message per publish interval, or all at once so that several are in flight together."
        testId="setup.messages.schedule"
        value={schedule}
        options={[
          { value: "interval", label: `One every ${scenario.timing.publishIntervalMs} ms` },
          { value: "back-to-back", label: "Back to back" },
          ...(schedule === "custom" ? [{ value: "custom" as const, label: "Own times (edit in JSON)" }] : []),
        ]}
        onChange={(s) => {
          if (s !== "custom") edit((raw) => withSchedule(raw, s));
        }}
      />
      {messages.length > MAX_LISTED ? (
        <p className="field-note setup-wide">
          {messages.length} messages: edit each one&apos;s QoS, RETAIN, expiry and refusals in the JSON.
        </p>
      ) : (
        <div className="setup-wide setup-table-wrap">
          <table className="setup-table" data-testid="setup.messages.table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col" title="This message's PUBLISH QoS; by default the publish QoS above.">
                  QoS
                </th>
                <th
                  scope="col"
                  title="RETAIN: the broker keeps the last retained message for later subscribers."
                >
                  Retain
                </th>
                <th
                  scope="col"
                  title="MQTT 5.0 Message Expiry Interval: a queued copy older than this is never delivered."
                >
                  Expiry (s)
                </th>
                {hops.map((hop) => (
                  <th
                    key={hop}
                    scope="col"
                    title="MQTT 5.0: the receiver answers this PUBLISH with a reason code of 0x80 or more; the flow ends there."
                  >
                    {hop === "publisher-broker" ? "Broker answers" : "Subscriber answers"}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {messages.map((m, i) => (
                <tr key={i}>
                  <th scope="row">{i + 1}</th>
                  <td>
                    <select
                      aria-label={`Message ${i + 1} QoS`}
                      data-testid={`setup.messages.${i + 1}.qos`}
                      value={String(m.qos ?? -1)}
                      onChange={(e) => {
                        const q = Number(e.target.value);
                        edit((raw) => setField(raw, ["messages", i, "qos"], q < 0 ? undefined : (q as Qos)));
                      }}
                    >
                      {qosOptions.map((o) => (
                        <option key={o.value} value={String(o.value)}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Message ${i + 1} retained`}
                      data-testid={`setup.messages.${i + 1}.retain`}
                      checked={m.retain}
                      onChange={(e) =>
                        edit((raw) => setField(raw, ["messages", i, "retain"], e.target.checked))
                      }
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      step={1}
                      className="setup-small-number"
                      aria-label={`Message ${i + 1} expiry in seconds`}
                      title={no5}
                      disabled={no5 !== undefined}
                      data-testid={`setup.messages.${i + 1}.expiry`}
                      defaultValue={m.expiryS ?? ""}
                      key={`${m.expiryS ?? ""}`}
                      onBlur={(e) => {
                        const text = e.target.value.trim();
                        const n = text === "" ? undefined : Number(text);
                        if (n !== undefined && !(Number.isInteger(n) && n >= 0)) return;
                        if (n !== m.expiryS) edit((raw) => setField(raw, ["messages", i, "expiryS"], n));
                      }}
                      onKeyDown={(e) => {
                        if (e.key === "Enter") e.currentTarget.blur();
                      }}
                    />
                  </td>
                  {hops.map((hop) => (
                    <td key={hop}>
                      <select
                        aria-label={`Message ${i + 1}: ${hop === "publisher-broker" ? "the broker" : "the subscriber"} answers`}
                        title={no5}
                        disabled={no5 !== undefined}
                        data-testid={`setup.messages.${i + 1}.refusal.${hop}`}
                        value={String(refusalOf(scenario, hop, i + 1))}
                        onChange={(e) => {
                          const code = Number(e.target.value);
                          edit((raw) => withRefusal(raw, hop, i + 1, code < 0 ? undefined : code));
                        }}
                      >
                        {REFUSALS.map((o) => (
                          <option key={o.value} value={String(o.value)}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {no5 && <p className="field-note">Expiry and refusals: {no5}</p>}
        </div>
      )}
    </Group>
  );
}
