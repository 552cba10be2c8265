/**
 * How the engine drives the protocol machines of src/protocol, behind one small interface, so that
 * one engine runs them either as live XState actors (actorDriver.ts) or by stepping XState's pure
 * transitions itself (pureDriver.ts). Both run the same machine definitions on the engine's virtual
 * clock and must yield the same trace; a property test compares them.
 */
import type { AnyStateMachine, EmittedFrom, EventFromLogic, InputFrom, SnapshotFrom } from "xstate";

/** One running machine. */
export interface Driven<M extends AnyStateMachine> {
  /**
   * Hands the machine an event. What the machine emits reaches the `onEmit` given to `start` before
   * `send` returns, after `snapshot` has moved on; its delayed events (`after`) run on the clock.
   */
  send(event: EventFromLogic<M>): void;
  /** The machine's current XState snapshot (what the state panel shows). */
  readonly snapshot: SnapshotFrom<M>;
}

export interface MachineDriver {
  /** Starts `machine` with `input` in its initial state. */
  start<M extends AnyStateMachine>(
    machine: M,
    input: InputFrom<M>,
    onEmit: (event: EmittedFrom<M>) => void,
  ): Driven<M>;
}

/** Which driver a run uses: identical traces; "pure" is the fast one. */
export type DriverKind = "pure" | "actor";
