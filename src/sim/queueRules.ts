/**
 * The cross-field rules of offline periods, queueing and expiry (scenarioRules.ts runs them with
 * the others). Each reads the raw input and judges only fields that are valid on their own.
 */
import { field, isPlainObject, ownItems, type Obj } from "./plainData.ts";
import type { Finding } from "./scenarioErrors.ts";

/** Every rule of this area the input breaks. */
export function queueRules(input: Obj, protocol: unknown): Finding[] {
  return [...offlineRules(input), ...fiveOnlyRules(input, protocol), ...sessionExpiryRules(input)];
}

function isNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/**
 * Offline periods come in order and do not overlap; and they need a resend model that survives a
 * closed connection: "on-timeout" keeps resending on a timer, which cannot happen while the
 * subscriber is away (the model would have to resend into a closed connection).
 */
function offlineRules(input: Obj): Finding[] {
  const subscriber = field(input, "subscriber");
  if (!isPlainObject(subscriber)) return [];
  const offline = field(subscriber, "offline");
  if (!Array.isArray(offline) || offline.length === 0) return [];
  const found: Finding[] = [];
  if (field(input, "retransmit") === "on-timeout") {
    found.push({
      path: ["subscriber", "offline"],
      message:
        'offline periods need "retransmit": "on-reconnect": the "on-timeout" model resends on a timer, ' +
        "which a subscriber that is away cannot receive",
    });
  }
  let endOfLast: number | undefined;
  ownItems(offline).forEach((period, i) => {
    if (!isPlainObject(period)) return;
    const atMs = field(period, "atMs");
    const forMs = field(period, "forMs");
    if (!isNumber(atMs)) return;
    if (endOfLast !== undefined && atMs < endOfLast) {
      found.push({
        path: ["subscriber", "offline", i, "atMs"],
        message: `expected at least ${endOfLast}, the end of the previous offline period; got ${atMs}`,
      });
    }
    endOfLast = isNumber(forMs) ? atMs + forMs : undefined;
  });
  return found;
}

/** Session Expiry Interval and Message Expiry Interval are MQTT 5.0 properties (§3.1.2.11.2, §3.3.2.3.3). */
function fiveOnlyRules(input: Obj, protocol: unknown): Finding[] {
  if (protocol !== "3.1.1") return [];
  const found: Finding[] = [];
  const fix = 'use "protocol": "5.0" or leave it out';
  if (field(input, "sessionExpiryS") !== undefined) {
    found.push({
      path: ["sessionExpiryS"],
      message: `the Session Expiry Interval is MQTT 5.0 only: a 3.1.1 persistent session lasts until a clean connect; ${fix}`,
    });
  }
  const messages = field(input, "messages");
  if (Array.isArray(messages)) {
    ownItems(messages).forEach((m, i) => {
      if (isPlainObject(m) && field(m, "expiryS") !== undefined) {
        found.push({
          path: ["messages", i, "expiryS"],
          message: `the Message Expiry Interval is MQTT 5.0 only: 3.1.1 messages do not expire; ${fix}`,
        });
      }
    });
  }
  return found;
}

/** A clean session has nothing to keep: its CONNECT says Clean Start 1 and Session Expiry 0. */
function sessionExpiryRules(input: Obj): Finding[] {
  const expiry = field(input, "sessionExpiryS");
  if (!isPlainObject(expiry)) return [];
  const session = field(input, "session") ?? "persistent";
  const found: Finding[] = [];
  for (const client of ["publisher", "subscriber"] as const) {
    if (field(expiry, client) === undefined) continue;
    const kind = isPlainObject(session) ? (field(session, client) ?? "persistent") : session;
    if (kind !== "clean") continue;
    found.push({
      path: ["sessionExpiryS", client],
      message: `a Session Expiry Interval needs a persistent session; the ${client}'s is clean (it keeps nothing, Session Expiry 0)`,
    });
  }
  if (field(expiry, "subscriber") !== undefined && field(input, "subscriber") === undefined) {
    found.push({
      path: ["sessionExpiryS", "subscriber"],
      message: 'the subscriber exists only with two hops, which need "subscriber": { "qos": … }',
    });
  }
  return found;
}
