/**
 * The receiving side of one packet identifier on one hop, for each QoS level (spec §4.3).
 *
 * Receivers emit the acknowledgements they send and a `deliver` when they hand the message to
 * their application (or, for the broker, on to subscribers). Like the protocol, they know packet
 * ids only: which application message a delivery hands over is the simulator's bookkeeping (the
 * PUBLISH that arrives, or under Method A the one whose arrival moved the id to `stored`). Their
 * context never changes, so every step depends on the state and the event type alone, which lets
 * the simulator's pure driver compute each step once (src/sim/pureDriver.ts).
 */
import { emit, setup } from "xstate";
import type { Qos2Delivery } from "./types.ts";

/**
 * `dup` is the packet's DUP flag; a receiver must not use it to detect duplicates (spec §2).
 * REFUSE (MQTT 5.0): a PUBLISH arrived that this receiver does not accept (not authorized, quota
 * exceeded, ...: why is the simulator's business, as is the reason code it puts on the answer).
 */
export type ReceiverEvent =
  | { type: "PUBLISH"; dup: boolean }
  | { type: "REFUSE"; dup: boolean }
  | { type: "PUBREL" }
  | { type: "DISCARD" };

/**
 * `refusal`: the PUBACK/PUBREC refuses the PUBLISH (reason code >= 0x80). `unknownId`: the PUBCOMP
 * answers a PUBREL for an id this receiver does not hold (5.0 may say 0x92 "not found").
 */
export type ReceiverEmitted =
  | { type: "send"; packet: "PUBACK" | "PUBREC" | "PUBCOMP"; refusal?: true; unknownId?: true }
  | { type: "deliver" };

export interface ReceiverInput {
  /** QoS 2 only: Method A ("on-pubrel") or Method B ("on-publish"), spec Figure 4.3. */
  delivery: Qos2Delivery;
  /**
   * QoS 2 only, an implementation's departure (Paho Go): a repeated PUBLISH with an id it holds is
   * handed on again, against [MQTT-4.3.3-10]. Absent: never.
   */
  repeats?: boolean;
}

const receiverSetup = setup({
  types: {
    context: {} as ReceiverInput,
    input: {} as ReceiverInput,
    events: {} as ReceiverEvent,
    emitted: {} as ReceiverEmitted,
  },
  guards: {
    deliversOnPublish: ({ context }) => context.delivery === "on-publish",
    deliversOnPubrel: ({ context }) => context.delivery === "on-pubrel",
    deliversRepeats: ({ context }) => context.repeats === true,
  },
  actions: {
    // The message the arriving PUBLISH carries (QoS 0, 1, Method B) ...
    deliverPublished: emit({ type: "deliver" } as const),
    // ... or, under Method A, the one stored under this id, on the PUBREL that releases it.
    deliverStored: emit({ type: "deliver" } as const),
    sendPuback: emit({ type: "send", packet: "PUBACK" } as const),
    sendPubrec: emit({ type: "send", packet: "PUBREC" } as const),
    sendPubcomp: emit({ type: "send", packet: "PUBCOMP" } as const),
    sendPubcompUnknownId: emit({ type: "send", packet: "PUBCOMP", unknownId: true } as const),
    refusePuback: emit({ type: "send", packet: "PUBACK", refusal: true } as const),
    refusePubrec: emit({ type: "send", packet: "PUBREC", refusal: true } as const),
  },
});

const initialContext = ({ input }: { input: ReceiverInput }): ReceiverInput => input;

/** QoS 0: deliver what arrives; nothing is acknowledged. */
export const qos0Receiver = receiverSetup.createMachine({
  id: "qos0Receiver",
  context: initialContext,
  initial: "ready",
  states: {
    ready: { on: { PUBLISH: { actions: "deliverPublished" } } },
  },
});

/**
 * QoS 1: deliver, then PUBACK. After sending PUBACK the receiver MUST treat a PUBLISH with the same
 * id as a new message, whatever its DUP flag [MQTT-4.3.2-5]: so a resend after a lost PUBACK is
 * delivered again. That is QoS 1's "at least once".
 */
export const qos1Receiver = receiverSetup.createMachine({
  id: "qos1Receiver",
  context: initialContext,
  initial: "ready",
  states: {
    ready: {
      on: {
        PUBLISH: { actions: ["deliverPublished", "sendPuback"] },
        // A refusal is the PUBACK, with a reason code >= 0x80 and no delivery (§3.4.2.1).
        REFUSE: { actions: "refusePuback" },
      },
    },
  },
});

/**
 * QoS 2: PUBLISH -> PUBREC, PUBREL -> PUBCOMP. Until PUBREL arrives every PUBLISH with this id is
 * answered with PUBREC and never delivered again [MQTT-4.3.3-10]; every PUBREL is answered with
 * PUBCOMP, even for an id it no longer knows [MQTT-4.3.3-11]. After PUBCOMP the id is free and a
 * PUBLISH with it is a new message. A refused PUBLISH (PUBREC >= 0x80) holds nothing: the next
 * PUBLISH with that id is a new message [MQTT-4.3.3-9].
 */
export const qos2Receiver = receiverSetup.createMachine({
  id: "qos2Receiver",
  context: initialContext,
  initial: "idle",
  states: {
    idle: {
      on: {
        PUBLISH: [
          // `stored`: Method A holds the message, Method B only its packet id, until PUBREL.
          { guard: "deliversOnPublish", target: "stored", actions: ["deliverPublished", "sendPubrec"] },
          { target: "stored", actions: "sendPubrec" },
        ],
        REFUSE: { actions: "refusePubrec" },
        PUBREL: { actions: "sendPubcompUnknownId" },
      },
    },
    stored: {
      on: {
        PUBLISH: [
          { guard: "deliversRepeats", actions: ["deliverPublished", "sendPubrec"] },
          { actions: "sendPubrec" },
        ],
        // Refusing a PUBLISH whose id it holds ends that flow too: the id is free again.
        REFUSE: { target: "idle", actions: "refusePubrec" },
        PUBREL: [
          { guard: "deliversOnPubrel", target: "idle", actions: ["deliverStored", "sendPubcomp"] },
          { target: "idle", actions: "sendPubcomp" },
        ],
        // A clean start throws the stored state away: under Method A the message is lost.
        DISCARD: "idle",
      },
    },
  },
});

export const receiverMachines = [qos0Receiver, qos1Receiver, qos2Receiver] as const;
