/**
 * The arithmetic of MQTT 5.0 intervals on the simulator's clock (simulated ms against whole
 * seconds). Pure.
 */

/** A Session Expiry Interval of 0xFFFFFFFF: the session never expires (5.0 §3.1.2.11.2). */
export const FOREVER_S = 4_294_967_295;

/** The instant a copy received at `now` with a Message Expiry Interval of `expiryS` expires. */
export function expiryDeadline(now: number, expiryS: number): number {
  return now + expiryS * 1000;
}

/**
 * The Message Expiry Interval a forwarded PUBLISH carries: the received value minus the time the
 * message has waited in the broker [MQTT-3.3.2-6]. Only whole seconds of waiting count (the
 * remaining time rounded up), so an interval that has not passed never reads 0; one that has
 * (an unacknowledged copy resent after it) reads 0.
 */
export function remainingExpiryS(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
