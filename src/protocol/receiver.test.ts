/**
 * Receiver machines, tested along paths generated from the machines themselves (xstate/graph): every
 * path is replayed on a real actor and the receiver rules of spec §4.3 are checked on what it emits.
 */
import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { getShortestPaths, getSimplePaths, getStateNodes, joinPaths, type StatePath } from "xstate/graph";
import {
  qos0Receiver,
  qos1Receiver,
  qos2Receiver,
  receiverMachines,
  type ReceiverEmitted,
  type ReceiverEvent,
} from "./receiver.ts";
import type { Qos, Qos2Delivery } from "./types.ts";

type ReceiverMachine = typeof qos2Receiver;
type Snapshot = ReturnType<ReceiverMachine["transition"]>;
type Path = StatePath<Snapshot, ReceiverEvent>;

/**
 * Two PUBLISH events that differ in DUP, which a receiver must not use to detect duplicates (spec
 * §2). Receivers know packet ids only: which message a delivery hands over is the simulator's
 * bookkeeping, checked by its property tests.
 */
const RECEIVER_EVENTS: readonly ReceiverEvent[] = [
  { type: "PUBLISH", dup: false },
  { type: "PUBLISH", dup: true },
  { type: "PUBREL" },
  { type: "DISCARD" },
];

/**
 * MQTT 5.0 refusals, explored on their own with one PUBLISH and PUBREL: with every event at once the
 * generated paths multiply past what the suite can replay.
 */
const REFUSAL_EVENTS: readonly ReceiverEvent[] = [
  { type: "PUBLISH", dup: false },
  { type: "REFUSE", dup: false },
  { type: "PUBREL" },
];

interface Variant {
  name: string;
  machine: ReceiverMachine;
  qos: Qos;
  delivery: Qos2Delivery;
}

const VARIANTS: Variant[] = [
  { name: "QoS 0", machine: qos0Receiver as unknown as ReceiverMachine, qos: 0, delivery: "on-pubrel" },
  { name: "QoS 1", machine: qos1Receiver as unknown as ReceiverMachine, qos: 1, delivery: "on-pubrel" },
  { name: "QoS 2 Method A (on-pubrel)", machine: qos2Receiver, qos: 2, delivery: "on-pubrel" },
  { name: "QoS 2 Method B (on-publish)", machine: qos2Receiver, qos: 2, delivery: "on-publish" },
];

/**
 * Paths generated from the machine: every simple path from the initial state, and the shortest path
 * to each state continued by every simple path from there. A state is keyed by its value, its
 * context, the event that led to it and the state it came from, so a path may repeat a PUBLISH or a
 * PUBREL (a resend, or a PUBREL for an id already released) and go round idle -> stored -> idle
 * twice. Only maximal paths are kept: the rules are checked step by step, so a path's prefixes are
 * checked too.
 */
function generatePaths(variant: Variant, events: readonly ReceiverEvent[] = RECEIVER_EVENTS): Path[] {
  const options = {
    input: { delivery: variant.delivery },
    serializeState: (s: Snapshot, event: ReceiverEvent | undefined, previous?: Snapshot) =>
      JSON.stringify({
        value: s.value,
        context: s.context,
        by: event ?? null,
        from: previous?.value ?? null,
      }),
    events: (s: Snapshot) => events.filter((e) => s.can(e)),
  };
  const first = getSimplePaths(variant.machine, options);
  const joined = getShortestPaths(variant.machine, options).flatMap((head) =>
    getSimplePaths(variant.machine, { ...options, fromState: head.state })
      .filter((tail) => tail.steps.length > 1)
      .map((tail) => joinPaths(head, tail)),
  );
  return maximal([...first, ...joined]);
}

/** The paths that are not a prefix of another path (duplicates removed). */
function maximal(paths: Path[]): Path[] {
  const key = (steps: Path["steps"]) => steps.map((s) => JSON.stringify(s.event)).join(">");
  const byKey = new Map(paths.map((p) => [key(p.steps), p]));
  for (const p of paths) byKey.delete(key(p.steps.slice(0, -1)));
  return [...byKey.values()];
}

/**
 * Replays `path` on a real actor; returns what it emitted at each step (index 0: on start). Then
 * sends the events the final state has no transition for: they must change nothing and emit nothing.
 */
function replay(
  variant: Variant,
  path: Path,
  events: readonly ReceiverEvent[] = RECEIVER_EVENTS,
): ReceiverEmitted[][] {
  const actor = createActor(variant.machine, { input: { delivery: variant.delivery } });
  const emitted: ReceiverEmitted[][] = [[]];
  actor.on("*", (e: ReceiverEmitted) => emitted[emitted.length - 1]?.push(e));
  actor.start();
  for (const step of path.steps.slice(1)) {
    emitted.push([]);
    actor.send(step.event);
    expect(actor.getSnapshot().value).toEqual(step.state.value);
    expect(actor.getSnapshot().status).toBe("active");
  }
  const end = actor.getSnapshot();
  for (const event of events.filter((e) => !end.can(e))) {
    const ignored: ReceiverEmitted[] = [];
    emitted.push(ignored);
    actor.send(event);
    expect(ignored, `${JSON.stringify(event)} is ignored in ${String(end.value)}`).toEqual([]);
    expect(actor.getSnapshot().value).toEqual(end.value);
    expect(actor.getSnapshot().context).toEqual(end.context);
    emitted.pop();
  }
  return emitted;
}

