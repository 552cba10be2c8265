/**
 * Sender machines, tested along paths generated from the machines themselves (xstate/graph): every
 * path is replayed on a real actor whose timers run on a virtual clock, and the rules of spec §4.3
 * and §4.4 are checked on what it emits.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createActor, type EventObject } from "xstate";
import { getShortestPaths, getSimplePaths, getStateNodes, joinPaths, type StatePath } from "xstate/graph";
import { VirtualClock } from "../sim/clock.ts";
import {
  qos0Sender,
  qos1Sender,
  qos1TimedSender,
  qos2Sender,
  qos2TimedSender,
  senderMachines,
  type SenderEmitted,
  type SenderEvent,
} from "./sender.ts";
import type { Qos } from "./types.ts";

type SenderMachine = typeof qos2TimedSender;
type Snapshot = ReturnType<SenderMachine["transition"]>;
type Path = StatePath<Snapshot, SenderEvent>;

const TIMEOUT_MS = 100;
const INPUT = { timeoutMs: TIMEOUT_MS };
const SENDER_EVENTS: readonly SenderEvent[] = [
  { type: "SEND" },
  { type: "PUBACK" },
  { type: "PUBREC" },
  { type: "PUBCOMP" },
  { type: "RESUME" },
  { type: "DISCARD" },
  { type: "REFUSED" },
];
/** What a timeout resends: the PUBLISH while waiting for PUBACK/PUBREC, the PUBREL for PUBCOMP. */
const RESENT_ON_TIMEOUT = { PUBACK: "PUBLISH", PUBREC: "PUBLISH", PUBCOMP: "PUBREL" } as const;

interface Variant {
  name: string;
  machine: SenderMachine;
  qos: Qos;
  timed: boolean;
}

const VARIANTS: Variant[] = [
  { name: "QoS 0", machine: qos0Sender as unknown as SenderMachine, qos: 0, timed: false },
  { name: "QoS 1", machine: qos1Sender as unknown as SenderMachine, qos: 1, timed: false },
  { name: "QoS 2", machine: qos2Sender as unknown as SenderMachine, qos: 2, timed: false },
  { name: "QoS 1 timed", machine: qos1TimedSender as unknown as SenderMachine, qos: 1, timed: true },
  { name: "QoS 2 timed", machine: qos2TimedSender, qos: 2, timed: true },
];

function stateKey(snapshot: Snapshot): string {
  return String(snapshot.value);
}

/** The `after` events (xstate.after.<delay>.<id>) of the snapshot's state, if it has a timer. */
function delayedEvents(machine: SenderMachine, snapshot: Snapshot): SenderEvent[] {
  const node = machine.states[stateKey(snapshot)];
  return (node?.after ?? []).map((t) => ({ type: t.eventType }) as EventObject as SenderEvent);
}

function isDelayed(event: EventObject): boolean {
  return event.type.startsWith("xstate.after.");
}

/**
 * Paths generated from the machine: every simple path from the initial state, and the shortest path
 * to each state continued by every simple path from there. A state is keyed by its value, the event
 * that led to it and the state it came from, so a path may take each self-loop (a resend on RESUME
 * or on timeout, a late PUBREC) once per segment, and the joined paths take them twice. Only
 * maximal paths are kept: the rules are checked step by step, so a path's prefixes are checked too.
 */
function generatePaths(machine: SenderMachine): Path[] {
  const options = {
    input: INPUT,
    serializeState: (s: Snapshot, event: SenderEvent | undefined, previous?: Snapshot) =>
      JSON.stringify({ value: s.value, by: event ?? null, from: previous?.value ?? null }),
    events: (s: Snapshot) => [...SENDER_EVENTS.filter((e) => s.can(e)), ...delayedEvents(machine, s)],
  };
  const first = getSimplePaths(machine, options);
  const joined = getShortestPaths(machine, options).flatMap((head) =>
    head.state.status === "active"
      ? getSimplePaths(machine, { ...options, fromState: head.state })
          .filter((tail) => tail.steps.length > 1)
          .map((tail) => joinPaths(head, tail))
      : [],
  );
  return maximal([...first, ...joined]);
}

/** The paths that are not a prefix of another path (duplicates removed). */
function maximal(paths: Path[]): Path[] {
  const key = (steps: Path["steps"]) => steps.map((s) => s.event.type).join(">");
  const byKey = new Map(paths.map((p) => [key(p.steps), p]));
  for (const p of paths) byKey.delete(key(p.steps.slice(0, -1)));
  return [...byKey.values()];
}

