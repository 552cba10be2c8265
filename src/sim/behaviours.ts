/**
 * The behaviour of each party in a scenario: the specification's, unless the scenario names an
 * implementation profile for that party (src/protocol/profiles), whose knobs then replace the
 * specification's, and only those. Also what the engine derives from them: the QoS 2 receivers'
 * input, the sender machines and their timer, the QoS a subscription is granted. Pure.
 *
 * The profile records are looked up through a function handed in (profileSupport.ts binds
 * `profileNamed`), so a scenario without profiles runs without them (the page's first diagram).
 */
import { SPEC_BEHAVIOUR, type Behaviour } from "../protocol/behaviour.ts";
import type { Profile } from "../protocol/profiles/index.ts";
import type { ReceiverInput } from "../protocol/receiver.ts";
import { liveResendSenders, senderMachines, type SenderInput } from "../protocol/sender.ts";
import type { Party, Qos, Scenario } from "./types.ts";

export type Behaviours = Readonly<Record<Party, Readonly<Behaviour>>>;

/** The profile a scenario's id names (protocol/profiles/index.ts `profileNamed`). */
export type ProfileLookup = (id: string) => Profile;

const SPEC_ALL: Behaviours = Object.freeze({
  publisher: SPEC_BEHAVIOUR,
  broker: SPEC_BEHAVIOUR,
  subscriber: SPEC_BEHAVIOUR,
});

/** One frozen behaviour per profile, made once. */
const byProfile = new Map<string, Readonly<Behaviour>>();

function behaviourOf(profile: Profile): Readonly<Behaviour> {
  let behaviour = byProfile.get(profile.id);
  if (behaviour === undefined) {
    behaviour = Object.freeze({ ...SPEC_BEHAVIOUR, ...profile.behaviour });
    byProfile.set(profile.id, behaviour);
  }
  return behaviour;
}

/** The profile a party behaves like; undefined when the scenario names no profiles at all. */
export function profileOf(scenario: Scenario, party: Party, byId: ProfileLookup): Profile | undefined {
  const id = scenario.profiles?.[party];
  return id === undefined ? undefined : byId(id);
}

/**
 * Each party's behaviour for this scenario. `byId` is needed only when the scenario names
 * profiles; without it such a scenario is refused, as its trace would be the specification's.
 */
export function behavioursOf(scenario: Scenario, byId: ProfileLookup | undefined): Behaviours {
  const { profiles } = scenario;
  if (profiles === undefined) return SPEC_ALL;
  if (byId === undefined) {
    throw new Error(
      "the scenario names implementation profiles (profiles) but the engine was given no profile records (runScenario binds them)",
    );
  }
  const of = (party: Party) => {
    const profile = profileOf(scenario, party, byId);
    return profile === undefined ? SPEC_BEHAVIOUR : behaviourOf(profile);
  };
  return { publisher: of("publisher"), broker: of("broker"), subscriber: of("subscriber") };
}

/** Where a QoS 2 receiver hands the message on: its implementation's method, else the scenario's. */
export function deliveryOf(scenario: Scenario, behaviours: Behaviours, party: "broker" | "subscriber") {
  return behaviours[party].qos2Delivery ?? scenario.qos2Delivery[party];
}

/** The input of the receiving party's machines. */
export function receiverInputOf(
  scenario: Scenario,
  behaviours: Behaviours,
  party: "broker" | "subscriber",
): ReceiverInput {
  const delivery = deliveryOf(scenario, behaviours, party);
  return behaviours[party].deliversRepeatedQos2 ? { delivery, repeats: true } : { delivery };
}

/** The sending party's machines by QoS level, and their input. */
export function sendersOf(scenario: Scenario, behaviour: Readonly<Behaviour>) {
  const { liveResendMs } = behaviour;
  if (liveResendMs !== undefined) {
    // Its own interval, on a live connection, whatever the scenario's mode (EMQX, VerneMQ).
    return { machines: liveResendSenders, input: { timeoutMs: liveResendMs } satisfies SenderInput };
  }
  return {
    machines: senderMachines[scenario.retransmit],
    input: { timeoutMs: scenario.timing.timeoutMs } satisfies SenderInput,
  };
}

/**
 * The QoS the broker granted the subscriber: the scenario's, capped at what the broker supports
 * (RabbitMQ and Azure IoT Hub grant QoS 1 for QoS 2); undefined when it never answered the
 * SUBSCRIBE (AWS IoT Core sends no SUBACK for QoS 2), so there is no subscription.
 */
export function grantedQos(scenario: Scenario, broker: Readonly<Behaviour>): Qos | undefined {
  const asked = scenario.subscriber?.qos ?? 0;
  if (asked <= broker.maximumQos) return asked;
  return broker.aboveMaximumQos === "ignore" ? undefined : broker.maximumQos;
}

/**
 * Whether the server answers this client's persistent session with Session Present 0 (Aedes): a
 * session without subscriptions, the publisher's or a late subscriber's before its SUBSCRIBE.
 */
export function withholdsSessionPresent(
  server: Readonly<Behaviour>,
  client: Party,
  subscribed: boolean,
): boolean {
  return server.sessionPresentNeedsSubscriptions && (client === "publisher" || !subscribed);
}

/** Whether the broker speaks the scenario's protocol version. */
export function speaksProtocol(scenario: Scenario, broker: Readonly<Behaviour>): boolean {
  return broker.protocols.includes(scenario.protocol);
}
