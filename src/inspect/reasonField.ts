/**
 * One 5.0 reason-code byte as a field: its name, what it means for this packet's flow, and the
 * section of the packet's table (reasonCodes.ts). Pure; reads from the cursor.
 */
import type { Ctx } from "./fields.ts";
import { reasonInfo, REASON_SECTIONS, type ReasonPacket } from "./reasonCodes.ts";
import { hex2 } from "./spec.ts";

/** What every code of these packets says beyond its own meaning. */
const CONTEXT: Readonly<Record<ReasonPacket, string>> = {
  CONNACK:
    "0x00 accepts the connection; 0x80 or above refuses it and the connection closes, so nothing in flight can continue on it.",
  PUBACK:
    "Below 0x80 the message was accepted; 0x80 or above refuses it, which ends the flow: the message is not resent.",
  PUBREC:
    "Below 0x80 the message was accepted; 0x80 or above refuses it, which ends the flow: no PUBREL and no resend.",
  PUBREL:
    "0x00 Success, or 0x92 Packet Identifier not found, which is normal during recovery when the other side already finished with this id.",
  PUBCOMP:
    "0x00 Success, or 0x92 Packet Identifier not found, which is normal during recovery when the other side already finished with this id.",
  SUBACK:
    "Below 0x80 the QoS the broker granted (it forwards at the lower of this and the PUBLISH's QoS); 0x80 or above refuses the subscription.",
  DISCONNECT: "Why the connection ends; it decides whether the broker publishes the client's will.",
};

/** Reads one reason code byte for `packet` (5.0), records it as a field and in the facts. */
export function reasonField(c: Ctx, packet: ReasonPacket, name = "Reason code"): number {
  const { r, facts } = c;
  const code = r.u8(name);
  facts.reasonCode = code;
  const info = reasonInfo(packet, code);
  const { section, statement } = REASON_SECTIONS[packet];
  if (!info)
    r.problem(`Malformed: ${hex2(code)} is not a ${packet} reason code (5.0 §${section}) ${statement}.`);
  r.field(1, {
    name,
    value: `${hex2(code)} ${info?.name ?? "(not a valid code)"}`,
    explanation: info ? `${info.meaning} ${CONTEXT[packet]}` : CONTEXT[packet],
    spec: info?.spec ?? `5.0 §${section} ${statement}`,
  });
  return code;
}

/** A reason code left out of a short 5.0 packet: it means 0x00, recorded as an empty field. */
export function omittedReason(c: Ctx, packet: ReasonPacket, why: string): void {
  const info = reasonInfo(packet, 0);
  const { section } = REASON_SECTIONS[packet];
  c.facts.reasonCode = 0;
  c.r.field(0, {
    name: "Reason code",
    value: `0x00 ${info?.name ?? "Success"} (omitted)`,
    explanation: `${why} ${info?.meaning ?? ""}`.trim(),
    spec: `5.0 §${section}`,
  });
}
