/**
 * The scenario's planned events in a live run, in real ms from the publisher's start (scenario
 * times are simulated ms, taken as real ms): the subscriber's offline periods (graceful DISCONNECT
 * or a cut, then a reconnect with its session kind), a late subscription, the publisher's end
 * (DISCONNECT 0x00, 5.0 DISCONNECT 0x04, or a crash: the relay cuts both directions and the
 * publisher never returns), and broker restarts (graceful = SIGTERM, crash = SIGKILL, back on
 * the same port after downMs).
 */
import type { Scenario } from "../src/sim/types.ts";
import type { Relay } from "./relay/relay.ts";

/** What the timeline drives: a client that can leave and come back, a late subscriber. */
export interface Leaver {
  leave(how: { disconnect: true; reasonCode?: number } | { disconnect: false; cut: () => void }): void;
  comeBack(): void;
}

export interface TimelineParties {
  publisher: Leaver;
  publisherRelay: Relay;
  subscriber?: Leaver & { join(): void };
  subscriberRelay?: Relay;
  restart?: (kind: "graceful" | "crash", downMs: number) => Promise<void>;
}

/** DISCONNECT with Reason Code 0x04: "Disconnect with Will Message" (5.0 §3.14.2.1). */
const DISCONNECT_WITH_WILL = 0x04;

export class Timeline {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly restarts: Promise<void>[] = [];
  /** The publisher ended for good (publisherEnd): it is not waited for any more. */
  publisherEnded = false;
  /** A restart failed (the broker did not come back): the run ends with it. */
  failure: Error | undefined;

  constructor(scenario: Scenario, parties: TimelineParties) {
    const at = (ms: number, action: () => void) => this.timers.push(setTimeout(action, ms));
    const { subscriber, subscriberRelay, publisher, publisherRelay, restart } = parties;
    for (const period of scenario.subscriber?.offline ?? []) {
      if (subscriber === undefined || subscriberRelay === undefined) break;
      at(period.atMs, () =>
        subscriber.leave(
          period.end === "cut"
            ? { disconnect: false, cut: () => subscriberRelay.cutNow() }
            : { disconnect: true },
        ),
      );
      at(period.atMs + period.forMs, () => subscriber.comeBack());
    }
    const joinAt = scenario.subscriber?.joinAtMs;
    if (joinAt !== undefined && subscriber !== undefined) at(joinAt, () => subscriber.join());
    const end = scenario.publisherEnd;
    if (end !== undefined) {
      at(end.atMs, () => {
        this.publisherEnded = true;
        if (end.kind === "crash") publisher.leave({ disconnect: false, cut: () => publisherRelay.cutNow() });
        else
          publisher.leave({
            disconnect: true,
            reasonCode: end.kind === "disconnect-with-will" ? DISCONNECT_WITH_WILL : 0,
          });
      });
    }
    for (const r of scenario.broker?.restarts ?? []) {
      if (restart === undefined) break;
      at(r.atMs, () => {
        this.restarts.push(
          restart(r.kind, r.downMs).catch((error: unknown) => {
            this.failure = error instanceof Error ? error : new Error(String(error));
          }),
        );
      });
    }
  }

  /** Cancels what has not happened yet and waits for a restart under way. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.all(this.restarts);
  }
}
