/**
 * When the broker publishes a will (5.0 §3.1.2.5, §3.1.3.2.2; 3.1.1 §3.1.2.5): at once when the
 * connection ends without DISCONNECT 0x00 [MQTT-3.1.2-8], or after the 5.0 Will Delay Interval,
 * or when the session ends if that comes first [MQTT-3.1.3-9]. Pure.
 */
import type { Protocol } from "../protocol/types.ts";
import { PERSISTENT_SESSION_EXPIRY_S } from "../protocol/wirePacket.ts";
import type { SessionKind, WillEvent } from "./types.ts";

/** What ended the connection with the will still held. */
export type WillTrigger = "connection-lost" | "disconnect-with-will";

export interface WillTiming {
  /** Simulated ms after the connection ended. */
  afterMs: number;
  reason: WillEvent["reason"];
}

/**
 * The session's expiry, seconds: 0 for a clean session (3.1.1 CleanSession=1 ends the session with
 * the connection; 5.0 Clean Start with Session Expiry 0), else the 5.0 Session Expiry Interval.
 */
export function sessionExpiryS(session: SessionKind, given: number | undefined): number {
  return session === "clean" ? 0 : (given ?? PERSISTENT_SESSION_EXPIRY_S);
}

/**
 * When the will goes out after its connection ended: at once without a delay (3.1.1 has none);
 * else after the Will Delay Interval, or when the session ends if that is sooner.
 */
export function willTiming(
  trigger: WillTrigger,
  protocol: Protocol,
  delayS: number | undefined,
  expiryS: number,
): WillTiming {
  const delay = protocol === "5.0" ? (delayS ?? 0) : 0;
  if (delay === 0) return { afterMs: 0, reason: trigger };
  if (expiryS < delay) return { afterMs: expiryS * 1000, reason: "session-expired" };
  return { afterMs: delay * 1000, reason: "delay-elapsed" };
}
