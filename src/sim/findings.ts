/**
 * Findings: where an implementation profile did not do what the scenario asked, or departed from
 * the specification in a way the trace shows. The engine reports each kind once per party, at the
 * first event that shows it; the sentence and its source come from the party's profile. Pure.
 */
import { profileNamed, type BehaviourKnob, type Profile } from "../protocol/profiles/index.ts";
import { profileOf } from "./behaviours.ts";
import type { Finding, Party, PacketType, Qos, Scenario } from "./types.ts";

/** What a finding may need to say beyond its kind. */
export interface FindingDetail {
  packet?: PacketType;
  qos?: Qos;
  reasonCode?: number;
}

interface Kind {
  /** The knob whose sources document it. */
  knob: BehaviourKnob;
  text(name: string, scenario: Scenario, party: Party, profile: Profile, detail: FindingDetail): string;
}

const METHOD = { "on-publish": "at PUBLISH (Method B)", "on-pubrel": "at PUBREL (Method A)" } as const;

const hex = (n: number) => `0x${n.toString(16).padStart(2, "0").toUpperCase()}`;

const KINDS = {
  "qos2-delivery": {
    knob: "qos2Delivery",
    text: (name, scenario, party, profile) => {
      const method = profile.behaviour.qos2Delivery ?? "on-pubrel";
      const asked = scenario.qos2Delivery[party === "broker" ? "broker" : "subscriber"];
      return `${name} hands a QoS 2 message on ${METHOD[method]}, not ${METHOD[asked]} as qos2Delivery.${party} asks`;
    },
  },
  "live-resend": {
    knob: "liveResendMs",
    text: (name, scenario, _party, profile, detail) => {
      const seconds = (profile.behaviour.liveResendMs ?? 0) / 1000;
      const what = `${name} resent the ${detail.packet ?? "PUBLISH"} after ${seconds} s on a live connection`;
      return scenario.retransmit === "on-reconnect"
        ? `${what}; MQTT ${scenario.protocol === "5.0" ? "5.0 forbids resending except after a reconnect [MQTT-4.4.0-1]" : "3.1.1 requires a resend only after a reconnect [MQTT-4.4.0-1]"}`
        : `${what}, its own interval rather than timing.timeoutMs`;
    },
  },
  "no-dup": {
    knob: "dupOnResend",
    text: (name) => `${name} resent a PUBLISH with DUP=0, where [MQTT-3.3.1-1] asks for DUP=1`,
  },
  "resent-after-session-lost": {
    knob: "resendsAfterSessionLost",
    text: (name) =>
      `${name} resent its unacknowledged messages although the broker answered Session Present 0, where the client must discard its session state [MQTT-3.2.2-5]`,
  },
  "qos-downgraded": {
    knob: "aboveMaximumQos",
    text: (name, _s, _p, profile, detail) =>
      `${name} supports QoS ${profile.behaviour.maximumQos ?? 2} at most: it handled the QoS ${detail.qos ?? 2} PUBLISH as QoS ${profile.behaviour.maximumQos ?? 2} and answered PUBACK, which the publisher's QoS ${detail.qos ?? 2} flow does not expect`,
  },
  "qos-ignored": {
    knob: "aboveMaximumQos",
    text: (name, _s, _p, _profile, detail) =>
      `${name} does not support QoS ${detail.qos ?? 2}: it sent no acknowledgement for the QoS ${detail.qos ?? 2} PUBLISH and did not deliver it`,
  },
  "qos-disconnect": {
    knob: "aboveMaximumQos",
    text: (name, _s, _p, _profile, detail) =>
      `${name} does not support QoS ${detail.qos ?? 2}: it closed the connection on the QoS ${detail.qos ?? 2} PUBLISH (the trace stops that connection there: every resend would be closed again)`,
  },
  "qos-refused": {
    knob: "aboveMaximumQos",
    text: (name, _s, _p, _profile, detail) =>
      `${name} does not support QoS ${detail.qos ?? 2}: it refused the PUBLISH and closed the connection${detail.reasonCode === undefined ? "" : ` (DISCONNECT ${hex(detail.reasonCode)} QoS not supported)`} [MQTT-3.2.2-11]`,
  },
  "subscription-downgraded": {
    knob: "maximumQos",
    text: (name, scenario, _p, profile) =>
      `${name} granted QoS ${profile.behaviour.maximumQos ?? 2} to the subscriber's QoS ${scenario.subscriber?.qos ?? 0} subscription`,
  },
  "subscription-ignored": {
    knob: "aboveMaximumQos",
    text: (name, scenario) =>
      `${name} sends no SUBACK for a QoS ${scenario.subscriber?.qos ?? 0} subscription: the subscription never existed, so nothing was forwarded`,
  },
  "protocol-refused": {
    knob: "protocols",
    text: (name, scenario, _p, _profile, detail) =>
      `${name} does not speak MQTT ${scenario.protocol}: it refused the CONNECT${detail.reasonCode === undefined ? "" : ` (CONNACK ${hex(detail.reasonCode)})`}, so nothing went over that connection`,
  },
  "protocol-closed": {
    knob: "protocols",
    text: (name, scenario) =>
      `${name} does not speak MQTT ${scenario.protocol}: it closed the connection without a CONNACK, so nothing went over it`,
  },
  "session-present-0": {
    knob: "sessionPresentNeedsSubscriptions",
    text: (name) =>
      `${name} answered Session Present 0 to the publisher's persistent session: it reports a session only for a client with subscriptions`,
  },
  "repeated-qos2-delivered": {
    knob: "deliversRepeatedQos2",
    text: (name) =>
      `${name} handed a repeated QoS 2 PUBLISH on again, where [MQTT-4.3.3-10] forbids delivering it twice`,
  },
  "stored-copy-published-qos": {
    knob: "storedCopiesAtPublishedQos",
    text: (name, _s, _p, _profile, detail) =>
      `${name} sent its stored copy at the published QoS ${detail.qos ?? 2} after the subscriber reconnected, not at the subscription's lower QoS as [MQTT-3.8.4-8] asks`,
  },
} satisfies Record<string, Kind>;

export type FindingCode = keyof typeof KINDS;
export const FINDING_CODES = Object.keys(KINDS) as FindingCode[];

/** The knob whose sources document a finding of this kind. */
export function knobOf(code: FindingCode): BehaviourKnob {
  return KINDS[code].knob;
}

/** The findings of one run, each kind once per party. */
export class FindingLog {
  private readonly list: Finding[] = [];
  private readonly seen = new Set<string>();
  private readonly scenario: Scenario;

  constructor(scenario: Scenario) {
    this.scenario = scenario;
  }

  /** Notes a finding for `party` at trace event `event` (first occurrence only). */
  add(party: Party, code: FindingCode, event?: number, detail: FindingDetail = {}): void {
    const key = `${party} ${code}`;
    if (this.seen.has(key)) return;
    const profile = profileOf(this.scenario, party, profileNamed);
    if (profile === undefined) return;
    this.seen.add(key);
    const kind: Kind = KINDS[code];
    const finding: Finding = {
      party,
      profile: profile.id,
      code,
      text: kind.text(profile.name, this.scenario, party, profile, detail),
      source: profile.sources[kind.knob]?.[0] ?? "",
    };
    if (event !== undefined) finding.event = event;
    this.list.push(finding);
  }

  /** The findings, or undefined when there are none (the trace then has no `findings`). */
  result(): Finding[] | undefined {
    return this.list.length > 0 ? this.list : undefined;
  }
}
