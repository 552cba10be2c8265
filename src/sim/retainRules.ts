/**
 * The MQTT rules that tie the retained-message, late-subscriber and will fields to the rest of a
 * scenario (read from the raw input, like scenarioRules.ts, so that they are reported together
 * with every other problem). A rule only judges fields that are valid on their own.
 */

import { field, isPlainObject, ownItems, type Obj } from "./plainData.ts";
import { expected, type Finding } from "./scenarioErrors.ts";
import { DEFAULT_TIMING, LIST_BOUNDS } from "./scenarioDefaults.ts";

/** Every retained/will rule the input breaks. */
export function retainRules(input: Obj): Finding[] {
  return [...onlyIn5(input), ...publisherEndRule(input)];
}

const is5 = (input: Obj): boolean => {
  const protocol = field(input, "protocol");
  return protocol === undefined || protocol === "5.0";
};

/**
 * Subscription options (§3.8.3.1), the Will Delay Interval (§3.1.3.2.2) and DISCONNECT 0x04
 * (§3.14.2.1) exist only in MQTT 5.0: a 3.1.1 scenario may leave them out or give the value
 * that means what 3.1.1 does.
 */
function onlyIn5(input: Obj): Finding[] {
  if (is5(input)) return [];
  const found: Finding[] = [];
  const refuse = (path: (string | number)[], what: string, value: unknown): void => {
    found.push({
      path,
      message: expected(`${what} in MQTT 3.1.1 (the option exists only in 5.0)`, value),
    });
  };
  const subscriber = field(input, "subscriber");
  if (isPlainObject(subscriber)) {
    const rap = field(subscriber, "retainAsPublished");
    if (rap === true) refuse(["subscriber", "retainAsPublished"], "false or nothing", rap);
    const rh = field(subscriber, "retainHandling");
    if (rh === 1 || rh === 2) refuse(["subscriber", "retainHandling"], "0 or nothing", rh);
  }
  const will = field(input, "will");
  if (isPlainObject(will)) {
    const delay = field(will, "delayS");
    if (typeof delay === "number" && delay !== 0) refuse(["will", "delayS"], "0 or nothing", delay);
  }
  const end = field(input, "publisherEnd");
  if (isPlainObject(end) && field(end, "kind") === "disconnect-with-will") {
    refuse(["publisherEnd", "kind"], `"disconnect" or "crash"`, "disconnect-with-will");
  }
  return found;
}

/**
 * The publisher does not come back after its end, so it must come after the last message is
 * published: a message it could never publish would be reported as lost for no reason.
 */
function publisherEndRule(input: Obj): Finding[] {
  const end = field(input, "publisherEnd");
  if (!isPlainObject(end)) return [];
  const atMs = field(end, "atMs");
  if (typeof atMs !== "number" || !Number.isFinite(atMs) || atMs < 0) return [];
  const last = lastPublishAt(input);
  if (last === undefined || atMs > last) return [];
  return [
    {
      path: ["publisherEnd", "atMs"],
      message: expected(`a time after the last message is published (${last} ms)`, atMs),
    },
  ];
}

/**
 * When the last message is published: each message's `atMs` when it gives one, else the previous
 * message's time plus `timing.publishIntervalMs` (the first at 0). Undefined when the fields it
 * needs are not valid enough to say.
 */
function lastPublishAt(input: Obj): number | undefined {
  const timing = field(input, "timing") ?? {};
  if (!isPlainObject(timing)) return undefined;
  const interval = field(timing, "publishIntervalMs") ?? DEFAULT_TIMING.publishIntervalMs;
  if (typeof interval !== "number" || !Number.isFinite(interval) || interval < 0) return undefined;
  const messages = field(input, "messages") ?? [{}];
  if (!Array.isArray(messages)) return undefined;
  const { min, max } = LIST_BOUNDS.messages;
  if (messages.length < min || messages.length > max) return undefined;
  let t = 0;
  let first = true;
  for (const m of ownItems(messages)) {
    const at = isPlainObject(m) ? field(m, "atMs") : undefined;
    if (typeof at === "number" && Number.isFinite(at)) t = at;
    else if (!first) t += interval;
    first = false;
  }
  return t;
}

/** How many message numbers a fault may name: the will, when there is one, is message N + 1. */
export function willMessageSlot(input: Obj): number {
  return isPlainObject(field(input, "will")) ? 1 : 0;
}
