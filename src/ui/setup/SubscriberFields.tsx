/**
 * The subscriber's real-world life: periods offline (and how each ends), joining late, and the
 * 5.0 subscription options for retained messages.
 */
import type { Scenario } from "../../sim/types.ts";
import { Check, Group, NumberInput, Select } from "./controls.tsx";
import { setField } from "./edits.ts";
import { needsSubscriber, only5, type GroupProps } from "./types.ts";

const MAX_MS = 86_400_000;
type Offline = NonNullable<NonNullable<Scenario["subscriber"]>["offline"]>[number];

export function SubscriberFields({ scenario, edit }: GroupProps) {
  const absent = needsSubscriber(scenario);
  const sub = scenario.subscriber;
  const offline: readonly Offline[] = sub?.offline ?? [];
  const lastEnd = offline.reduce((end, o) => Math.max(end, o.atMs + o.forMs), 0);
  return (
    <Group title="Subscriber offline and late" testId="setup.subscriber">
      {absent && <p className="field-note setup-wide">{absent}</p>}
      {offline.map((o, i) => (
        <div key={i} className="setup-wide setup-row" data-testid={`setup.offline.${i + 1}`}>
          <NumberInput
            label={`Offline ${i + 1} at (ms)`}
            hint="When the subscriber goes away, simulated ms."
            testId={`setup.offline.${i + 1}.atMs`}
            value={o.atMs}
            min={0}
            max={MAX_MS}
            onChange={(n) => edit((raw) => setField(raw, ["subscriber", "offline", i, "atMs"], n ?? 0))}
          />
          <NumberInput
            label="for (ms)"
            hint="How long it stays away before it reconnects with its session kind."
            testId={`setup.offline.${i + 1}.forMs`}
            value={o.forMs}
            min={1}
            max={MAX_MS}
            onChange={(n) => edit((raw) => setField(raw, ["subscriber", "offline", i, "forMs"], n ?? 1))}
          />
          <Select
            label="ends by"
            hint="DISCONNECT: it says goodbye; cut: the connection breaks (what is in flight is lost)."
            testId={`setup.offline.${i + 1}.end`}
            value={o.end}
            options={[
              { value: "disconnect", label: "DISCONNECT" },
              { value: "cut", label: "Connection cut" },
            ]}
            onChange={(end) => edit((raw) => setField(raw, ["subscriber", "offline", i, "end"], end))}
          />
          <button
            type="button"
            className="setup-remove"
            data-testid={`setup.offline.${i + 1}.remove`}
            onClick={() => edit((raw) => setField(raw, ["subscriber", "offline", i], undefined))}
          >
            Remove
          </button>
        </div>
      ))}
      <div className="field">
        <button
          type="button"
          className="setup-add"
          disabled={absent !== undefined}
          title="The subscriber goes offline for a while; a persistent session queues its QoS 1/2 messages."
          data-testid="setup.offline.add"
          onClick={() =>
            edit((raw) =>
              setField(raw, ["subscriber", "offline", offline.length], {
                atMs: lastEnd + 500,
                forMs: 3000,
                end: "disconnect",
              }),
            )
          }
        >
          Add an offline period
        </button>
      </div>
      <NumberInput
        label="Subscribes at (ms)"
        hint="A late subscriber: no subscription before this time, then SUBSCRIBE (retained messages come now)."
        testId="setup.joinAtMs"
        value={sub?.joinAtMs}
        min={0}
        max={MAX_MS}
        placeholder="from the start"
        disabledWhy={absent}
        onChange={(n) => edit((raw) => setField(raw, ["subscriber", "joinAtMs"], n))}
      />
      <Check
        label="Retain As Published"
        hint="Forwarded messages keep their RETAIN flag; otherwise an existing subscriber sees RETAIN 0."
        testId="setup.retainAsPublished"
        checked={sub?.retainAsPublished === true}
        disabledWhy={absent ?? only5(scenario)}
        onChange={(on) => edit((raw) => setField(raw, ["subscriber", "retainAsPublished"], on))}
      />
      <Select
        label="Retain Handling"
        hint="Whether the retained message is sent when the subscription is made (MQTT 5.0)."
        testId="setup.retainHandling"
        value={sub?.retainHandling ?? -1}
        options={[
          { value: -1, label: "0: at subscribe" },
          { value: 1, label: "1: only if new" },
          { value: 2, label: "2: never" },
        ]}
        disabledWhy={absent ?? only5(scenario)}
        onChange={(rh) =>
          edit((raw) => setField(raw, ["subscriber", "retainHandling"], rh < 0 ? undefined : rh))
        }
      />
    </Group>
  );
}
