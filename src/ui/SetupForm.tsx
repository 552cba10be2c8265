import type { Setup } from "../share/setup.ts";
import type { Scenario } from "../sim/types.ts";
import { Select } from "./setup/controls.tsx";
import type { Json } from "./setup/edits.ts";
import { MoreConditions } from "./setup/MoreConditions.tsx";

const QOS = [
  { value: 0, label: "0 at most once" },
  { value: 1, label: "1 at least once" },
  { value: 2, label: "2 exactly once" },
] as const;

const HOPS = [
  { value: 1, label: "One: to the broker" },
  { value: 2, label: "Two: on to a subscriber" },
] as const;

const RETRANSMIT = [
  { value: "on-reconnect", label: "After reconnect" },
  { value: "on-timeout", label: "On timeout" },
] as const;

const SESSION = [
  { value: "persistent", label: "Persistent" },
  { value: "clean", label: "Clean" },
] as const;

const MIXED = { value: "mixed", label: "Mixed (edit in JSON)" } as const;

const DELIVERY = [
  { value: "on-pubrel", label: "A: on PUBREL" },
  { value: "on-publish", label: "B: on PUBLISH" },
] as const;

const DEDUPE = [
  { value: "off", label: "Off" },
  { value: "on", label: "On" },
] as const;

const PROTOCOL = [
  { value: "5.0", label: "MQTT 5.0" },
  { value: "3.1.1", label: "MQTT 3.1.1" },
] as const;

/**
 * The set-up bar: edits the scenario fields in `Setup`. `locked` fields (a lesson's task lets the
 * learner change only some) are shown, disabled and labelled as locked. Given the scenario and
 * `onEdit`, it also offers the real-world conditions (setup/MoreConditions.tsx), folded away.
 */
export function SetupForm({
  setup,
  onChange,
  locked,
  scenario,
  onEdit,
}: {
  setup: Setup;
  onChange: (setup: Setup) => void;
  locked?: ReadonlySet<keyof Setup> | undefined;
  /** The scenario on screen, for the real-world controls. */
  scenario?: Scenario | undefined;
  /** Applies a real-world control's change to the scenario as a raw object. */
  onEdit?: ((change: (raw: Json) => Json) => void) | undefined;
}) {
  const lock = (key: keyof Setup, label: string) => (locked?.has(key) ? `${label} (locked)` : label);
  const set =
    <K extends keyof Setup>(key: K) =>
    (value: Setup[K]) =>
      onChange({ ...setup, [key]: value });
  const qos2Somewhere = setup.publishQos === 2;
  const form = (
    <fieldset className="setup-form">
      <legend className="visually-hidden">Set-up</legend>
      <Select
        label={lock("publishQos", "Publish QoS")}
        hint="The QoS the publisher sends with: 0 fire and forget, 1 acknowledged, 2 four-step handshake."
        testId="setup.publishQos"
        value={setup.publishQos}
        options={QOS}
        onChange={set("publishQos")}
        disabled={locked?.has("publishQos") === true}
      />
      <Select
        label={lock("hops", "Hops")}
        hint="One hop ends at the broker; two hops add the broker's own delivery to a subscriber."
        testId="setup.hops"
        value={setup.hops}
        options={HOPS}
        onChange={set("hops")}
        disabled={locked?.has("hops") === true}
      />
      <Select
        label={lock("subscriberQos", "Subscription QoS")}
        hint="The QoS granted to the subscriber: the broker forwards at the lower of the two."
        testId="setup.subscriberQos"
        value={setup.subscriberQos}
        options={QOS}
        onChange={set("subscriberQos")}
        disabled={locked?.has("subscriberQos") === true || setup.hops === 1}
      />
      <Select
        label={lock("retransmit", "Retransmit")}
        hint="After reconnect: MQTT 3.1.1 / 5.0 as written. On timeout: the MQTT 3.1 timer many tutorials draw."
        testId="setup.retransmit"
        value={setup.retransmit}
        options={RETRANSMIT}
        onChange={set("retransmit")}
        disabled={locked?.has("retransmit") === true}
      />
      <Select
        label={lock("session", "Session")}
        hint="Persistent sessions survive a reconnect and resend; clean sessions start empty and resend nothing."
        testId="setup.session"
        value={setup.session}
        options={setup.session === "mixed" ? [...SESSION, MIXED] : SESSION}
        onChange={set("session")}
        disabled={locked?.has("session") === true}
      />
      <Select
        label={lock("protocol", "Protocol")}
        hint="MQTT 5.0 forbids timer resends; 3.1.1 allows the older timer model."
        testId="setup.protocol"
        value={setup.protocol}
        options={PROTOCOL}
        onChange={set("protocol")}
        disabled={locked?.has("protocol") === true}
      />
      <Select
        label={lock("brokerDelivery", "Broker QoS 2 delivery")}
        hint="When a QoS 2 broker hands the message on: at PUBREL (store it first) or at once on PUBLISH."
        testId="setup.brokerDelivery"
        value={setup.brokerDelivery}
        options={DELIVERY}
        onChange={set("brokerDelivery")}
        disabled={locked?.has("brokerDelivery") === true || !qos2Somewhere}
      />
      <Select
        label={lock("subscriberDelivery", "Subscriber QoS 2 delivery")}
        hint="When a QoS 2 subscriber hands the message to its application: at PUBREL or on PUBLISH."
        testId="setup.subscriberDelivery"
        value={setup.subscriberDelivery}
        options={DELIVERY}
        onChange={set("subscriberDelivery")}
        disabled={
          locked?.has("subscriberDelivery") === true ||
          setup.hops === 1 ||
          !qos2Somewhere ||
          setup.subscriberQos < 2
        }
      />
      <Select
        label={lock("dedupe", "App dedupe")}
        hint="On: the receiving application checks a message id itself and ignores a copy it already processed."
        testId="setup.dedupe"
        value={setup.dedupe ? "on" : "off"}
        options={DEDUPE}
        onChange={(value) => onChange({ ...setup, dedupe: value === "on" })}
        disabled={locked?.has("dedupe") === true}
      />
    </fieldset>
  );
  if (!scenario || !onEdit) return form;
  return (
    <>
      {form}
      <MoreConditions scenario={scenario} edit={onEdit} />
    </>
  );
}
