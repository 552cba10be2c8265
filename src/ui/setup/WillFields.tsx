/** The publisher's will and how its connection ends for good. */
import { QOS_LEVELS } from "../../protocol/types.ts";
import { Check, Group, NumberInput, Select, TextInput } from "./controls.tsx";
import { setField } from "./edits.ts";
import { only5, type GroupProps } from "./types.ts";

const MAX_MS = 86_400_000;
const DEFAULT_WILL = { topic: "plant/line1/status", payload: "offline", qos: 1, retain: false };
type EndKind = "" | "disconnect" | "disconnect-with-will" | "crash";

export function WillFields({ scenario, edit }: GroupProps) {
  const { will, publisherEnd } = scenario;
  const no5 = only5(scenario);
  const end: EndKind = publisherEnd?.kind ?? "";
  return (
    <Group title="Will and the publisher's end" testId="setup.will">
      <Check
        label="Publisher has a will"
        hint="A message the broker publishes for the publisher when its connection breaks without DISCONNECT."
        testId="setup.will.on"
        checked={will !== undefined}
        onChange={(on) => edit((raw) => setField(raw, ["will"], on ? DEFAULT_WILL : undefined))}
      />
      {will && (
        <>
          <TextInput
            label="Will topic"
            hint="Where the broker publishes the will."
            testId="setup.will.topic"
            value={will.topic}
            onChange={(t) => edit((raw) => setField(raw, ["will", "topic"], t ?? DEFAULT_WILL.topic))}
          />
          <TextInput
            label="Will payload"
            hint="What the will says, e.g. that the sensor is offline."
            testId="setup.will.payload"
            value={will.payload}
            onChange={(t) => edit((raw) => setField(raw, ["will", "payload"], t ?? ""))}
          />
          <Select
            label="Will QoS"
            hint="The QoS the broker publishes the will with."
            testId="setup.will.qos"
            value={will.qos}
            options={QOS_LEVELS.map((q) => ({ value: q, label: `QoS ${q}` }))}
            onChange={(q) => edit((raw) => setField(raw, ["will", "qos"], q))}
          />
          <Check
            label="Retain the will"
            hint="The broker keeps the will as the topic's retained message, so later subscribers see it too."
            testId="setup.will.retain"
            checked={will.retain}
            onChange={(on) => edit((raw) => setField(raw, ["will", "retain"], on === true))}
          />
          <NumberInput
            label="Will delay (s)"
            hint="MQTT 5.0 Will Delay Interval: the broker waits this long (or until the session ends) before publishing."
            testId="setup.will.delayS"
            value={will.delayS}
            min={0}
            max={4_294_967_295}
            placeholder="0"
            disabledWhy={no5}
            onChange={(n) => edit((raw) => setField(raw, ["will", "delayS"], n))}
          />
        </>
      )}
      <Select
        label="Publisher ends"
        hint="How the publisher's connection ends for good: DISCONNECT (no will), DISCONNECT 0x04 (will anyway), or a crash."
        testId="setup.publisherEnd.kind"
        value={end}
        options={[
          { value: "", label: "Never" },
          { value: "disconnect", label: "DISCONNECT" },
          ...(no5 ? [] : [{ value: "disconnect-with-will" as const, label: "DISCONNECT 0x04 (with will)" }]),
          { value: "crash", label: "Crash (connection breaks)" },
        ]}
        onChange={(kind) =>
          edit((raw) =>
            setField(
              raw,
              ["publisherEnd"],
              kind === "" ? undefined : { atMs: publisherEnd?.atMs ?? 4000, kind },
            ),
          )
        }
      />
      {publisherEnd && (
        <NumberInput
          label="Publisher ends at (ms)"
          hint="When the publisher's connection ends; it does not come back."
          testId="setup.publisherEnd.atMs"
          value={publisherEnd.atMs}
          min={0}
          max={MAX_MS}
          onChange={(n) => edit((raw) => setField(raw, ["publisherEnd", "atMs"], n ?? 0))}
        />
      )}
    </Group>
  );
}
