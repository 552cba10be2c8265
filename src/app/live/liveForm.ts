/**
 * The Live view's form and the run request it makes: the broker (one the server offers, or a URL
 * checked with src/live's parseBrokerUrl), the client, the fault mode, seeded random loss and, for
 * a URL broker, credentials and TLS. Pure. Credentials go into the one request and nowhere else.
 */
import {
  MAX_LOSS_RATE,
  parseBrokerUrl,
  type BrokerChoice,
  type FaultMode,
  type LiveClient,
  type LiveRequest,
} from "../../live/index.ts";
import type { Scenario } from "../../sim/types.ts";

/** The broker field's value for "a broker by URL". */
export const URL_BROKER = "url";

export interface LiveForm {
  /** A broker id from the server's hello ("aedes", "mosquitto"), or URL_BROKER. */
  broker: string;
  url: string;
  client: LiveClient;
  faultMode: FaultMode;
  loss: boolean;
  lossRate: string;
  lossSeed: string;
  username: string;
  password: string;
  tlsInsecure: boolean;
}

export const INITIAL_FORM: LiveForm = {
  broker: "aedes",
  url: "mqtt://127.0.0.1:1883",
  client: "own",
  faultMode: "cut",
  loss: false,
  lossRate: "0.1",
  lossSeed: "1",
  username: "",
  password: "",
  tlsInsecure: false,
};

export type FormField = "url" | "lossRate" | "lossSeed";

export type FormResult =
  { ok: true; request: LiveRequest } | { ok: false; problems: Partial<Record<FormField, string>> };

/** The URL field's problem, in the words of parseBrokerUrl (without the command line's "--broker: "). */
export function urlProblem(url: string): string | null {
  const parsed = parseBrokerUrl(url);
  return parsed.ok ? null : parsed.message.replace(/^--broker: /, "");
}

/** Whether the URL names a TLS broker (mqtts://, wss://): the view offers "accept any certificate". */
export function isTlsUrl(url: string): boolean {
  const parsed = parseBrokerUrl(url);
  return (
    parsed.ok &&
    parsed.broker.kind === "url" &&
    (parsed.broker.scheme === "mqtts" || parsed.broker.scheme === "wss")
  );
}

function lossProblems(form: LiveForm): Partial<Record<FormField, string>> {
  if (!form.loss) return {};
  const problems: Partial<Record<FormField, string>> = {};
  const rate = Number(form.lossRate);
  if (form.lossRate.trim() === "" || !(rate > 0 && rate <= MAX_LOSS_RATE))
    problems.lossRate = `expected a loss rate above 0 and at most ${MAX_LOSS_RATE}`;
  const seed = Number(form.lossSeed);
  if (!/^\s*\d+\s*$/.test(form.lossSeed) || !(seed >= 0 && seed <= 2 ** 32 - 1))
    problems.lossSeed = `expected a whole number from 0 to ${2 ** 32 - 1}`;
  return problems;
}

export function formRequest(form: LiveForm, scenario: Scenario): FormResult {
  const byUrl = form.broker === URL_BROKER;
  const problems = lossProblems(form);
  const url = byUrl ? urlProblem(form.url) : null;
  if (url !== null) problems.url = url;
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const request: LiveRequest = {
    scenario,
    broker: byUrl ? form.url.trim() : form.broker,
    client: form.client,
    faultMode: form.faultMode,
    tlsInsecure: byUrl && isTlsUrl(form.url) && form.tlsInsecure,
    ...(form.loss ? { loss: { rate: Number(form.lossRate), seed: Number(form.lossSeed) } } : {}),
    ...(byUrl && form.username !== ""
      ? {
          credentials: {
            username: form.username,
            ...(form.password !== "" ? { password: form.password } : {}),
          },
        }
      : {}),
  };
  return { ok: true, request };
}

/**
 * What stops this scenario from running on the chosen broker, said before Run: a live run needs
 * `retransmit: on-reconnect` (TCP loses connections, not single packets: spec §4.2), and a broker
 * the lab offers names the MQTT versions it speaks (Aedes: 3.1.1 only). Empty when nothing does.
 */
export function scenarioWarnings(scenario: Scenario, broker: BrokerChoice | undefined): string[] {
  const warnings: string[] = [];
  if (scenario.retransmit !== "on-reconnect")
    warnings.push(
      'This scenario resends on a timer; a live run needs "resend after reconnect" (retransmit on-reconnect): a real connection loses connections, not single packets. Change it in Set-up.',
    );
  if (broker !== undefined && !broker.protocols.includes(scenario.protocol))
    warnings.push(
      `${broker.label} speaks MQTT ${broker.protocols.join(" and ")} only; this scenario uses MQTT ${scenario.protocol}. Change the protocol in Set-up, or pick another broker.`,
    );
  return warnings;
}
