/**
 * The run's record: every event in the order it happened, `t` in real milliseconds since the
 * run started. Relays and clients of one run share one recorder.
 */
import { performance } from "node:perf_hooks";
import type { DeliverEvent, Fault, Hop, Party } from "../../src/sim/types.ts";
import type { Cut, LiveEvent, LivePacketEvent } from "../types.ts";

export class Recorder {
  readonly events: LiveEvent[] = [];
  readonly cuts: Cut[] = [];
  private readonly start = performance.now();
  private readonly deliveries = new Map<string, number>();

  private readonly onEvent: ((event: LiveEvent) => void) | undefined;

  /** `onEvent` sees each event as it is recorded (the lab server streams them); it must not throw. */
  constructor(onEvent?: (event: LiveEvent) => void) {
    this.onEvent = onEvent;
  }

  /** Real milliseconds since the run started, to the microsecond. */
  now(): number {
    return Math.round((performance.now() - this.start) * 1000) / 1000;
  }

  private sealed = false;

  /**
   * The run is over: what the clients say while it closes (their DISCONNECTs) is neither recorded
   * nor streamed, so the trace and the streamed events stay the same.
   */
  seal(): void {
    this.sealed = true;
  }

  /** Records an event; returns its index (for `causedBy`). */
  add(event: LiveEvent): number {
    if (this.sealed) return this.events.length;
    this.events.push(event);
    this.onEvent?.(event);
    return this.events.length - 1;
  }

  packet(event: LivePacketEvent, cutBy?: Fault): number {
    const index = this.add(event);
    if (cutBy !== undefined) this.cuts.push({ fault: cutBy, event: index });
    return index;
  }

  /** Hold mode: the connection holding the packet at `event` was closed by `party`. */
  heldEndedBy(event: number, party: Party): void {
    const cut = this.cuts.find((c) => c.event === event);
    if (cut !== undefined) cut.endedBy = party;
  }

  connectionLost(hop: Hop, causedBy?: number): number {
    return this.add({
      t: this.now(),
      type: "connection-lost",
      hop,
      ...(causedBy !== undefined ? { causedBy } : {}),
    });
  }

  reconnected(hop: Hop, sessionPresent: boolean, causedBy: number): number {
    return this.add({ t: this.now(), type: "reconnected", hop, sessionPresent, causedBy });
  }

  /** A delivery to an application (the subscriber's) or onward by the broker, counted per party. */
  deliver(at: DeliverEvent["at"], hop: Hop, message: number): number {
    const key = `${at}:${message}`;
    const count = (this.deliveries.get(key) ?? 0) + 1;
    this.deliveries.set(key, count);
    return this.add({ t: this.now(), type: "deliver", at, hop, message, count });
  }

  /** Deliveries of `message` at `at` so far. */
  deliveredAt(at: DeliverEvent["at"], message: number): number {
    return this.deliveries.get(`${at}:${message}`) ?? 0;
  }

  /** Time of the last packet seen on any hop (QoS flow or not), or 0. */
  lastPacketAt(): number {
    let last = 0;
    for (const e of this.events) if (e.type === "packet" && e.t > last) last = e.t;
    return last;
  }
}