const sent = (list: ReceiverEmitted[]) => list.filter((e) => e.type === "send").map((e) => e.packet);
const delivered = (list: ReceiverEmitted[]) => list.filter((e) => e.type === "deliver").length;

function checkQos0(path: Path, emitted: ReceiverEmitted[][]): void {
  path.steps.forEach((step, i) => {
    const list = emitted[i] ?? [];
    // QoS 0: deliver what arrives, acknowledge nothing.
    expect(sent(list)).toEqual([]);
    expect(delivered(list)).toBe(step.event.type === "PUBLISH" ? 1 : 0);
  });
}

function checkQos1(path: Path, emitted: ReceiverEmitted[][]): void {
  path.steps.forEach((step, i) => {
    const list = emitted[i] ?? [];
    if (step.event.type === "PUBLISH") {
      // Every PUBLISH, DUP or not, is a new message once PUBACK was sent [MQTT-4.3.2-5]:
      // delivered, and answered with one PUBACK.
      expect(list).toEqual([{ type: "deliver" }, { type: "send", packet: "PUBACK" }]);
    } else if (step.event.type === "REFUSE") {
      // A refusal is the PUBACK with a reason code >= 0x80, and nothing is delivered (§3.4.2.1).
      expect(list).toEqual([{ type: "send", packet: "PUBACK", refusal: true }]);
    } else {
      expect(list).toEqual([]);
    }
  });
}

function checkQos2(variant: Variant, path: Path, emitted: ReceiverEmitted[][]): void {
  /** Deliveries since the PUBLISH that moved the id from idle to stored. */
  let deliveriesInCycle = 0;
  path.steps.forEach((step, i) => {
    const list = emitted[i] ?? [];
    const before = i > 0 ? path.steps[i - 1]?.state.value : "idle";
    const event = step.event;
    if (event.type === "PUBLISH") {
      // Every PUBLISH is answered with exactly one PUBREC, first or resent [MQTT-4.3.3-10].
      expect(sent(list)).toEqual(["PUBREC"]);
      if (before === "idle") {
        deliveriesInCycle = 0;
        // Method B delivers on the PUBLISH that finds the id free; Method A never on PUBLISH.
        expect(delivered(list)).toBe(variant.delivery === "on-publish" ? 1 : 0);
      } else {
        // Until PUBREL, a PUBLISH with this id is never delivered again [MQTT-4.3.3-10].
        expect(delivered(list)).toBe(0);
      }
    } else if (event.type === "REFUSE") {
      // A refusing PUBREC, nothing delivered, nothing held: the id is free again [MQTT-4.3.3-9].
      expect(list).toEqual([{ type: "send", packet: "PUBREC", refusal: true }]);
      expect(step.state.value).toBe("idle");
    } else if (event.type === "PUBREL") {
      // Every PUBREL is answered with exactly one PUBCOMP, even for an unknown id [MQTT-4.3.3-11],
      // which the PUBCOMP marks (5.0 may say 0x92 "Packet Identifier not found").
      expect(sent(list)).toEqual(["PUBCOMP"]);
      const pubcomp = list.find((e) => e.type === "send");
      expect(pubcomp?.type === "send" && pubcomp.unknownId === true).toBe(before === "idle");
      // Method A delivers the stored message on the PUBREL that releases it.
      const releases = before === "stored" && variant.delivery === "on-pubrel";
      expect(delivered(list)).toBe(releases ? 1 : 0);
    } else {
      expect(list).toEqual([]);
    }
    deliveriesInCycle += delivered(list);
    // At most one delivery between a PUBLISH in idle and the PUBREL that follows.
    expect(deliveriesInCycle).toBeLessThanOrEqual(1);
    if (step.state.value === "idle") {
      if (before === "stored" && event.type === "PUBREL")
        expect(deliveriesInCycle, "a released message").toBe(1);
      deliveriesInCycle = 0;
    }
  });
}

