/**
 * The <mqtt-qos-handshake> markup for a scenario, for a docs author to paste: short attributes
 * where they can say it, and a `scenario` JSON attribute holding only what they cannot (per-client
 * sessions, custom messages, timing…). readAttributes(elementCode(s)) gives back `s` exactly.
 */
import { DEFAULT_TIMING } from "../sim/scenario.ts";
import type { Scenario } from "../sim/types.ts";
import { DEFAULT_WIDTH, ELEMENT_NAME, MAX_MESSAGES } from "./attributes.ts";
import type { EmbedDisplay } from "./embedCode.ts";
import { extensionJson, isDefaultMessage } from "./extensions.ts";
import { formatFaults } from "./faultText.ts";
import { formatProfiles, impliedMethod } from "./profileText.ts";

/** Display attributes to add to the scenario's, in this order. */
export type DisplayAttributes = Readonly<Record<string, string>>;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** The scenario as element attributes (name → value; "" for a boolean attribute). */
export function elementAttributes(scenario: Scenario): Record<string, string> {
  const a: Record<string, string> = { qos: String(scenario.publishQos) };
  const json: Record<string, unknown> = {};
  if (scenario.subscriber) a["subscriber-qos"] = String(scenario.subscriber.qos);
  const { publisher, subscriber } = scenario.session;
  if (publisher !== subscriber) json.session = scenario.session;
  else if (publisher !== "persistent") a.session = publisher;
  if (scenario.retransmit !== "on-reconnect") a.retransmit = scenario.retransmit;
  if (scenario.protocol !== "5.0") a.protocol = scenario.protocol;
  if (scenario.faults.length > 0) a.drop = formatFaults(scenario.faults);
  const { messages } = scenario;
  if (!messages.every(isDefaultMessage) || messages.length > MAX_MESSAGES) json.messages = messages;
  else if (messages.length > 1) a.messages = String(messages.length);
  const { broker, subscriber: atSubscriber } = scenario.qos2Delivery;
  const implied = [impliedMethod(scenario, "broker"), impliedMethod(scenario, "subscriber")];
  if (implied[0] !== implied[1]) {
    if (broker !== implied[0] || atSubscriber !== implied[1]) json.qos2Delivery = scenario.qos2Delivery;
  } else if (broker !== atSubscriber) json.qos2Delivery = scenario.qos2Delivery;
  else if (broker !== implied[0]) a["qos2-delivery"] = broker;
  if (scenario.dedupe) a.dedupe = "";
  if (scenario.profiles) a.profiles = formatProfiles(scenario.profiles);
  const timing = Object.fromEntries(
    Object.entries(scenario.timing).filter(
      ([key, value]) => DEFAULT_TIMING[key as keyof typeof DEFAULT_TIMING] !== value,
    ),
  );
  if (Object.keys(timing).length > 0) json.timing = timing;
  // The fields of issue 14 with no attribute of their own.
  Object.assign(json, extensionJson(scenario));
  if (Object.keys(json).length > 0) a.scenario = JSON.stringify(json);
  return a;
}

/**
 * The display options as the element's attributes, in the embed's words: `controls` always (the
 * element's default differs from the embed's), the others when they differ from the default.
 */
export function displayAttributes(display: EmbedDisplay): Record<string, string> {
  const a: Record<string, string> = { controls: display.controls };
  if (display.theme !== "auto") a.theme = display.theme;
  if (display.autoplay) a.autoplay = "";
  if (display.loop) a.loop = "";
  if (display.steps) a.steps = `${display.steps.from}-${display.steps.to}`;
  if (display.width !== undefined && display.width !== DEFAULT_WIDTH) a.width = String(display.width);
  return a;
}

/** One line of HTML: `<mqtt-qos-handshake qos="2" drop="PUBREC" …></mqtt-qos-handshake>`. */
export function elementCode(scenario: Scenario, display: DisplayAttributes = {}): string {
  const attributes = { ...elementAttributes(scenario), ...display };
  const text = Object.entries(attributes)
    .map(([name, value]) => (value === "" ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`))
    .join("");
  return `<${ELEMENT_NAME}${text}></${ELEMENT_NAME}>`;
}

/** Where the copied snippet loads the element from: the file a site copies into its static files. */
export const ELEMENT_SCRIPT = "mqtt-qos-handshake.iife.js";

/** The element with its script, for a page that does not load it yet: a script line and the tag. */
export function elementSnippet(scenario: Scenario, display: EmbedDisplay, script = ELEMENT_SCRIPT): string {
  return [
    `<script src="${escapeAttribute(script)}" defer></script>`,
    elementCode(scenario, displayAttributes(display)),
  ].join("\n");
}
