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
 * - DISCONNECTED (live-resend senders only): the connection broke; the resend timer waits for RESUME.
 */
import { assign, emit, setup } from "xstate";

export type AckType = "PUBACK" | "PUBREC" | "PUBCOMP";

export type SenderEvent =
  | { type: "SEND" }
  | { type: "PUBACK" }
  | { type: "PUBREC" }
  | { type: "PUBCOMP" }
  | { type: "RESUME" }
  | { type: "DISCARD" }
  | { type: "REFUSED" }
  | { type: "DISCONNECTED" };

/** What a sender asks the simulator to do. `resend` marks a packet sent again for the same flow. */
export type SenderEmitted =
  | { type: "send"; packet: "PUBLISH"; dup: boolean; resend: boolean }
  | { type: "send"; packet: "PUBREL"; dup: false; resend: boolean }
  | { type: "timeout"; waitingFor: AckType };

export interface SenderInput {
  /** "on-timeout" mode, or an implementation's live resend: how long to wait before resending. */
  timeoutMs: number;
  /** Live-resend senders: false while the connection is down (the timer then does nothing). */
  connected?: boolean;
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
  guards: {
    connected: ({ context }) => context.connected !== false,
  },
  actions: {
    markConnected: assign({ connected: true }),
    markDisconnected: assign({ connected: false }),
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
 * Which resend timer a sender has: none (MQTT 3.1.1 and 5.0 resend only on reconnect
 * [MQTT-4.4.0-1], and an idle timer would only cost time), "always" (the MQTT 3.1-style
 * "on-timeout" mode, where the connection never breaks), or "while-connected": an implementation
 * that also resends on a live connection (EMQX's retry_interval); its timer does nothing while the
 * connection is down, and RESUME after the reconnect starts it afresh.
 */
export type ResendTimer = "none" | "always" | "while-connected";

/** After timeoutMs without the acknowledgement: report the timeout and resend. */
function resendTimer<S extends string>(
  timer: ResendTimer,
  self: S,
  waitingFor: AckType,
  resend: ResendAction,
) {
  if (timer === "none") return {};
  const transition = {
    target: self,
    reenter: true,
    actions: [{ type: "reportTimeout" as const, params: { waitingFor } }, resend],
  };
  return {
    after: { ackTimeout: timer === "always" ? transition : { ...transition, guard: "connected" as const } },
  };
}

/** A live-resend sender notes a broken connection; the others have no DISCONNECTED transition. */
function whileDisconnected(timer: ResendTimer) {
  return timer === "while-connected" ? { DISCONNECTED: { actions: "markDisconnected" as const } } : {};
}

/** RESUME resends; a live-resend sender also notes that it is connected again. */
function resume<S extends string>(timer: ResendTimer, self: S, resend: ResendAction) {
  const actions = timer === "while-connected" ? ["markConnected" as const, resend] : [resend];
  return { target: self, reenter: true, actions };
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
function qos1SenderMachine(timer: ResendTimer) {
  return senderSetup.createMachine({
    id: "qos1Sender",
    context: ({ input }) => input,
    initial: "queued",
    states: {
      // Pending messages are session state too (3.1.1 §4.1): a clean start discards them unsent.
      queued: { on: { SEND: { target: "awaitingPuback", actions: "sendPublish" }, DISCARD: "discarded" } },
      awaitingPuback: {
        ...resendTimer(timer, "awaitingPuback", "PUBACK", "resendPublish"),
        on: {
          PUBACK: "acknowledged",
          // A refusal acknowledges the PUBLISH too: never resent, its packet id free [MQTT-4.4.0-2].
          REFUSED: "refused",
          // [MQTT-4.4.0-1]: on reconnect with a session, resend every unacknowledged PUBLISH.
          RESUME: resume(timer, "awaitingPuback", "resendPublish"),
          DISCARD: "discarded",
          ...whileDisconnected(timer),
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
function qos2SenderMachine(timer: ResendTimer) {
  return senderSetup.createMachine({
    id: "qos2Sender",
    context: ({ input }) => input,
    initial: "queued",
    states: {
      queued: { on: { SEND: { target: "awaitingPubrec", actions: "sendPublish" }, DISCARD: "discarded" } },
      awaitingPubrec: {
        ...resendTimer(timer, "awaitingPubrec", "PUBREC", "resendPublish"),
        on: {
          PUBREC: { target: "awaitingPubcomp", actions: "sendPubrel" },
          // PUBREL only answers a PUBREC below 0x80 [MQTT-4.3.3-4]; a refusal ends the flow, the
          // PUBLISH is never resent and its packet id is free [MQTT-4.4.0-2].
          REFUSED: "refused",
          RESUME: resume(timer, "awaitingPubrec", "resendPublish"),
          DISCARD: "discarded",
          ...whileDisconnected(timer),
        },
      },
      awaitingPubcomp: {
        ...resendTimer(timer, "awaitingPubcomp", "PUBCOMP", "resendPubrel"),
        on: {
          PUBCOMP: "complete",
          // A late PUBREC (the answer to a resent PUBLISH) is answered with PUBREL again.
          PUBREC: { target: "awaitingPubcomp", reenter: true, actions: "resendPubrel" },
          // [MQTT-4.4.0-1]: on reconnect resend the PUBREL, never the PUBLISH.
          RESUME: resume(timer, "awaitingPubcomp", "resendPubrel"),
          DISCARD: "discarded",
          ...whileDisconnected(timer),
        },
      },
      complete: { type: "final" },
      refused: { type: "final" },
      discarded: { type: "final" },
    },
  });
}

/** Senders as MQTT 3.1.1 / 5.0 specify them: they resend only when told to, after a reconnect. */
export const qos1Sender = qos1SenderMachine("none");
export const qos2Sender = qos2SenderMachine("none");
/** Senders with the MQTT 3.1-style resend timer ("on-timeout" mode). */
export const qos1TimedSender = qos1SenderMachine("always");
export const qos2TimedSender = qos2SenderMachine("always");
/** Senders of an implementation that also resends on a live connection (a profile's liveResendMs). */
export const qos1LiveSender = qos1SenderMachine("while-connected");
export const qos2LiveSender = qos2SenderMachine("while-connected");

/** The sender machines by QoS level for each retransmission mode. */
export const senderMachines = {
  "on-reconnect": [qos0Sender, qos1Sender, qos2Sender],
  "on-timeout": [qos0Sender, qos1TimedSender, qos2TimedSender],
} as const;

/** The sender machines by QoS level for a party whose implementation resends on a live connection. */
export const liveResendSenders = [qos0Sender, qos1LiveSender, qos2LiveSender] as const;
