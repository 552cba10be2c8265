/**
 * The sending side of one application message on one hop, for each QoS level (spec §4.3).
 *
 * A sender never touches the link: it *emits* the packets it wants on the wire and the simulator
 * decides their fate. Time reaches it only through its `after` timer, on the simulator's virtual clock.
 * The engine drives it with:
 * - SEND: the connection is up, send the message for the first time (DUP=0);
 * - PUBACK / PUBREC / PUBCOMP: an acknowledgement with this sender's packet id arrived;
 * - RESUME: the client reconnected and the session was present: resend what is unacknowledged;
 * - DISCARD: the session was discarded (clean session): forget the message;
 * - REFUSED: MQTT 5.0, the PUBACK (QoS 1) or PUBREC (QoS 2) carried a reason code >= 0x80.
 */
import { emit, setup } from "xstate";

export type AckType = "PUBACK" | "PUBREC" | "PUBCOMP";

export type SenderEvent =
  | { type: "SEND" }
  | { type: "PUBACK" }
  | { type: "PUBREC" }
  | { type: "PUBCOMP" }
  | { type: "RESUME" }
  | { type: "DISCARD" }
  | { type: "REFUSED" };

/** What a sender asks the simulator to do. `resend` marks a packet sent again for the same flow. */
export type SenderEmitted =
  | { type: "send"; packet: "PUBLISH"; dup: boolean; resend: boolean }
  | { type: "send"; packet: "PUBREL"; dup: false; resend: boolean }
  | { type: "timeout"; waitingFor: AckType };

export interface SenderInput {
  /** "on-timeout" mode only: how long to wait for an acknowledgement before resending. */
  timeoutMs: number;
}

const senderSetup = setup({
  types: {
    context: {} as SenderInput,
    input: {} as SenderInput,
    events: {} as SenderEvent,
    emitted: {} as SenderEmitted,
  },
  delays: {
    ackTimeout: ({ context }) => context.timeoutMs,
  },
  actions: {
    sendPublish: emit({ type: "send", packet: "PUBLISH", dup: false, resend: false } as const),
    // A resent PUBLISH has DUP=1 [MQTT-3.3.1-1]; it keeps its packet id [MQTT-4.4.0-1].
    resendPublish: emit({ type: "send", packet: "PUBLISH", dup: true, resend: true } as const),
    // [MQTT-4.3.3-4]: answer PUBREC with PUBREL.
    sendPubrel: emit({ type: "send", packet: "PUBREL", dup: false, resend: false } as const),
    resendPubrel: emit({ type: "send", packet: "PUBREL", dup: false, resend: true } as const),
    reportTimeout: emit((_, params: { waitingFor: AckType }) => ({
      type: "timeout" as const,
      waitingFor: params.waitingFor,
    })),
  },
});

type ResendAction = "resendPublish" | "resendPubrel";

/**
 * The "on-timeout" resend timer (MQTT 3.1 style): after timeoutMs without the acknowledgement,
 * report the timeout and resend. In "on-reconnect" mode there is no timer at all: MQTT 3.1.1 and
 * 5.0 resend only on reconnect [MQTT-4.4.0-1], and an idle timer would only cost time.
 */
function resendTimer<S extends string>(
  withTimer: boolean,
  self: S,
  waitingFor: AckType,
  resend: ResendAction,
) {
  if (!withTimer) return {};
  return {
    after: {
      ackTimeout: {
        target: self,
        reenter: true,
        actions: [{ type: "reportTimeout" as const, params: { waitingFor } }, resend],
      },
    },
  };
}

/** QoS 0: at most once. One PUBLISH, no acknowledgement, never resent (spec §4.3.1). */
export const qos0Sender = senderSetup.createMachine({
  id: "qos0Sender",
  context: ({ input }) => input,
  initial: "queued",
  states: {
    // A QoS 0 message queued for an offline subscriber expires with its session or its interval.
    queued: { on: { SEND: { target: "sent", actions: "sendPublish" }, DISCARD: "discarded" } },
    sent: { type: "final" },
    discarded: { type: "final" },
  },
});

