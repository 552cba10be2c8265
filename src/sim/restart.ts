/**
 * Broker restarts and persistence (scenario `broker.restarts`, `broker.persistence`): when the
 * broker is down, what it saved, and what it runs with again. Pure bookkeeping; the engine owns the
 * links and machines and asks this file what survives (README "Restarts and persistence").
 *
 * Model:
 * - A restart ends every connection at `atMs` (the engine breaks them); the broker is down for
 *   `downMs`. A client's reconnect attempts while it is down are refused by TCP and put nothing on
 *   the wire: the client retries every `reconnectDelayMs` and its first attempt at or after the
 *   broker is up sends the CONNECT.
 * - The broker's state is its sessions (one per persistent client: Session Present 1 when it is
 *   there) and its flows: the QoS 2 packet ids it holds as a receiver until PUBREL (under Method A
 *   with the message), and the messages queued or unacknowledged toward the subscriber.
 * - The retained messages belong to that state too (not to a session, [MQTT-3.3.1-5]).
 * - persistence "off": nothing survives. "on": saved on every change the broker's behaviour counts
 *   (`savesOnChange`; the specification's profile: all, so a crash loses nothing), at the end of
 *   the instant. `{ autosaveMs }`: saved at every multiple of autosaveMs while it runs. A graceful
 *   shutdown saves first; a crash restores the last save. The sessions and the subscription existed
 *   before the trace: saving on every change they are in the file from t = 0; with an autosave
 *   they are only once the first autosave ran, so a crash before it restores nothing.
 */
import { BROKER_CHANGES, type BrokerChange } from "../protocol/behaviour.ts";
import type { Qos } from "../protocol/types.ts";
import type { Hop } from "./enums.ts";
import type { Retained } from "./retained.ts";
import type { Scenario } from "./scenarioSchema.ts";

type BrokerSection = NonNullable<Scenario["broker"]>;
/** One broker restart: it stops at `atMs` ("crash" or "graceful") and runs again `downMs` later. */
export type BrokerRestart = NonNullable<BrokerSection["restarts"]>[number];
/** What survives a restart: "off", "on" (saved on every change) or `{ autosaveMs }`. */
type Persistence = NonNullable<BrokerSection["persistence"]>;

/** One flow the broker holds: as the receiver on the first hop, or the sender on the second. */
export interface BrokerFlow {
  hop: Hop;
  role: "sender" | "receiver";
  message: number;
  packetId: number | undefined;
  qos: Qos;
  /** The machine's state: a sender's queued / awaitingPuback / awaitingPubrec / awaitingPubcomp; "stored". */
  state: string;
}

/** Everything a restart can keep or lose. */
export interface BrokerState {
  /** Per hop: whether the broker holds that client's persistent session. */
  sessions: Readonly<Record<Hop, boolean>>;
  /** In the order the broker created them (resends keep the original order [MQTT-4.6.0-1]). */
  flows: readonly BrokerFlow[];
  /**
   * The retained messages: not session state, but in the same store (Mosquitto writes them to its
   * persistence file, persist__retain_save), so kept or lost with it. Absent: none.
   */
  retained?: readonly Retained[];
}

/** What a restart leaves the broker with, and what the trace says about it. */
interface RestartOutcome {
  state: BrokerState;
  kept: number[];
  lost: number[];
  sessionsKept: boolean;
  /** Present when a crash restored a save older than the crash. */
  savedAtMs?: number;
}

const flowKey = (f: BrokerFlow): string => `${f.hop}/${f.role}/${f.packetId ?? 0}/${f.message}`;

const messagesOf = (flows: readonly BrokerFlow[]): number[] =>
  [...new Set(flows.map((f) => f.message))].sort((a, b) => a - b);

/** The changes that lead from one state to the next, as a save-on-change persistence counts them. */
export function changesBetween(before: BrokerState, after: BrokerState): Set<BrokerChange> {
  const changes = new Set<BrokerChange>();
  const old = new Map(before.flows.map((f) => [flowKey(f), f]));
  for (const f of after.flows) {
    const was = old.get(flowKey(f));
    old.delete(flowKey(f));
    if (f.role === "receiver") {
      if (was === undefined) changes.add("incoming-stored");
    } else if (was === undefined) {
      changes.add(f.state === "queued" ? "outgoing-queued" : "outgoing-sent");
    } else if (was.state !== f.state) {
      changes.add(was.state === "queued" ? "outgoing-sent" : "outgoing-acknowledged");
    }
  }
  for (const gone of old.values()) {
    changes.add(gone.role === "receiver" ? "incoming-released" : "outgoing-completed");
  }
  return changes;
}

/** The moment the broker runs again after each restart, and the persistence around it. */
export class BrokerRestarts {
  readonly restarts: readonly BrokerRestart[];
  private readonly persistence: Persistence;
  private readonly savesOn: ReadonlySet<BrokerChange>;
  /**
   * The saved state ("the file") and when it was saved; undefined with persistence "off", and the
   * time undefined while a periodic autosave has not run yet (the file is then empty, not a save).
   */
  private file: BrokerState | undefined;
  private savedAt: number | undefined;
  /** The broker's state at the last settled instant (save-on-change bookkeeping). */
  private observed: BrokerState;
  private pendingChanges = new Set<BrokerChange>();
  private settling = false;
  /** While the engine rebuilds restored flows, their steps are not changes. */
  restoring = false;
  private upAt = -1;
  /** Per hop: whether the broker holds the client's persistent session. */
  readonly sessions: Record<Hop, boolean>;

