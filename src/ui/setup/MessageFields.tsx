/**
 * Several messages in flight: how many, when they are published (one per interval or back to
 * back), and per message its QoS, RETAIN flag, 5.0 Message Expiry and a refusal by a receiver.
 */
import { Fragment, useId } from "react";
import { QOS_LEVELS, type Qos } from "../../protocol/types.ts";
import { reasonInfo } from "../../inspect/reasonCodes.ts";
import type { Scenario } from "../../sim/types.ts";
import { Group, NumberInput, Select, type Option } from "./controls.tsx";
import { scheduleOf, setField, withMessageCount, withRefusal, withSchedule } from "./edits.ts";
import { only5, type GroupProps } from "./types.ts";

/** Most messages the form lists one by one; more are edited in the JSON. */
const MAX_LISTED = 12;
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
  const baseId = useId();
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
        <div className="setup-wide setup-messages" data-testid="setup.messages.list">
          {messages.map((m, i) => {
            const n = i + 1;
            const id = `${baseId}-m${n}`;
            return (
              <div key={i} className="setup-message" role="group" aria-labelledby={`${id}-title`}>
                <p id={`${id}-title`} className="setup-message-title">
                  Message {n}
                </p>
                <label
                  htmlFor={`${id}-qos`}
                  title="This message's PUBLISH QoS; by default the publish QoS above."
                >
                  QoS
                </label>
                <select
                  id={`${id}-qos`}
                  data-testid={`setup.messages.${n}.qos`}
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
                <label
                  htmlFor={`${id}-retain`}
                  title="RETAIN: the broker keeps the topic's last retained message for later subscribers."
                >
                  Retain
                </label>
                <input
                  id={`${id}-retain`}
                  type="checkbox"
                  data-testid={`setup.messages.${n}.retain`}
                  checked={m.retain}
                  onChange={(e) => edit((raw) => setField(raw, ["messages", i, "retain"], e.target.checked))}
                />
                <label
                  htmlFor={`${id}-expiry`}
                  title={`MQTT 5.0 Message Expiry Interval: a queued copy older than this is never delivered.${no5 ? ` ${no5}` : ""}`}
                >
                  Expiry (s)
                </label>
                <input
                  id={`${id}-expiry`}
                  type="text"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  placeholder="never"
                  disabled={no5 !== undefined}
                  data-testid={`setup.messages.${n}.expiry`}
                  defaultValue={m.expiryS ?? ""}
                  key={`${m.expiryS ?? ""}`}
                  onBlur={(e) => {
                    const text = e.target.value.trim();
                    const value = text === "" ? undefined : Number(text);
                    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) return;
                    if (value !== m.expiryS) edit((raw) => setField(raw, ["messages", i, "expiryS"], value));
                  }}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") e.currentTarget.blur();
                  }}
                />
                {hops.map((hop) => (
                  <Fragment key={hop}>
                    <label
                      htmlFor={`${id}-${hop}`}
                      title={`MQTT 5.0: the receiver answers this PUBLISH with a reason code of 0x80 or more; the flow ends there.${no5 ? ` ${no5}` : ""}`}
                    >
                      {hop === "publisher-broker" ? "Broker answers" : "Subscriber answers"}
                    </label>
                    <select
                      id={`${id}-${hop}`}
                      disabled={no5 !== undefined}
                      data-testid={`setup.messages.${n}.refusal.${hop}`}
                      value={String(refusalOf(scenario, hop, n))}
                      onChange={(e) => {
                        const code = Number(e.target.value);
                        edit((raw) => withRefusal(raw, hop, n, code < 0 ? undefined : code));
                      }}
                    >
                      {REFUSALS.map((o) => (
                        <option key={o.value} value={String(o.value)}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </Fragment>
                ))}
              </div>
            );
          })}
          {no5 && <p className="field-note setup-wide">Expiry and refusals: {no5}</p>}
        </div>
      )}
    </Group>
  );
}
