/**
 * A scenario as a link's search part, in the format's own field names, defaults left out so links
 * stay short (url.ts reads it back). Apart from the reader: the page writes its address only after
 * its first diagram (app/useUrlSync.ts loads this then), so that diagram does not wait for it. Pure.
 */
import type { Scenario } from "../sim/types.ts";
import { extensionJson, isDefaultMessage } from "./extensions.ts";
import { formatFaults } from "./faultText.ts";
import { formatProfiles, impliedMethod } from "./profileText.ts";
import { MODES, type Mode } from "./url.ts";

/**
 * The search part for a scenario (defaults left out, so links stay short); position and modes
 * optional.
 */
export function writeUrl(
  scenario: Scenario,
  extra: { t?: number; view?: string } & Partial<Record<Mode, boolean>> & { compare?: string | null } = {},
): string {
  const p = new URLSearchParams();
  if (scenario.protocol !== "5.0") p.set("protocol", scenario.protocol);
  if (scenario.retransmit !== "on-reconnect") p.set("retransmit", scenario.retransmit);
  const { publisher, subscriber } = scenario.session;
  if (publisher === subscriber) {
    if (publisher !== "persistent") p.set("session", publisher);
  } else {
    p.set("session.publisher", publisher);
    p.set("session.subscriber", subscriber);
  }
  p.set("publishQos", String(scenario.publishQos));
  if (scenario.subscriber) p.set("subscriber.qos", String(scenario.subscriber.qos));
  if (scenario.qos2Delivery.broker !== impliedMethod(scenario, "broker"))
    p.set("qos2Delivery.broker", scenario.qos2Delivery.broker);
  if (scenario.qos2Delivery.subscriber !== impliedMethod(scenario, "subscriber")) {
    p.set("qos2Delivery.subscriber", scenario.qos2Delivery.subscriber);
  }
  if (scenario.dedupe) p.set("dedupe", "true");
  if (scenario.profiles) p.set("profiles", formatProfiles(scenario.profiles));
  if (!scenario.messages.every(isDefaultMessage)) p.set("messages", JSON.stringify(scenario.messages));
  else if (scenario.messages.length > 1) p.set("messages", String(scenario.messages.length));
  const defaults = { latencyMs: 40, timeoutMs: 500, reconnectDelayMs: 300, publishIntervalMs: 1000 } as const;
  for (const key of Object.keys(defaults) as (keyof typeof defaults)[]) {
    if (scenario.timing[key] !== defaults[key]) p.set(`timing.${key}`, String(scenario.timing[key]));
  }
  if (scenario.faults.length > 0) p.set("faults", formatFaults(scenario.faults));
  // The fields of issue 14 with no parameter of their own, in the scenario format's JSON.
  const extensions = extensionJson(scenario);
  if (Object.keys(extensions).length > 0) p.set("scenario", JSON.stringify(extensions));
  if (extra.view && extra.view !== "diagram") p.set("view", extra.view);
  for (const mode of MODES) if (extra[mode]) p.set(mode, "1");
  if (typeof extra.compare === "string") p.set("compare", extra.compare);
  if (extra.t !== undefined) p.set("t", String(Math.round(extra.t)));
  // Keep the commas, slashes and dots of the readable syntax readable.
  return "?" + p.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
}
