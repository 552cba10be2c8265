/** What a transport failure means, in one sentence that says what to do about it. */
import type { UpstreamTarget } from "./upstream.ts";

/** Node's codes for a certificate the client did not accept. */
const CERTIFICATE_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

export function transportError(error: unknown, target: UpstreamTarget): Error {
  const where = `${target.scheme}://${target.host}:${target.port}`;
  const code = codeOf(error);
  const text = error instanceof Error ? error.message : String(error);
  let message: string;
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    message =
      `TLS: the broker's certificate at ${where} was not accepted (${code}: ${text}); ` +
      "pass --ca FILE with the certificate (or the authority that signed it), or --insecure to skip the check";
  } else if (code !== undefined && /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA)/.test(code)) {
    message =
      `TLS: the broker at ${where} refused the connection for want of an accepted client certificate ` +
      `(${code}); pass --cert FILE and --key FILE`;
  } else if (code === "ECONNREFUSED") {
    message = `nothing accepts connections at ${where} (connection refused)`;
  } else if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    message = `the broker's host "${target.host}" was not found`;
  } else if (/^Unexpected server response: \d+/.test(text)) {
    message = `the broker at ${where} refused the WebSocket upgrade on path "${target.path}" (${text})`;
  } else if (/wrong version number|packet length too long|unknown protocol/i.test(text)) {
    message = `TLS: ${where} did not answer the TLS handshake (${text}); is it a plain listener?`;
  } else {
    message = `${where}: ${text}`;
  }
  return new Error(message, { cause: error });
}
