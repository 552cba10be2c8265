import { useId } from "react";
import type { Setup } from "../app/setup.ts";

interface Option<T> {
  value: T;
  label: string;
}

interface SelectProps<T extends string | number> {
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  disabled?: boolean;
  testId: string;
}

function Select<T extends string | number>({
  label,
  value,
  options,
  onChange,
  disabled,
  testId,
}: SelectProps<T>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        value={String(value)}
        disabled={disabled}
        onChange={(event) => {
          const chosen = options.find((option) => String(option.value) === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const QOS = [
  { value: 0, label: "0 — at most once" },
  { value: 1, label: "1 — at least once" },
  { value: 2, label: "2 — exactly once" },
] as const;

const HOPS = [
  { value: 1, label: "One: publisher to broker" },
  { value: 2, label: "Two: on to a subscriber" },
] as const;

const RETRANSMIT = [
  { value: "on-reconnect", label: "On reconnect (MQTT 3.1.1 / 5.0)" },
  { value: "on-timeout", label: "On timeout (MQTT 3.1 style)" },
] as const;

const SESSION = [
  { value: "persistent", label: "Persistent" },
  { value: "clean", label: "Clean" },
] as const;

const MIXED = { value: "mixed", label: "Mixed (edit in JSON)" } as const;

const PROTOCOL = [
  { value: "5.0", label: "MQTT 5.0" },
  { value: "3.1.1", label: "MQTT 3.1.1" },
] as const;

/** The set-up form: edits the few scenario fields in `Setup`, nothing else. */
export function SetupForm({ setup, onChange }: { setup: Setup; onChange: (setup: Setup) => void }) {
  const set =
    <K extends keyof Setup>(key: K) =>
    (value: Setup[K]) =>
      onChange({ ...setup, [key]: value });
  return (
    <fieldset className="setup-form">
      <legend>Set-up</legend>
      <Select
        label="Publish QoS"
        testId="setup.publishQos"
        value={setup.publishQos}
        options={QOS}
        onChange={set("publishQos")}
      />
      <Select label="Hops" testId="setup.hops" value={setup.hops} options={HOPS} onChange={set("hops")} />
      <Select
        label="Subscription QoS"
        testId="setup.subscriberQos"
        value={setup.subscriberQos}
        options={QOS}
        onChange={set("subscriberQos")}
        disabled={setup.hops === 1}
      />
      <Select
        label="Retransmit"
        testId="setup.retransmit"
        value={setup.retransmit}
        options={RETRANSMIT}
        onChange={set("retransmit")}
      />
      <Select
        label="Session"
        testId="setup.session"
        value={setup.session}
        options={setup.session === "mixed" ? [...SESSION, MIXED] : SESSION}
        onChange={set("session")}
      />
      <Select
        label="Protocol"
        testId="setup.protocol"
        value={setup.protocol}
        options={PROTOCOL}
        onChange={set("protocol")}
      />
    </fieldset>
  );
}