describe.each(VARIANTS)("$name receiver paths", { timeout: 60_000 }, (variant) => {
  const paths = generatePaths(variant);

  it("the generated paths reach every state and take every event", () => {
    const reached = new Set(paths.flatMap((p) => p.steps.map((s) => String(s.state.value))));
    const states = getStateNodes(variant.machine.root).map((n) => n.key);
    expect([...reached].sort()).toEqual([...states].sort());
    const taken = new Set(paths.flatMap((p) => p.steps.map((s) => JSON.stringify(s.event))));
    const handled = variant.qos === 2 ? RECEIVER_EVENTS : RECEIVER_EVENTS.filter((e) => e.type === "PUBLISH");
    for (const event of handled) expect(taken).toContain(JSON.stringify(event));
    if (variant.qos === 2) {
      // The interesting orders: a resent PUBLISH while stored, a PUBREL for an id already released.
      const trails = paths.map((p) => p.steps.map((s) => s.event.type).join(","));
      expect(trails.some((t) => t.includes("PUBLISH,PUBLISH,PUBREL,PUBREL,PUBLISH"))).toBe(true);
    }
  });

  it("keeps the receiver rules along every generated path", () => {
    for (const path of paths) {
      const trail = path.steps.map((s) => JSON.stringify(s.event)).join(" > ");
      try {
        const emitted = replay(variant, path);
        if (variant.qos === 0) checkQos0(path, emitted);
        else if (variant.qos === 1) checkQos1(path, emitted);
        else checkQos2(variant, path, emitted);
      } catch (error) {
        throw new Error(`path ${trail}: ${String(error)}`, { cause: error });
      }
    }
  });
});

describe.each(VARIANTS.filter((v) => v.qos > 0))("$name refusal paths", { timeout: 60_000 }, (variant) => {
  const paths = generatePaths(variant, REFUSAL_EVENTS);

  it("the generated paths take REFUSE from every state that can refuse, and a PUBLISH after it", () => {
    const trails = paths.map((p) => p.steps.map((s) => s.event.type).join(","));
    expect(trails.some((t) => t.includes("REFUSE,PUBLISH"))).toBe(true);
    if (variant.qos === 2) expect(trails.some((t) => t.includes("PUBLISH,REFUSE"))).toBe(true);
  });

  it("keeps the receiver rules along every generated path", () => {
    for (const path of paths) {
      const trail = path.steps.map((s) => JSON.stringify(s.event)).join(" > ");
      try {
        const emitted = replay(variant, path, REFUSAL_EVENTS);
        if (variant.qos === 1) checkQos1(path, emitted);
        else checkQos2(variant, path, emitted);
      } catch (error) {
        throw new Error(`path ${trail}: ${String(error)}`, { cause: error });
      }
    }
  });
});

describe("qos2Receiver examples", () => {
  function run(delivery: Qos2Delivery, events: ReceiverEvent[]): ReceiverEmitted[] {
    const actor = createActor(qos2Receiver, { input: { delivery } });
    const log: ReceiverEmitted[] = [];
    actor.on("*", (e: ReceiverEmitted) => log.push(e));
    actor.start();
    for (const e of events) actor.send(e);
    return log;
  }

  it("Method A stores the message at PUBLISH and delivers it at PUBREL", () => {
    expect(run("on-pubrel", [{ type: "PUBLISH", dup: false }, { type: "PUBREL" }])).toEqual([
      { type: "send", packet: "PUBREC" },
      { type: "deliver" },
      { type: "send", packet: "PUBCOMP" },
    ]);
  });

  it("Method B delivers at PUBLISH and only releases the id at PUBREL", () => {
    expect(run("on-publish", [{ type: "PUBLISH", dup: false }, { type: "PUBREL" }])).toEqual([
      { type: "deliver" },
      { type: "send", packet: "PUBREC" },
      { type: "send", packet: "PUBCOMP" },
    ]);
  });

  it("a discarded session loses the stored message under Method A (spec §5: 0 deliveries)", () => {
    const log = run("on-pubrel", [{ type: "PUBLISH", dup: false }, { type: "DISCARD" }, { type: "PUBREL" }]);
    expect(log.filter((e) => e.type === "deliver")).toEqual([]);
    expect(log.at(-1)).toEqual({ type: "send", packet: "PUBCOMP", unknownId: true });
  });

  it("a refused PUBLISH holds nothing: the resent PUBLISH with that id is a new message [MQTT-4.3.3-9]", () => {
    const log = run("on-publish", [
      { type: "REFUSE", dup: false },
      { type: "PUBLISH", dup: true },
    ]);
    expect(log).toEqual([
      { type: "send", packet: "PUBREC", refusal: true },
      { type: "deliver" },
      { type: "send", packet: "PUBREC" },
    ]);
  });

  it("after PUBCOMP the id is free: the next PUBLISH with it is a new message", () => {
    const publish: ReceiverEvent = { type: "PUBLISH", dup: true };
    const log = run("on-publish", [publish, { type: "PUBREL" }, publish]);
    expect(log.filter((e) => e.type === "deliver")).toHaveLength(2);
  });
});

it("receiverMachines lists the receivers by QoS level", () => {
  expect(receiverMachines).toEqual([qos0Receiver, qos1Receiver, qos2Receiver]);
});