interface Replay {
  /** What the actor emitted at each step (index 0: on start). */
  emitted: SenderEmitted[][];
  /** Emitted after the path, by poking a finished actor with every event and the clock. */
  afterDone: SenderEmitted[];
}

/** Replays `path` on a real actor; `after` steps advance the virtual clock instead of sending. */
function replay(variant: Variant, path: Path): Replay {
  const clock = new VirtualClock();
  const actor = createActor(variant.machine, { input: INPUT, clock });
  const emitted: SenderEmitted[][] = [[]];
  actor.on("*", (e: SenderEmitted) => emitted[emitted.length - 1]?.push(e));
  actor.start();
  for (const step of path.steps.slice(1)) {
    emitted.push([]);
    const before = clock.now;
    if (isDelayed(step.event)) {
      expect(clock.step(), `a timer is pending for ${step.event.type}`).toBe(true);
      // Every step (re-)enters a state at the current instant, so the timer runs a full period.
      expect(clock.now - before).toBe(TIMEOUT_MS);
    } else {
      actor.send(step.event);
    }
    expect(actor.getSnapshot().value).toEqual(step.state.value);
    if (!variant.timed) expect(clock.step(), "an untimed sender never sets a timer").toBe(false);
  }
  const afterDone: SenderEmitted[] = [];
  if (actor.getSnapshot().status === "done") {
    emitted.push(afterDone);
    expect(clock.step(), "a finished sender leaves no timer behind").toBe(false);
    for (const event of SENDER_EVENTS) actor.send(event);
  }
  return { emitted, afterDone };
}

/** The rules of spec §4.3/§4.4 that every path must keep. */
function checkSenderRules(variant: Variant, path: Path, { emitted, afterDone }: Replay): void {
  const events = path.steps.map((s) => s.event);
  const sends: { packet: string; dup: boolean; resend: boolean; step: number }[] = [];
  emitted.forEach((list, step) => {
    for (const e of list)
      if (e.type === "send") sends.push({ packet: e.packet, dup: e.dup, resend: e.resend, step });
  });
  const sendStep = events.findIndex((e) => e.type === "SEND");

  // Nothing is sent before SEND, and the first PUBLISH has DUP=0.
  expect(emitted[0]).toEqual([]);
  if (sendStep < 0) expect(sends).toEqual([]);
  else expect(sends[0]).toEqual({ packet: "PUBLISH", dup: false, resend: false, step: sendStep });

  // QoS 0: exactly one PUBLISH, never resent, nothing else.
  if (variant.qos === 0) expect(sends).toHaveLength(sendStep < 0 ? 0 : 1);

  const firstPubrel = sends.findIndex((s) => s.packet === "PUBREL");
  sends.forEach((s, i) => {
    if (s.packet === "PUBLISH" && i > 0) {
      // Every later PUBLISH is a resend with DUP=1 [MQTT-3.3.1-1].
      expect(s.dup, "a resent PUBLISH has DUP=1").toBe(true);
      expect(s.resend).toBe(true);
    }
    // Never PUBLISH once PUBREL was sent [MQTT-4.3.3-6].
    if (s.packet === "PUBLISH" && firstPubrel >= 0)
      expect(i, "PUBLISH after PUBREL").toBeLessThan(firstPubrel);
    if (s.packet === "PUBREL") {
      // PUBREL only after a PUBREC [MQTT-4.3.3-4], with DUP=0 (it has no DUP bit).
      const pubrec = events.findIndex((e) => e.type === "PUBREC");
      expect(pubrec, "PUBREL before any PUBREC").toBeGreaterThanOrEqual(0);
      expect(s.step).toBeGreaterThanOrEqual(pubrec);
      expect(s.dup).toBe(false);
      expect(s.resend, "only the first PUBREL is not a resend").toBe(i !== firstPubrel);
      if (i === firstPubrel) expect(events[s.step]?.type).toBe("PUBREC");
    }
  });

  emitted.forEach((list, step) => {
    const event = events[step];
    // One packet per event at most.
    expect(list.filter((e) => e.type === "send").length).toBeLessThanOrEqual(1);
    if (event && isDelayed(event)) {
      // A timeout reports what it waited for, then resends.
      const [timeout, resend, ...rest] = list;
      expect(rest).toEqual([]);
      expect(timeout?.type).toBe("timeout");
      if (timeout?.type === "timeout") {
        expect(resend).toMatchObject({
          type: "send",
          packet: RESENT_ON_TIMEOUT[timeout.waitingFor],
          resend: true,
        });
      }
    } else {
      expect(list.filter((e) => e.type === "timeout")).toEqual([]);
    }
    if (event?.type === "RESUME") expect(list).toMatchObject([{ type: "send", resend: true }]);
    // Every PUBREC, a late one too (the answer to a resent PUBLISH), gets a PUBREL [MQTT-4.3.3-4].
    if (event?.type === "PUBREC") expect(list).toMatchObject([{ type: "send", packet: "PUBREL" }]);
    if (event?.type === "SEND") expect(list).toMatchObject([{ type: "send", packet: "PUBLISH", dup: false }]);
    if (event?.type === "DISCARD" || event?.type === "PUBACK" || event?.type === "PUBCOMP")
      expect(list).toEqual([]);
  });

  // A refusal (PUBACK/PUBREC >= 0x80) ends the flow: no PUBREL, never resent, the sender is done
  // and its packet id free [MQTT-4.3.3-4], [MQTT-4.4.0-2].
  const refused = events.findIndex((e) => e.type === "REFUSED");
  if (refused >= 0) {
    expect(emitted[refused]).toEqual([]);
    expect(sends.filter((s) => s.step >= refused)).toEqual([]);
    expect(path.steps[refused]?.state.value).toBe("refused");
    expect(path.steps[refused]?.state.status).toBe("done");
    expect(events.filter((e) => e.type === "PUBREC")).toEqual([]);
  }

  // Nothing at all once a final state is reached.
  expect(afterDone).toEqual([]);
}