/** QoS 1: at least once. Keep the message until PUBACK (spec §4.3.2). */
function qos1SenderMachine(withTimer: boolean) {
  return senderSetup.createMachine({
    id: "qos1Sender",
    context: ({ input }) => input,
    initial: "queued",
    states: {
      // Pending messages are session state too (3.1.1 §4.1): a clean start discards them unsent.
      queued: { on: { SEND: { target: "awaitingPuback", actions: "sendPublish" }, DISCARD: "discarded" } },
      awaitingPuback: {
        ...resendTimer(withTimer, "awaitingPuback", "PUBACK", "resendPublish"),
        on: {
          PUBACK: "acknowledged",
          // A refusal acknowledges the PUBLISH too: never resent, its packet id free [MQTT-4.4.0-2].
          REFUSED: "refused",
          // [MQTT-4.4.0-1]: on reconnect with a session, resend every unacknowledged PUBLISH.
          RESUME: { target: "awaitingPuback", reenter: true, actions: "resendPublish" },
          DISCARD: "discarded",
        },
      },
      acknowledged: { type: "final" },
      refused: { type: "final" },
      discarded: { type: "final" },
    },
  });
}

/**
 * QoS 2: exactly once. PUBLISH until PUBREC, then PUBREL until PUBCOMP; once PUBREL was sent the
 * PUBLISH is never sent again [MQTT-4.3.3-6] (the state that could resend it has been left).
 */
function qos2SenderMachine(withTimer: boolean) {
  return senderSetup.createMachine({
    id: "qos2Sender",
    context: ({ input }) => input,
    initial: "queued",
    states: {
      queued: { on: { SEND: { target: "awaitingPubrec", actions: "sendPublish" }, DISCARD: "discarded" } },
      awaitingPubrec: {
        ...resendTimer(withTimer, "awaitingPubrec", "PUBREC", "resendPublish"),
        on: {
          PUBREC: { target: "awaitingPubcomp", actions: "sendPubrel" },
          // PUBREL only answers a PUBREC below 0x80 [MQTT-4.3.3-4]; a refusal ends the flow, the
          // PUBLISH is never resent and its packet id is free [MQTT-4.4.0-2].
          REFUSED: "refused",
          RESUME: { target: "awaitingPubrec", reenter: true, actions: "resendPublish" },
          DISCARD: "discarded",
        },
      },
      awaitingPubcomp: {
        ...resendTimer(withTimer, "awaitingPubcomp", "PUBCOMP", "resendPubrel"),
        on: {
          PUBCOMP: "complete",
          // A late PUBREC (the answer to a resent PUBLISH) is answered with PUBREL again.
          PUBREC: { target: "awaitingPubcomp", reenter: true, actions: "resendPubrel" },
          // [MQTT-4.4.0-1]: on reconnect resend the PUBREL, never the PUBLISH.
          RESUME: { target: "awaitingPubcomp", reenter: true, actions: "resendPubrel" },
          DISCARD: "discarded",
        },
      },
      complete: { type: "final" },
      refused: { type: "final" },
      discarded: { type: "final" },
    },
  });
}

/** Senders as MQTT 3.1.1 / 5.0 specify them: they resend only when told to, after a reconnect. */
export const qos1Sender = qos1SenderMachine(false);
export const qos2Sender = qos2SenderMachine(false);
/** Senders with the MQTT 3.1-style resend timer ("on-timeout" mode). */
export const qos1TimedSender = qos1SenderMachine(true);
export const qos2TimedSender = qos2SenderMachine(true);

/** The sender machines by QoS level for each retransmission mode. */
export const senderMachines = {
  "on-reconnect": [qos0Sender, qos1Sender, qos2Sender],
  "on-timeout": [qos0Sender, qos1TimedSender, qos2TimedSender],
} as const;
