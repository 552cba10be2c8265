/**
 * The pure driver and the actor driver run the same machines to the same trace: checked on 10,000
 * random scenarios (with and without state events, some with random loss), and on the drivers'
 * own behaviour: emits, `after` timers on the virtual clock, cancelled timers, shared snapshots.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { log, setup } from "xstate";
import { qos2Receiver } from "../protocol/receiver.ts";
import { qos2TimedSender, type SenderEmitted, type SenderEvent } from "../protocol/sender.ts";
import { actorDriver } from "./actorDriver.ts";
import { arbitraryScenario } from "./arbitrary.ts";
import { VirtualClock } from "./clock.ts";
import type { DriverKind, MachineDriver } from "./driver.ts";
import { runScenario, type RunOptions } from "./runScenario.ts";
import { pureDriver } from "./pureDriver.ts";

const DRIVERS: Record<DriverKind, (clock: VirtualClock) => MachineDriver> = {
  actor: actorDriver,
  pure: pureDriver,
};

const options = fc.record({
  states: fc.boolean(),
  randomLoss: fc.option(
    fc.record({ probability: fc.double({ min: 0, max: 0.2, noNaN: true }), seed: fc.nat() }),
    { nil: undefined, freq: 4 },
  ),
});

/** The actor driver is slow (a live actor per message): 10,000 runs take a while on a busy machine. */
const SLOW = { timeout: 300_000 };

describe("pure and actor drivers", () => {
  // Four quarters of 2,500, each with its own seed and time limit, rather than one long test.
  for (const quarter of [1, 2, 3, 4]) {
    it(`give identical traces on random scenarios (${quarter} of 4, 2,500 each)`, SLOW, () => {
      fc.assert(
        fc.property(arbitraryScenario(), options, (s, o) => {
          const run: RunOptions = { states: o.states, ...(o.randomLoss ? { randomLoss: o.randomLoss } : {}) };
          const pure = JSON.stringify(runScenario(s, { ...run, driver: "pure" }));
          const actor = JSON.stringify(runScenario(s, { ...run, driver: "actor" }));
          expect(pure).toBe(actor);
        }),
        { numRuns: 2_500, seed: 9_000 + quarter },
      );
    });
  }
});

/** Runs a timed QoS 2 sender through `events` at the given virtual times; logs what it emits when. */
function timedSenderLog(kind: DriverKind, script: [t: number, event: SenderEvent][]): string[] {
  const clock = new VirtualClock();
  const log: string[] = [];
  const sender = DRIVERS[kind](clock).start(qos2TimedSender, { timeoutMs: 100 }, (e: SenderEmitted) =>
    log.push(
      `${clock.now} ${e.type === "send" ? `${e.packet}${e.dup ? " dup" : ""}` : `timeout ${e.waitingFor}`}`,
    ),
  );
  for (const [t, event] of script) {
    clock.at(t, () => {
      sender.send(event);
      log.push(`${clock.now} -> ${String(sender.snapshot.value)}`);
    });
  }
  // A sender never acknowledged resends for ever: stop the clock at t = 300.
  clock.at(300, () => {});
  while (clock.now < 300 && clock.step());
  return log;
}

describe.each(["pure", "actor"] as const)("the %s driver", (kind) => {
  it("runs `after` timers on the virtual clock and cancels them when the state is left", () => {
    const log = timedSenderLog(kind, [
      [0, { type: "SEND" }],
      [150, { type: "PUBREC" }],
      [170, { type: "PUBCOMP" }],
    ]);
    expect(log).toEqual([
      "0 PUBLISH",
      "0 -> awaitingPubrec",
      "100 timeout PUBREC",
      "100 PUBLISH dup",
      "150 PUBREL",
      "150 -> awaitingPubcomp",
      "170 -> complete",
    ]);
  });

  it("restarts the timer when a transition re-enters the state", () => {
    const log = timedSenderLog(kind, [
      [0, { type: "SEND" }],
      [50, { type: "RESUME" }],
    ]);
    // Resent at 50, so the timer fires at 150, then 250, and so on.
    expect(log).toEqual([
      "0 PUBLISH",
      "0 -> awaitingPubrec",
      "50 PUBLISH dup",
      "50 -> awaitingPubrec",
      "150 timeout PUBREC",
      "150 PUBLISH dup",
      "250 timeout PUBREC",
      "250 PUBLISH dup",
    ]);
  });
});

describe("the pure driver", () => {
  it("shares equal snapshots: a receiver back in idle is in the very snapshot it started in", () => {
    const receiver = pureDriver(new VirtualClock()).start(qos2Receiver, { delivery: "on-pubrel" }, () => {});
    const idle = receiver.snapshot;
    receiver.send({ type: "PUBLISH", dup: false });
    const stored = receiver.snapshot;
    receiver.send({ type: "PUBREL" });
    expect(receiver.snapshot).toBe(idle);
    receiver.send({ type: "PUBLISH", dup: false });
    expect(receiver.snapshot).toBe(stored);
    expect(stored.value).toBe("stored");
  });

  it("refuses an event for a machine that has finished, where an actor would only warn", () => {
    const clock = new VirtualClock();
    const sender = pureDriver(clock).start(qos2TimedSender, { timeoutMs: 100 }, () => {});
    sender.send({ type: "DISCARD" });
    expect(sender.snapshot.status).toBe("done");
    expect(() => sender.send({ type: "SEND" })).toThrow(/finished/);
  });

  it("runs a machine's own actions, and refuses builtin ones it does not carry out", () => {
    let noted = 0;
    const machine = setup({ actions: { note: () => void noted++ } }).createMachine({
      initial: "a",
      states: { a: { on: { NOTE: { actions: "note" }, LOG: { actions: log("not for the pure driver") } } } },
    });
    const driven = pureDriver(new VirtualClock()).start(machine, undefined, () => {});
    driven.send({ type: "NOTE" });
    expect(noted).toBe(1);
    expect(() => driven.send({ type: "LOG" })).toThrow(/xstate.log/);
  });
});