describe.each(VARIANTS)("$name sender paths", { timeout: 60_000 }, (variant) => {
  const paths = generatePaths(variant.machine);

  beforeEach(() => {
    // Sending to the finished actor on purpose makes XState warn; that is the point of the check.
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("the generated paths reach every state and take every transition event", () => {
    const reached = new Set(paths.flatMap((p) => p.steps.map((s) => stateKey(s.state))));
    const states = getStateNodes(variant.machine.root).map((n) => n.key);
    expect([...reached].sort()).toEqual([...states].sort());
    const taken = new Set(paths.flatMap((p) => p.steps.map((s) => s.event.type.split(".")[0])));
    const expected = ["xstate", "SEND"];
    if (variant.qos > 0)
      expected.push("RESUME", "DISCARD", "REFUSED", variant.qos === 1 ? "PUBACK" : "PUBREC");
    if (variant.qos === 2) expected.push("PUBCOMP");
    for (const type of expected) expect(taken, type).toContain(type);
    const timeouts = paths.some((p) => p.steps.some((s) => isDelayed(s.event)));
    expect(timeouts).toBe(variant.timed);
    expect(paths.length).toBeGreaterThan(0);
  });

  it("keeps the sender rules along every generated path", () => {
    for (const path of paths) {
      const trail = path.steps.map((s) => s.event.type).join(" > ");
      try {
        checkSenderRules(variant, path, replay(variant, path));
      } catch (error) {
        throw new Error(`path ${trail}: ${String(error)}`, { cause: error });
      }
    }
  });
});

describe("refusals (MQTT 5.0 reason code >= 0x80)", () => {
  it("QoS 2: a refusing PUBREC ends the flow without PUBREL; a later PUBREC gets no PUBREL either", () => {
    const actor = createActor(qos2Sender, { input: INPUT });
    const log: SenderEmitted[] = [];
    actor.on("*", (e: SenderEmitted) => log.push(e));
    actor.start();
    actor.send({ type: "SEND" });
    actor.send({ type: "REFUSED" });
    expect(actor.getSnapshot().value).toBe("refused");
    expect(actor.getSnapshot().status).toBe("done");
    expect(log).toEqual([{ type: "send", packet: "PUBLISH", dup: false, resend: false }]);
  });

  it("a refusal after PUBREL was sent changes nothing: the flow waits for PUBCOMP", () => {
    const actor = createActor(qos2Sender, { input: INPUT }).start();
    actor.send({ type: "SEND" });
    actor.send({ type: "PUBREC" });
    expect(actor.getSnapshot().can({ type: "REFUSED" })).toBe(false);
    expect(actor.getSnapshot().value).toBe("awaitingPubcomp");
  });
});

describe("senderMachines", () => {
  it("uses timers only in on-timeout mode, and QoS 0 never has one", () => {
    expect(senderMachines["on-reconnect"]).toEqual([qos0Sender, qos1Sender, qos2Sender]);
    expect(senderMachines["on-timeout"]).toEqual([qos0Sender, qos1TimedSender, qos2TimedSender]);
  });
});

describe("timed senders on the virtual clock", () => {
  function start(machine: SenderMachine) {
    const clock = new VirtualClock();
    const actor = createActor(machine, { input: INPUT, clock });
    const log: { t: number; e: SenderEmitted }[] = [];
    actor.on("*", (e: SenderEmitted) => log.push({ t: clock.now, e }));
    actor.start();
    return { clock, actor, log };
  }

  it("reports a timeout after timeoutMs, then resends the PUBLISH with DUP=1, and again after each period", () => {
    const { clock, actor, log } = start(qos1TimedSender as unknown as SenderMachine);
    actor.send({ type: "SEND" });
    expect(clock.step()).toBe(true);
    expect(clock.step()).toBe(true);
    expect(log).toEqual([
      { t: 0, e: { type: "send", packet: "PUBLISH", dup: false, resend: false } },
      { t: 100, e: { type: "timeout", waitingFor: "PUBACK" } },
      { t: 100, e: { type: "send", packet: "PUBLISH", dup: true, resend: true } },
      { t: 200, e: { type: "timeout", waitingFor: "PUBACK" } },
      { t: 200, e: { type: "send", packet: "PUBLISH", dup: true, resend: true } },
    ]);
    expect(actor.getSnapshot().value).toBe("awaitingPuback");
  });

  it("a PUBACK before the timeout cancels it: no timeout, no resend, no timer left", () => {
    const { clock, actor, log } = start(qos1TimedSender as unknown as SenderMachine);
    actor.send({ type: "SEND" });
    clock.at(99, () => actor.send({ type: "PUBACK" }));
    expect(clock.step()).toBe(true);
    expect(clock.now).toBe(99);
    expect(clock.step()).toBe(false);
    expect(log.map((l) => l.e.type)).toEqual(["send"]);
    expect(actor.getSnapshot().status).toBe("done");
  });

  it("QoS 2: a PUBREC before the timeout restarts the timer for PUBCOMP, which resends PUBREL, never PUBLISH", () => {
    const { clock, actor, log } = start(qos2TimedSender);
    actor.send({ type: "SEND" });
    clock.at(60, () => actor.send({ type: "PUBREC" }));
    clock.step();
    expect(clock.step()).toBe(true);
    expect(clock.now).toBe(160);
    expect(log).toEqual([
      { t: 0, e: { type: "send", packet: "PUBLISH", dup: false, resend: false } },
      { t: 60, e: { type: "send", packet: "PUBREL", dup: false, resend: false } },
      { t: 160, e: { type: "timeout", waitingFor: "PUBCOMP" } },
      { t: 160, e: { type: "send", packet: "PUBREL", dup: false, resend: true } },
    ]);
    clock.at(170, () => actor.send({ type: "PUBCOMP" }));
    clock.step();
    expect(clock.step()).toBe(false);
    expect(actor.getSnapshot().value).toBe("complete");
  });

  it("QoS 2: a timeout waiting for PUBREC resends the PUBLISH with DUP=1", () => {
    const { clock, actor, log } = start(qos2TimedSender);
    actor.send({ type: "SEND" });
    clock.step();
    expect(log.slice(1)).toEqual([
      { t: 100, e: { type: "timeout", waitingFor: "PUBREC" } },
      { t: 100, e: { type: "send", packet: "PUBLISH", dup: true, resend: true } },
    ]);
  });

  it("a resend on RESUME restarts the timer from that moment", () => {
    const { clock, actor, log } = start(qos1TimedSender as unknown as SenderMachine);
    actor.send({ type: "SEND" });
    clock.at(30, () => actor.send({ type: "RESUME" }));
    clock.step();
    clock.step();
    expect(log.map((l) => [l.t, l.e.type])).toEqual([
      [0, "send"],
      [30, "send"],
      [130, "timeout"],
      [130, "send"],
    ]);
  });

  it("DISCARD stops the timer: a discarded message is never resent", () => {
    const { clock, actor, log } = start(qos2TimedSender);
    actor.send({ type: "SEND" });
    actor.send({ type: "DISCARD" });
    expect(clock.step()).toBe(false);
    expect(log).toHaveLength(1);
    expect(actor.getSnapshot().value).toBe("discarded");
  });
});
