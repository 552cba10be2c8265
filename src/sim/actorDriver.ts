/**
 * The reference driver: each machine is a live XState actor whose clock is the engine's virtual
 * clock, so `after` timers run on simulated time. The pure driver must match it event for event.
 */
import { createActor, type AnyStateMachine, type EmittedFrom, type SnapshotFrom } from "xstate";
import type { VirtualClock } from "./clock.ts";
import type { Driven, MachineDriver } from "./driver.ts";

export function actorDriver(clock: VirtualClock): MachineDriver {
  return {
    start<M extends AnyStateMachine>(machine: M, input: unknown, onEmit: (event: EmittedFrom<M>) => void) {
      const actor = createActor(machine as AnyStateMachine, { input, clock });
      actor.on("*", (event) => onEmit(event as EmittedFrom<M>));
      actor.start();
      const driven: Driven<M> = {
        send: (event) => actor.send(event),
        get snapshot() {
          return actor.getSnapshot() as SnapshotFrom<M>;
        },
      };
      return driven;
    },
  };
}
