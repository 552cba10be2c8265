/**
 * The live lab's `--broker` argument: a broker URL (mqtt://, mqtts://, ws://, wss://) or the name of
 * a broker the lab starts itself ("aedes" embedded in the process, "mosquitto" as a child process).
 * Credentials are never read from a URL: they would end up in shell history, logs and traces. Pure.
 */

export type BrokerScheme = "mqtt" | "mqtts" | "ws" | "wss";

export type BrokerTarget =
  | { kind: "aedes" }
  | { kind: "mosquitto" }
  | {
      kind: "url";
      scheme: BrokerScheme;
      /** Host name or IP address; an IPv6 address keeps its brackets. */
      host: string;
      port: number;
      /** WebSocket path ("/" when absent); "" for mqtt:// and mqtts://. */
      path: string;
      /** The URL written back in full, port included. */
      url: string;
    };

export type BrokerUrlResult = { ok: true; broker: BrokerTarget } | { ok: false; message: string };

const DEFAULT_PORTS: Record<BrokerScheme, number> = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 };
const SCHEMES = Object.keys(DEFAULT_PORTS) as BrokerScheme[];
const EXPECTED =
  'expected mqtt://host[:port], mqtts://host[:port], ws://host[:port][/path], wss://…, "aedes" or "mosquitto"';

function fail(message: string): BrokerUrlResult {
  return { ok: false, message: `--broker: ${message}` };
}

function isScheme(s: string): s is BrokerScheme {
  return (SCHEMES as string[]).includes(s);
}

const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;

/** Parses `--broker`; a refusal's message names the argument and what was expected. Pure. */
export function parseBrokerUrl(text: string): BrokerUrlResult {
  const input = text.trim();
  const named = input.toLowerCase();
  if (named === "aedes" || named === "mosquitto") return { ok: true, broker: { kind: named } };
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/.exec(input);
  if (!m) return fail(`${EXPECTED}; got ${JSON.stringify(input)}`);
  const scheme = (m[1] ?? "").toLowerCase();
  const authority = m[2] ?? "";
  const rest = m[3] ?? "";
  if (!isScheme(scheme)) return fail(`unsupported scheme "${scheme}://": ${EXPECTED}`);
  // Never echo the part before "@": it may hold a password.
  if (authority.includes("@")) {
    return fail(
      `credentials are never taken from the URL; remove "user:password@" and set MQTT_USERNAME / MQTT_PASSWORD in the environment instead`,
    );
  }
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority);
  const host = hp?.[1] ?? "";
  const portText = hp?.[2];
  if (host === "") return fail(`${scheme}:// URL has no host; ${EXPECTED}`);
  if (!HOST_NAME.test(host) && !IPV6.test(host))
    return fail(`host: expected a host name or an IP address; got ${JSON.stringify(host)}`);
  let port = DEFAULT_PORTS[scheme];
  if (portText !== undefined) {
    port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535))
      return fail(`port: expected a number from 1 to 65535; got ${JSON.stringify(portText)}`);
  }
  if (rest.includes("#")) return fail(`a broker URL has no fragment ("#…"); got ${JSON.stringify(rest)}`);
  const ws = scheme === "ws" || scheme === "wss";
  if (!ws && rest !== "" && rest !== "/") {
    return fail(
      `${scheme}:// URLs take no path or query (only ws:// and wss:// have a path); got ${JSON.stringify(rest)}`,
    );
  }
  const path = ws ? (rest === "" ? "/" : rest.startsWith("/") ? rest : `/${rest}`) : "";
  return {
    ok: true,
    broker: { kind: "url", scheme, host, port, path, url: `${scheme}://${host}:${port}${path}` },
  };
}
