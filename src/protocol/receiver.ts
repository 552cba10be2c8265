/**
 * The receiving side of one packet identifier on one hop, for each QoS level (spec §4.3).
 *
 * Receivers emit the acknowledgements they send and a `deliver` when they hand the message to
 * their application (or, for the broker, on to subscribers). Events carry the application
 * message number so that a delivery can be attributed; the protocol itself only sees packet ids.
 */
import { assign, emit, setup } from "xstate";
import type { Qos2Delivery } from "./types.ts";

export type ReceiverEvent =
  { type: "PUBLISH"; message: number; dup: boolean } | { type: "PUBREL" } | { type: "DISCARD" };

export type ReceiverEmitted =
  { type: "send"; packet: "PUBACK" | "PUBREC" | "PUBCOMP" } | { type: "deliver"; message: number };

export interface ReceiverInput {
  /** QoS 2 only: Method A ("on-pubrel") or Method B ("on-publish"), spec Figure 4.3. */
  delivery: Qos2Delivery;
}

interface ReceiverContext extends ReceiverInput {
  /** QoS 2: the message stored (Method A) or whose id is stored (Method B) until PUBREL. */
  stored: number | null;
}

const receiverSetup = setup({
  types: {
    context: {} as ReceiverContext,
    input: {} as ReceiverInput,
    events: {} as ReceiverEvent,
    emitted: {} as ReceiverEmitted,
  },
  guards: {
    deliversOnPublish: ({ context }) => context.delivery === "on-publish",
    deliversOnPubrel: ({ context }) => context.delivery === "on-pubrel",
  },
  actions: {
    deliverPublished: emit(({ event }) => ({
      type: "deliver" as const,
      message: event.type === "PUBLISH" ? event.message : 0,
    })),
    deliverStored: emit(({ context }) => ({ type: "deliver" as const, message: context.stored ?? 0 })),
    store: assign({ stored: ({ event }) => (event.type === "PUBLISH" ? event.message : null) }),
    release: assign({ stored: null }),
    sendPuback: emit({ type: "send", packet: "PUBACK" } as const),
    sendPubrec: emit({ type: "send", packet: "PUBREC" } as const),
    sendPubcomp: emit({ type: "send", packet: "PUBCOMP" } as const),
  },
});

const initialContext = ({ input }: { input: ReceiverInput }): ReceiverContext => ({ ...input, stored: null });

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
    ready: { on: { PUBLISH: { actions: ["deliverPublished", "sendPuback"] } } },
  },
});

/**
 * QoS 2: PUBLISH -> PUBREC, PUBREL -> PUBCOMP. Until PUBREL arrives every PUBLISH with this id is
 * answered with PUBREC and never delivered again [MQTT-4.3.3-10]; every PUBREL is answered with
 * PUBCOMP, even for an id it no longer knows [MQTT-4.3.3-11]. After PUBCOMP the id is free and a
 * PUBLISH with it is a new message.
 */
export const qos2Receiver = receiverSetup.createMachine({
  id: "qos2Receiver",
  context: initialContext,
  initial: "idle",
  states: {
    idle: {
      on: {
        PUBLISH: [
          {
            guard: "deliversOnPublish",
            target: "stored",
            actions: ["store", "deliverPublished", "sendPubrec"],
          },
          { target: "stored", actions: ["store", "sendPubrec"] },
        ],
        PUBREL: { actions: "sendPubcomp" },
      },
    },
    stored: {
      on: {
        PUBLISH: { actions: "sendPubrec" },
        PUBREL: [
          {
            guard: "deliversOnPubrel",
            target: "idle",
            actions: ["deliverStored", "release", "sendPubcomp"],
          },
          { target: "idle", actions: ["release", "sendPubcomp"] },
        ],
        DISCARD: { target: "idle", actions: "release" },
      },
    },
  },
});

export const receiverMachines = [qos0Receiver, qos1Receiver, qos2Receiver] as const;
