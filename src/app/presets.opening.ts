/**
 * The preset the page opens on, and what every plant example is built with (presets.plant.ts, the
 * classic cases on the plant examples trainers use, shared/docs/domain.md). Data only: what
 * happens is the simulator's business. The other examples load with the preset menu.
 *
 * Each scenario is written as the parser gives it back (every default filled in, keys in the
 * parser's order), so the page opens on a preset without loading the scenario validator: the
 * first diagram does not wait for it. presets.test.ts parses each one and finds it unchanged.
 */
import { DEFAULT_MESSAGE, DEFAULT_TIMING } from "../sim/scenarioDefaults.ts";
import type { Fault, MessageSpec, Qos, Scenario, SessionKind } from "../sim/types.ts";

export interface Preset {
  id: string;
  /** A short title. */
  label: string;
  /** One line for the trainer to tell (the real-world cases: what to look for). */
  story: string;
  /** Valid as it is, defaults included (see above). */
  scenario: Scenario;
}

/** MQTT 5.0, resend after reconnect, both Method A deliveries, one lost transmission. */
export function scenarioOf(fields: {
  publishQos: Qos;
  /** Two hops with this subscription QoS; one hop when absent. */
  subscriberQos?: Qos;
  session?: SessionKind;
  messages: Partial<MessageSpec>[];
  lost: Pick<Fault, "hop" | "packet"> & { message?: number };
}): Scenario {
  const { publishQos, subscriberQos, session = "persistent", messages, lost } = fields;
  return {
    protocol: "5.0",
    retransmit: "on-reconnect",
    session: { publisher: session, subscriber: session },
    publishQos,
    ...(subscriberQos === undefined ? {} : { subscriber: { qos: subscriberQos } }),
    qos2Delivery: { broker: "on-pubrel", subscriber: "on-pubrel" },
    dedupe: false,
    messages: messages.map((message) => ({ ...DEFAULT_MESSAGE, ...message })),
    faults: [{ hop: lost.hop, packet: lost.packet, message: lost.message ?? 1, attempt: 1 }],
    timing: { ...DEFAULT_TIMING },
  };
}

export const batch = { topic: "plant/line1/batch", payload: "Batch #101 completed" };
export const batchQos2 = (packet: Fault["packet"]) =>
  scenarioOf({
    publishQos: 2,
    subscriberQos: 2,
    messages: [batch],
    lost: { hop: "publisher-broker", packet },
  });

/** The preset the page opens on when its link names no scenario: Batch #101, PUBREC lost. */
export const OPENING_PRESET: Preset = {
  id: "batch-pubrec-lost",
  label: "Batch #101: PUBREC lost",
  story:
    "The broker stored the batch report and answered PUBREC, which is lost. The PLC resends the PUBLISH; the " +
    "broker knows the packet id, answers PUBREC again and does not pass the report on twice.",
  scenario: batchQos2("PUBREC"),
};

/**
 * A preset's scenario, a fresh copy each time (the page tells a new scenario by a new object, and
 * nothing may change the preset's own).
 */
export function presetScenario(preset: Preset): Scenario {
  return structuredClone(preset.scenario);
}