  constructor(
    restarts: readonly BrokerRestart[],
    persistence: Persistence,
    savesOnChange: readonly BrokerChange[],
    initial: BrokerState,
  ) {
    this.restarts = [...restarts].sort((a, b) => a.atMs - b.atMs);
    this.persistence = persistence;
    this.savesOn = new Set(savesOnChange);
    // Saved on every change, the sessions made before the trace are in the file. A periodic
    // autosave counts from the broker's start (t = 0) and first runs at autosaveMs: a crash before
    // that restores nothing (Mosquitto's default autosave_interval 1800 s, seen on loopback with
    // Mosquitto 2.0.11 in lab/profiles.test.ts).
    this.file =
      persistence === "off"
        ? undefined
        : persistence === "on"
          ? initial
          : { sessions: { "publisher-broker": false, "broker-subscriber": false }, flows: [] };
    if (persistence === "on") this.savedAt = 0;
    this.observed = initial;
    this.sessions = { ...initial.sessions };
  }

  /** Whether every change is saved at once: then a crash keeps the state as it is. */
  private get savesEverything(): boolean {
    return this.persistence === "on" && BROKER_CHANGES.every((c) => this.savesOn.has(c));
  }

  /** Whether the broker is down at `t` (it runs again at `upAt`, inclusive). */
  isDown(t: number): boolean {
    return t < this.upAt;
  }

  /** When a client that retries every `delayMs` from `now` first finds the broker up. */
  retryAt(now: number, delayMs: number): number {
    if (delayMs <= 0) return this.upAt;
    return now + Math.ceil((this.upAt - now) / delayMs) * delayMs;
  }

  /**
   * The periodic autosave that a crash restores, if one falls after the broker last started and at
   * or before the crash (it runs before anything else at its instant): the engine saves then.
   */
  autosaveBefore(index: number): number | undefined {
    const restart = this.restarts[index];
    const { persistence } = this;
    if (restart === undefined || typeof persistence === "string" || restart.kind !== "crash")
      return undefined;
    const previous = this.restarts[index - 1];
    const started = previous === undefined ? 0 : previous.atMs + previous.downMs;
    const tick = Math.floor(restart.atMs / persistence.autosaveMs) * persistence.autosaveMs;
    return tick > started ? tick : undefined;
  }

  /** A save now (an autosave tick). */
  save(state: BrokerState, now: number): void {
    if (this.persistence === "off") return;
    this.file = state;
    this.savedAt = now;
  }

  /**
   * Something in the broker's state may have changed at this instant. With save-on-change
   * persistence that does not count every change, returns true when the engine should settle the
   * instant (`settle`) after everything else at it; false otherwise.
   */
  changed(change?: BrokerChange): boolean {
    if (this.restoring || this.persistence !== "on" || this.savesEverything) return false;
    if (change !== undefined) this.pendingChanges.add(change);
    if (this.settling) return false;
    this.settling = true;
    return true;
  }

  /** The end of an instant with changes: saves when one of them counts. */
  settle(state: BrokerState, now: number): void {
    this.settling = false;
    const changes = changesBetween(this.observed, state);
    for (const c of this.pendingChanges) changes.add(c);
    this.pendingChanges.clear();
    this.observed = state;
    if ([...changes].some((c) => this.savesOn.has(c))) this.save(state, now);
  }

  /** The broker stops: what it runs with when it is up again. */
  down(restart: BrokerRestart, current: BrokerState): RestartOutcome {
    this.upAt = restart.atMs + restart.downMs;
    let state: BrokerState;
    let savedAtMs: number | undefined;
    if (this.persistence === "off") {
      // Nothing kept: no sessions, no flows, no retained messages.
      state = { sessions: { "publisher-broker": false, "broker-subscriber": false }, flows: [] };
    } else if (restart.kind === "graceful" || this.savesEverything) {
      // A graceful shutdown saves first (Mosquitto: persist__backup at exit).
      state = current;
      this.save(current, restart.atMs);
    } else {
      state = this.file ?? current;
      if (this.savedAt !== undefined && this.savedAt < restart.atMs) savedAtMs = this.savedAt;
    }
    this.observed = state;
    this.pendingChanges.clear();
    this.sessions["publisher-broker"] = state.sessions["publisher-broker"];
    this.sessions["broker-subscriber"] = state.sessions["broker-subscriber"];
    const kept = messagesOf(state.flows);
    const lost = messagesOf(current.flows).filter((m) => !kept.includes(m));
    const sessionsKept = Object.values(state.sessions).some(Boolean);
    const outcome: RestartOutcome = { state, kept, lost, sessionsKept };
    if (savedAtMs !== undefined) outcome.savedAtMs = savedAtMs;
    return outcome;
  }
}
