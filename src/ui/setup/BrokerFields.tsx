/** The broker: its offline queue (QoS 0 queueing, a limit), persistence and restarts. */
import type { Scenario } from "../../sim/types.ts";
import { Check, Group, NumberInput, Select } from "./controls.tsx";
import { setField } from "./edits.ts";
import type { GroupProps } from "./types.ts";

const MAX_MS = 86_400_000;
type Restart = NonNullable<NonNullable<Scenario["broker"]>["restarts"]>[number];
type PersistenceChoice = "" | "off" | "on" | "autosave";

function persistenceOf(scenario: Scenario): PersistenceChoice {
  const p = scenario.broker?.persistence;
  return p === undefined ? "" : typeof p === "string" ? p : "autosave";
}

export function BrokerFields({ scenario, edit }: GroupProps) {
  const broker = scenario.broker;
  const restarts: readonly Restart[] = broker?.restarts ?? [];
  const persistence = persistenceOf(scenario);
  const autosaveMs = typeof broker?.persistence === "object" ? broker.persistence.autosaveMs : undefined;
  return (
    <Group title="Broker queue, persistence and restarts" testId="setup.broker">
      <Check
        label="Queue QoS 0 too"
        hint="Also queue QoS 0 messages for an offline persistent subscriber (Mosquitto's queue_qos0_messages)."
        testId="setup.broker.queueQos0"
        checked={broker?.queueQos0 === true}
        onChange={(on) => edit((raw) => setField(raw, ["broker", "queueQos0"], on))}
      />
      <NumberInput
        label="Queue limit"
        hint="Most messages queued for an offline client; more are dropped (max_queued_messages)."
        testId="setup.broker.maxQueued"
        value={broker?.maxQueued}
        min={0}
        max={100_000}
        placeholder="unlimited"
        onChange={(n) => edit((raw) => setField(raw, ["broker", "maxQueued"], n))}
      />
      <Select
        label="Persistence"
        hint="What the broker keeps across a restart: nothing, everything (saved on every change), or its last save."
        testId="setup.broker.persistence"
        value={persistence}
        options={[
          { value: "", label: "Not set (off)" },
          { value: "off", label: "Off" },
          { value: "on", label: "On: saved on every change" },
          { value: "autosave", label: "Saved periodically" },
        ]}
        onChange={(choice) =>
          edit((raw) =>
            setField(
              raw,
              ["broker", "persistence"],
              choice === ""
                ? undefined
                : choice === "autosave"
                  ? { autosaveMs: autosaveMs ?? 1_800_000 }
                  : choice,
            ),
          )
        }
      />
      {persistence === "autosave" && (
        <NumberInput
          label="Saved every (ms)"
          hint="How often the broker saves its state; a crash loses what changed since (Mosquitto autosave_interval)."
          testId="setup.broker.autosaveMs"
          value={autosaveMs}
          min={1}
          max={MAX_MS}
          onChange={(n) =>
            edit((raw) => setField(raw, ["broker", "persistence", "autosaveMs"], n ?? 1_800_000))
          }
        />
      )}
      {restarts.map((r, i) => (
        <div key={i} className="setup-wide setup-row" data-testid={`setup.restart.${i + 1}`}>
          <NumberInput
            label={`Restart ${i + 1} at (ms)`}
            hint="When the broker goes down, simulated ms."
            testId={`setup.restart.${i + 1}.atMs`}
            value={r.atMs}
            min={0}
            max={MAX_MS}
            onChange={(n) => edit((raw) => setField(raw, ["broker", "restarts", i, "atMs"], n ?? 0))}
          />
          <Select
            label="kind"
            hint="Crash: killed, connections break. Graceful: shut down cleanly, saving what it keeps."
            testId={`setup.restart.${i + 1}.kind`}
            value={r.kind}
            options={[
              { value: "crash", label: "Crash" },
              { value: "graceful", label: "Graceful" },
            ]}
            onChange={(kind) => edit((raw) => setField(raw, ["broker", "restarts", i, "kind"], kind))}
          />
          <NumberInput
            label="down for (ms)"
            hint="How long the broker stays down before it accepts connections again."
            testId={`setup.restart.${i + 1}.downMs`}
            value={r.downMs}
            min={0}
            max={3_600_000}
            onChange={(n) => edit((raw) => setField(raw, ["broker", "restarts", i, "downMs"], n ?? 0))}
          />
          <button
            type="button"
            className="setup-remove"
            data-testid={`setup.restart.${i + 1}.remove`}
            onClick={() => edit((raw) => setField(raw, ["broker", "restarts", i], undefined))}
          >
            Remove
          </button>
        </div>
      ))}
      <div className="field">
        <button
          type="button"
          className="setup-add"
          title="The broker goes down and comes back; what survives depends on persistence."
          data-testid="setup.restart.add"
          onClick={() =>
            edit((raw) =>
              setField(raw, ["broker", "restarts", restarts.length], {
                atMs: (restarts[restarts.length - 1]?.atMs ?? 0) + 1000,
                kind: "crash",
                downMs: 500,
              }),
            )
          }
        >
          Add a broker restart
        </button>
      </div>
    </Group>
  );
}
