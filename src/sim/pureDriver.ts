/**
 * The fast driver: no actors. Each machine is a snapshot that the driver steps through XState's pure
 * transition function, then it carries out the actions that come back, as a live actor would and in
 * the same order: `xstate.emit` goes to the engine, a delayed `xstate.raise` (an `after` timer) is
 * put on the engine's virtual clock, `xstate.cancel` takes it off again.
 *
 * Two things make it fast, both without changing what is computed:
 * - One inert actor scope per machine, reused. `transition()` and `initialTransition()` from "xstate"
 *   do exactly `machine.transition(snapshot, event, scope)` / `getInitialSnapshot(scope, input)`, but
 *   build a throwaway actor and actor system for every call (about 4x the cost of a live actor's
 *   step, measured); the machine's own methods with one scope give the same snapshot and actions.
 * - Memoised steps. A transition is a pure function of (snapshot, event). Snapshots are shared: equal
 *   ones (same status, state value and context, no children, no history) are one object, and a step
 *   from a shared snapshot with an event made of a type and a few flags is computed once. The
 *   protocol machines' events are all like that and their context never changes after the start,
 *   so after the first message every step is a map look-up.
 * Valid for machines without invoked or spawned children (the protocol machines have none).
 */
import {
  createActor,
  initialTransition,
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EmittedFrom,
  type EventFromLogic,
  type EventObject,
  type ExecutableActionObject,
  type SnapshotFrom,
} from "xstate";
import type { Scheduled, VirtualClock } from "./clock.ts";
import type { Driven, MachineDriver } from "./driver.ts";

interface Step {
  snapshot: AnyMachineSnapshot;
  actions: readonly ExecutableActionObject[];
}

/** Distinct inputs and snapshots remembered per machine before the memo starts afresh. */
const MAX_INPUTS = 256;
const MAX_SNAPSHOTS = 4096;
/** Distinct events remembered per shared snapshot: a bound, should an event ever carry a counter. */
const MAX_EVENTS = 64;

/**
 * The memo key of an event whose fields are all booleans (and its type), such as
 * `{ type: "PUBLISH", dup: true }`; undefined for any other event, which is never memoised.
 */
function memoKey(event: EventObject): string | undefined {
  let key = event.type;
  for (const field in event) {
    if (field === "type") continue;
    const value = (event as unknown as Record<string, unknown>)[field];
    if (typeof value !== "boolean") return undefined;
    key += value ? `|${field}` : `|!${field}`;
  }
  return key;
}

/** One machine's reusable scope and memo, shared by every run in this process. */
class MachineSteps {
  private readonly machine: AnyStateMachine;
  private readonly scope: AnyActorScope;
  private sink: ExecutableActionObject[] = [];
  private readonly initial = new Map<string, Step>();
  /** The shared snapshot for each structural key (see `shareable`). */
  private readonly shared = new Map<string, AnyMachineSnapshot>();
  /** Shared snapshots -> event key -> the step from there. Only shared snapshots are keys. */
  private readonly next = new WeakMap<AnyMachineSnapshot, Map<string, Step>>();

  constructor(machine: AnyStateMachine) {
    this.machine = machine;
    // The same inert scope xstate's transition() builds per call: actions are collected, not run.
    const self = createActor(machine);
    this.scope = {
      self,
      id: "",
      sessionId: "",
      system: self.system,
      logger: () => {},
      defer: () => {},
      emit: () => {},
      stopChild: () => {},
      actionExecutor: (action) => {
        this.sink.push(action);
      },
    };
  }

  initialStep(input: unknown): Step {
    const key = JSON.stringify(input) ?? "";
    let step = this.initial.get(key);
    if (step === undefined) {
      if (this.initial.size >= MAX_INPUTS) this.initial.clear();
      const [snapshot, actions] = initialTransition(this.machine, input);
      step = { snapshot: this.share(snapshot), actions };
      this.initial.set(key, step);
    }
    return step;
  }

  /** The one shared object equal to `snapshot`, made a memo key; itself when it cannot be shared. */
  private share(snapshot: AnyMachineSnapshot): AnyMachineSnapshot {
    // Children are live actors and history names state nodes: such snapshots are never shared.
    if (Object.keys(snapshot.children).length > 0 || Object.keys(snapshot.historyValue).length > 0) {
      return snapshot;
    }
    const key = JSON.stringify([snapshot.status, snapshot.value, snapshot.context, snapshot.output ?? null]);
    const known = this.shared.get(key);
    if (known !== undefined) return known;
    if (this.shared.size >= MAX_SNAPSHOTS) this.shared.clear();
    this.shared.set(key, snapshot);
    this.next.set(snapshot, new Map());
    return snapshot;
  }

