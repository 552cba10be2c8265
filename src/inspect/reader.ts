/**
 * A cursor over one packet's bytes that records every field it consumes, so the fields always
 * tile the bytes they came from. Pure; used only by decode.ts and properties.ts.
 */

/** One bit-level sub-field of a flags byte. */
export interface BitField {
  name: string;
  /** Bit positions, most significant first: "7-4", "3", "2-1". */
  bits: string;
  /** The bits as binary digits: "0011". */
  value: string;
  /** What the bits mean here: "2 = exactly once". */
  meaning: string;
  spec: string;
  /** False when the bits break a rule (reserved bits set, QoS 3). */
  ok: boolean;
}

/** One field of a decoded packet: where its bytes are and what they mean. */
export interface DecodedField {
  name: string;
  /** Byte offset in the packet. */
  offset: number;
  /** Number of bytes; 0 for a field that is absent and implied (a 5.0 ack's omitted reason code). */
  length: number;
  /** Lower-case hex bytes separated by spaces, like PacketEvent.hex. */
  bytesHex: string;
  /** The value, readable. */
  value: string;
  /** One plain sentence on what it means and why it matters. */
  explanation: string;
  /** Section reference for the packet's version, with statement ids where relevant. */
  spec: string;
  /** For flag bytes: what each bit says. */
  bits?: BitField[];
}

/** Thrown inside the decoder when the bytes run out; decodePacket catches it. */
export class Stop extends Error {}

export type FieldText = Omit<DecodedField, "offset" | "length" | "bytesHex">;

export class Reader {
  pos = 0;
  readonly fields: DecodedField[] = [];
  readonly problems: string[] = [];
  /** True until a Remaining Length shows that all of the packet's bytes are here. */
  short = true;
  /** Where reads must stop, innermost last: the data, the packet, a property list. */
  private readonly limits: { end: number; scope: string }[];

  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.limits = [{ end: bytes.length, scope: "the data" }];
  }

  get end(): number {
    return (this.limits[this.limits.length - 1] as { end: number }).end;
  }

  /** Reads inside `scope` stop at `end` (never beyond the enclosing limit) until `leave()`. */
  enter(end: number, scope: string): void {
    this.limits.push({ end: Math.min(end, this.end), scope });
  }

  leave(): void {
    if (this.limits.length > 1) this.limits.pop();
  }

  /** Back to reading up to the end of the data, after an error inside some scope. */
  leaveAll(): void {
    this.limits.length = 1;
  }

  /** Notes a rule the bytes break; decoding goes on. */
  problem(message: string): void {
    if (!this.problems.includes(message)) this.problems.push(message);
  }

  /** Throws Stop unless `n` bytes are readable from `at`. */
  need(n: number, what: string, at = this.pos): void {
    if (at + n <= this.end) return;
    const left = Math.max(0, this.end - at);
    const truncated = this.short && this.end === this.bytes.length;
    const scope = (this.limits[this.limits.length - 1] as { scope: string }).scope;
    throw new Stop(
      truncated
        ? `Truncated: ${what} needs ${count(n)}, only ${left} left.`
        : `Malformed: ${what} needs ${count(n)} but ${scope} has only ${left} left.`,
    );
  }

  u8(what: string, at = this.pos): number {
    this.need(1, what, at);
    return this.bytes[at] as number;
  }

  u16(what: string, at = this.pos): number {
    this.need(2, what, at);
    return ((this.bytes[at] as number) << 8) | (this.bytes[at + 1] as number);
  }

  u32(what: string, at = this.pos): number {
    this.need(4, what, at);
    return (this.u16(what, at) * 0x10000 + this.u16(what, at + 2)) >>> 0;
  }

  /** A variable byte integer (3.1.1 §2.2.3, 5.0 §1.5.5): 7 bits per byte, at most 4 bytes. */
  vbi(what: string, at = this.pos): { value: number; length: number; minimal: boolean } {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const byte = this.u8(what, at + i);
      value += (byte & 0x7f) * 128 ** i;
      if ((byte & 0x80) === 0) {
        // Longer than needed (a trailing 0x00 group) is allowed by 3.1.1's algorithm but not by 5.0.
        const minimal = i === 0 || byte !== 0;
        return { value, length: i + 1, minimal };
      }
    }
    throw new Stop(`Malformed: ${what} has a continuation bit on its 4th byte; at most 4 bytes are allowed.`);
  }

  /** Records a field of `length` bytes at the cursor and moves past it. */
  field(length: number, text: FieldText): DecodedField {
    this.need(length, text.name);
    const field: DecodedField = {
      ...text,
      offset: this.pos,
      length,
      bytesHex: hexOf(this.bytes.subarray(this.pos, this.pos + length)),
    };
    this.fields.push(field);
    this.pos += length;
    return field;
  }
}

/** "1 byte", "2 bytes". */
export function count(n: number, unit = "byte"): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

export function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The bytes as a string, or null if they are not valid UTF-8. */
export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** A string for display: JSON-quoted, so control characters and quotes stay visible. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
