/**
 * The simulator's virtual clock: a priority queue of callbacks ordered by (time, insertion order).
 * Machine timers run on it whichever driver runs the machines: the pure driver schedules them here,
 * and it is the XState clock of every live actor (actor driver).
 * Insertion order breaks ties, which keeps same-instant events in causal order and every run
 * deterministic. Pure (no wall clock); a cancelled entry is skipped when it reaches the top.
 */
import type { ActorOptions, AnyActorLogic } from "xstate";

type Clock = NonNullable<ActorOptions<AnyActorLogic>["clock"]>;

export interface Scheduled {
  t: number;
  seq: number;
  run: () => void;
  cancelled: boolean;
}

export class VirtualClock implements Clock {
  now = 0;
  private seq = 0;
  private heap: Scheduled[] = [];

  /** Runs `run` at simulated time `t` (never earlier than now). */
  at(t: number, run: () => void): Scheduled {
    const item: Scheduled = { t: Math.max(t, this.now), seq: this.seq++, run, cancelled: false };
    const heap = this.heap;
    let i = heap.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent] as Scheduled)) break;
      heap[i] = heap[parent] as Scheduled;
      i = parent;
    }
    heap[i] = item;
    return item;
  }

  setTimeout(fn: () => void, timeout: number): Scheduled {
    return this.at(this.now + timeout, fn);
  }

  clearTimeout(id: Scheduled): void {
    if (id) id.cancelled = true;
  }

  /** Runs the next due callback; false when nothing is left. */
  step(): boolean {
    for (;;) {
      const item = this.pop();
      if (!item) return false;
      if (item.cancelled) continue;
      this.now = item.t;
      item.run();
      return true;
    }
  }

  private pop(): Scheduled | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r] as Scheduled, heap[l] as Scheduled) ? r : l;
      if (!before(heap[child] as Scheduled, last)) break;
      heap[i] = heap[child] as Scheduled;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
