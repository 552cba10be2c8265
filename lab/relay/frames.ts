/**
 * Splits a TCP byte stream into whole MQTT packets (fixed header + Remaining Length, spec §2.2.3),
 * so that each packet's real bytes can be recorded and forwarded or held back one by one.
 */
export class Framer {
  private buffer: Buffer = Buffer.alloc(0);

  /** Appends bytes; returns every packet now complete, in order. Throws on a malformed length. */
  push(chunk: Buffer): Buffer[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const size = frameSize(this.buffer);
      if (size === undefined || this.buffer.length < size) return frames;
      frames.push(this.buffer.subarray(0, size));
      this.buffer = this.buffer.subarray(size);
    }
  }
}

/** Total size of the packet at the start of `buffer`, or undefined while its header is incomplete. */
export function frameSize(buffer: Buffer): number | undefined {
  let remaining = 0;
  let multiplier = 1;
  // Remaining Length: at most four bytes of seven bits each [MQTT-2.2.3].
  for (let i = 1; i <= 4; i++) {
    const byte = buffer[i];
    if (byte === undefined) return undefined;
    remaining += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return 1 + i + remaining;
    multiplier *= 128;
  }
  throw new Error("malformed Remaining Length (more than four bytes)");
}
