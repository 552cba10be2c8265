/**
 * An implementation profile: what one real broker, cloud service or client library does where it
 * departs from the specification (or where MQTT leaves a choice), as data with its sources. A
 * profile overrides only the `Behaviour` knobs its sources speak about; everything else stays
 * `SPEC_BEHAVIOUR`. Pure data.
 */
import type { Behaviour } from "../behaviour.ts";

/** What a profile can stand for in a scenario: the broker, or one of the two clients. */
export type ProfileRole = "broker" | "client";

/** A knob of `Behaviour` that a profile may override. */
export type BehaviourKnob = keyof Behaviour;

/**
 * A fact about the implementation that no knob holds (yet), with where it is documented: kept for
 * knobs that do not exist yet or that the model does not show. Each profile file exports its notes
 * beside its record, which leaves them out (notes.ts lists them), so the page's scripts carry none.
 */
export interface ProfileNote {
  text: string;
  sources: readonly string[];
}

export interface Profile {
  /** The id a scenario names (`"profiles": { "broker": "emqx-5" }`), in links, embeds and elements. */
  id: string;
  /** "EMQX 5", "MQTT.js 5", "the specification": how the explanations name it in a sentence. */
  name: string;
  /**
   * "RabbitMQ 3.x (MQTT plugin)", "Specification": its one name on screen, with the version the
   * record describes (the profile picker, compare's headings, the explorer, the matrix).
   */
  label: string;
  /** The versions the record describes ("5.0 and later", "2.0.x"). */
  versions: string;
  /** Whether it can be the broker, a client, or both. */
  roles: readonly ProfileRole[];
  /** The knobs it turns, and only those. */
  behaviour: Readonly<Partial<Behaviour>>;
  /** For each knob it turns: the URLs (code, documentation, issues) that say so. */
  sources: Readonly<Partial<Record<BehaviourKnob, readonly string[]>>>;
}

/** Declares a profile: the type checks that every knob it turns has its sources. */
export function defineProfile<const K extends BehaviourKnob>(
  profile: Omit<Profile, "behaviour" | "sources"> & {
    behaviour: Readonly<Pick<Behaviour, K>>;
    sources: Readonly<Record<K, readonly string[]>>;
  },
): Profile {
  return Object.freeze(profile);
}