  step(snapshot: AnyMachineSnapshot, event: EventObject): Step {
    const memo = this.next.get(snapshot);
    const key = memo === undefined ? undefined : memoKey(event);
    if (key !== undefined) {
      const hit = memo?.get(key);
      if (hit !== undefined) return hit;
    }
    const actions: ExecutableActionObject[] = (this.sink = []);
    const next = this.machine.transition(snapshot, event, this.scope);
    if (key === undefined || memo === undefined || memo.size >= MAX_EVENTS)
      return { snapshot: next, actions };
    const step: Step = { snapshot: this.share(next), actions };
    memo.set(key, step);
    return step;
  }
}

const stepsByMachine = new WeakMap<AnyStateMachine, MachineSteps>();

function stepsOf(machine: AnyStateMachine): MachineSteps {
  let steps = stepsByMachine.get(machine);
  if (steps === undefined) stepsByMachine.set(machine, (steps = new MachineSteps(machine)));
  return steps;
}

interface RaiseParams {
  event: EventObject;
  id: string | undefined;
  delay: number | undefined;
}

class PureMachine<M extends AnyStateMachine> implements Driven<M> {
  snapshot: SnapshotFrom<M>;
  private readonly steps: MachineSteps;
  private readonly clock: VirtualClock;
  private readonly onEmit: (event: EmittedFrom<M>) => void;
  private timers: Map<string, Scheduled> | undefined;
  /** Events sent while this machine's actions run wait their turn, like an actor's mailbox. */
  private queue: EventObject[] | undefined;
  private busy = false;
  private nextTimerId = 0;

  constructor(machine: M, input: unknown, clock: VirtualClock, onEmit: (event: EmittedFrom<M>) => void) {
    this.steps = stepsOf(machine);
    this.clock = clock;
    this.onEmit = onEmit;
    const first = this.steps.initialStep(input);
    this.snapshot = first.snapshot as SnapshotFrom<M>;
    this.busy = true;
    this.run(first.actions);
    this.drain();
  }

  send(event: EventFromLogic<M>): void {
    if (this.busy) {
      (this.queue ??= []).push(event);
      return;
    }
    this.busy = true;
    this.process(event);
    this.drain();
  }

  private drain(): void {
    try {
      let event: EventObject | undefined;
      while ((event = this.queue?.shift()) !== undefined) this.process(event);
    } finally {
      this.busy = false;
    }
  }

  private process(event: EventObject): void {
    const current = this.snapshot as AnyMachineSnapshot;
    if (current.status !== "active") {
      // A live actor would only warn and drop it; for the engine it is always a bug.
      throw new Error(`internal error: "${event.type}" sent to a machine that has finished`);
    }
    const step = this.steps.step(current, event);
    this.snapshot = step.snapshot as SnapshotFrom<M>;
    this.run(step.actions);
    // A finished actor stops, and stopping cancels whatever it still had scheduled.
    if (step.snapshot.status !== "active" && this.timers !== undefined) {
      for (const timer of this.timers.values()) timer.cancelled = true;
      this.timers.clear();
    }
  }

  private run(actions: readonly ExecutableActionObject[]): void {
    for (const action of actions) {
      switch (action.type) {
        case "xstate.emit":
          this.onEmit((action.params as { event: EmittedFrom<M> }).event);
          break;
        case "xstate.raise": {
          // Without a delay the event was already taken within the step (XState's internal queue).
          const { event, id, delay } = action.params as RaiseParams;
          if (typeof delay === "number") this.schedule(id ?? `timer.${this.nextTimerId++}`, event, delay);
          break;
        }
        case "xstate.cancel":
          this.cancel((action.params as { sendId: string }).sendId);
          break;
        default:
          if (action.type.startsWith("xstate.")) {
            throw new Error(`the pure driver does not run ${action.type} actions`);
          }
          action.exec?.(action.info, action.params);
      }
    }
  }

  private schedule(id: string, event: EventObject, delay: number): void {
    const timers = (this.timers ??= new Map());
    timers.set(
      id,
      this.clock.at(this.clock.now + delay, () => {
        timers.delete(id);
        this.send(event as EventFromLogic<M>);
      }),
    );
  }

  private cancel(id: string): void {
    const timer = this.timers?.get(id);
    if (timer === undefined) return;
    timer.cancelled = true;
    this.timers?.delete(id);
  }
}

export function pureDriver(clock: VirtualClock): MachineDriver {
  return {
    start: (machine, input, onEmit) => new PureMachine(machine, input, clock, onEmit),
  };
}
