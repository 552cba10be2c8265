/**
 * Accumulates the traces of a statistics run into counts and time histograms, then summarises them.
 * Keeps no trace: memory is a few counters plus one histogram entry per distinct time value (times
 * are sums of latencies, delays and timeouts, so there are few). Pure apart from its own state.
 */
import { PACKET_TYPES, type PacketType, type Party, type Qos, type Trace } from "../sim/types.ts";

/** A count and its share of the messages simulated (0 when none were). */
export interface Share {
  count: number;
  share: number;
}

/** A time distribution over the messages it applies to, in ms and in one-way latencies. */
export interface TimeSummary {
  /** Messages the times are taken from. */
  count: number;
  meanMs: number;
  /** Nearest-rank 95th percentile: the smallest time that at least 95 % of the messages do not exceed. */
  p95Ms: number;
  maxMs: number;
  meanLatencies: number;
  p95Latencies: number;
}

/** The counts a Tally summarises into (see QosStatistics in randomLoss.ts for what each means). */
export interface TallySummary {
  messages: number;
  once: Share;
  lost: Share;
  duplicated: Share;
  deliveriesPerMessage: number;
  packetsPerMessage: number;
  bytesPerMessage: number;
  packetsPerMessageByType: Record<PacketType, number>;
  delivery: TimeSummary | null;
  completion: TimeSummary | null;
  connectionLosses: number;
  connectionLossesPerMessage: number;
  /**
   * The longest exchange of any message: from its publish to the last event naming it (a packet's
   * arrival or loss, a delivery). Shorter than the publish interval means messages never overlapped.
   */
  longestExchangeMs: number;
}

/**
 * Exact counts per distinct value. Times are rounded to a microsecond so float noise does not split
 * bins: publish times reach 10^10 ms in a long chunk, where a double keeps only ~10^-5 ms.
 */
export class Histogram {
  private readonly counts = new Map<number, number>();
  private total = 0;
  private sum = 0;

  add(value: number): void {
    const v = Math.round(value * 1000) / 1000;
    this.counts.set(v, (this.counts.get(v) ?? 0) + 1);
    this.total++;
    this.sum += v;
  }

  summary(latencyMs: number): TimeSummary | null {
    if (this.total === 0) return null;
    const values = [...this.counts.keys()].sort((a, b) => a - b);
    const rank = Math.ceil(0.95 * this.total);
    let seen = 0;
    let p95 = values[values.length - 1] ?? 0;
    for (const v of values) {
      seen += this.counts.get(v) ?? 0;
      if (seen >= rank) {
        p95 = v;
        break;
      }
    }
    const meanMs = this.sum / this.total;
    return {
      count: this.total,
      meanMs,
      p95Ms: p95,
      maxMs: values[values.length - 1] ?? 0,
      meanLatencies: meanMs / latencyMs,
      p95Latencies: p95 / latencyMs,
    };
  }
}

/** What completes a message's exchange on the first hop, as seen by the publisher's side. */
const COMPLETING: Record<Qos, PacketType> = { 0: "PUBLISH", 1: "PUBACK", 2: "PUBCOMP" };

export class Tally {
  private messages = 0;
  private once = 0;
  private lost = 0;
  private duplicated = 0;
  private deliveries = 0;
  private packets = 0;
  private bytes = 0;
  private connectionLosses = 0;
  private longestExchange = 0;
  private readonly byType = new Map<PacketType, number>();
  private readonly delivery = new Histogram();
  private readonly completion = new Histogram();

  private readonly qos: Qos;
  /** The party whose deliveries count: the broker with one hop, the subscriber with two. */
  private readonly finalReceiver: Party;

  constructor(qos: Qos, finalReceiver: Party) {
    this.qos = qos;
    this.finalReceiver = finalReceiver;
  }

  /** Adds one chunk's trace. Times are taken per message relative to its own `publish` event. */
  add(trace: Trace): void {
    const n = trace.outcome.messages.length;
    const published = new Float64Array(n + 1);
    const delivered = new Float64Array(n + 1).fill(NaN);
    const completed = new Float64Array(n + 1).fill(NaN);
    const lastSeen = new Float64Array(n + 1);
    const completing = COMPLETING[this.qos];
    for (const e of trace.events) {
      if ("message" in e && e.message !== undefined) {
        // A dropped packet ends its journey where it was lost; an arriving one when it arrives.
        const end = e.type === "packet" && !e.dropped ? e.arrives : e.t;
        if (end > (lastSeen[e.message] ?? 0)) lastSeen[e.message] = end;
      }
      if (e.type === "publish") published[e.message] = e.t;
      else if (e.type === "deliver") {
        if (e.at === this.finalReceiver && e.count === 1) delivered[e.message] = e.t;
      } else if (e.type === "connection-lost") this.connectionLosses++;
      else if (e.type === "packet") {
        this.byType.set(e.packet, (this.byType.get(e.packet) ?? 0) + 1);
        // The first arrival of the completing packet on the first hop ends the publisher's exchange.
        const m = e.message;
        if (e.packet === completing && !e.dropped && e.hop === "publisher-broker" && m !== undefined) {
          if (Number.isNaN(completed[m])) completed[m] = e.arrives;
        }
      }
    }
    for (const m of trace.outcome.messages) {
      this.deliveries += m.deliveries;
      if (m.verdict === "once") this.once++;
      else if (m.verdict === "lost") this.lost++;
      else this.duplicated++;
      const start = published[m.message] ?? 0;
      this.longestExchange = Math.max(this.longestExchange, (lastSeen[m.message] ?? 0) - start);
      const d = delivered[m.message] ?? NaN;
      const c = completed[m.message] ?? NaN;
      if (!Number.isNaN(d)) this.delivery.add(d - start);
      if (!Number.isNaN(c)) this.completion.add(c - start);
    }
    this.messages += n;
    this.packets += trace.outcome.packets;
    this.bytes += trace.outcome.bytes;
  }

  summary(latencyMs: number): TallySummary {
    const n = this.messages;
    const per = (x: number) => (n === 0 ? 0 : x / n);
    const share = (count: number): Share => ({ count, share: per(count) });
    const byType = {} as Record<PacketType, number>;
    for (const type of PACKET_TYPES) byType[type] = per(this.byType.get(type) ?? 0);
    return {
      messages: n,
      once: share(this.once),
      lost: share(this.lost),
      duplicated: share(this.duplicated),
      deliveriesPerMessage: per(this.deliveries),
      packetsPerMessage: per(this.packets),
      bytesPerMessage: per(this.bytes),
      packetsPerMessageByType: byType,
      delivery: this.delivery.summary(latencyMs),
      completion: this.completion.summary(latencyMs),
      connectionLosses: this.connectionLosses,
      connectionLossesPerMessage: per(this.connectionLosses),
      longestExchangeMs: this.longestExchange,
    };
  }
}
