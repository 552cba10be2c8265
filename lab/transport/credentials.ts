/**
 * Broker credentials: from the environment (MQTT_USERNAME, MQTT_PASSWORD) or a prompt, used in
 * CONNECT only. Never in a URL, a log, the trace or the report: the relay records each CONNECT with
 * its user name and password bytes masked (`maskCredentials`).
 */

export interface Credentials {
  username: string;
  password?: string;
}

/** MQTT_USERNAME / MQTT_PASSWORD; none without a user name (3.1.1 forbids a password alone [MQTT-3.1.2-22]). */
export function credentialsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Credentials | undefined {
  const username = env.MQTT_USERNAME;
  if (username === undefined || username === "") return undefined;
  const password = env.MQTT_PASSWORD;
  return password === undefined ? { username } : { username, password };
}

const MASK = 0x2a; // "*"

/**
 * A CONNECT's bytes with its user name and password replaced by "*" of the same length: the
 * packet keeps its size and still parses. Both are the payload's last fields, user name then
 * password, each a two-byte length and its bytes (spec §3.1.3); `frame` is returned as is when
 * it carries neither. The lengths show; the values never do.
 */
export function maskCredentials(
  frame: Buffer,
  packet: { username?: string; password?: Buffer | string },
): Buffer {
  const passwordLength =
    packet.password === undefined
      ? undefined
      : typeof packet.password === "string"
        ? Buffer.byteLength(packet.password)
        : packet.password.length;
  const usernameLength = packet.username === undefined ? undefined : Buffer.byteLength(packet.username);
  if (passwordLength === undefined && usernameLength === undefined) return frame;
  const masked = Buffer.from(frame);
  let end = masked.length;
  for (const length of [passwordLength, usernameLength]) {
    if (length === undefined) continue;
    const start = end - length;
    // The field's own length prefix must say the same, or this is not where the field is.
    if (start < 2 || masked.readUInt16BE(start - 2) !== length)
      throw new Error("CONNECT: user name / password not at the end of the payload");
    masked.fill(MASK, start, end);
    end = start - 2;
  }
  return masked;
}
