/**
 * restart.ts on its own: which changes a save-on-change persistence counts, what a crash restores,
 * when a client's retry finds the broker up; and the scenario rules for restarts.
 */
import { describe, expect, it } from "vitest";
import { BROKER_CHANGES } from "../protocol/behaviour.ts";
import { BrokerRestarts, changesBetween, type BrokerFlow, type BrokerState } from "./restart.ts";
import { parseScenario } from "./scenario.ts";

const sessions = { "publisher-broker": true, "broker-subscriber": true } as const;
const state = (...flows: BrokerFlow[]): BrokerState => ({ sessions, flows });
const held = (message: number): BrokerFlow => ({
  hop: "publisher-broker",
  role: "receiver",
  message,
  packetId: message,
  qos: 2,
  state: "stored",
});
const out = (message: number, s: string): BrokerFlow => ({
  hop: "broker-subscriber",
  role: "sender",
  message,
  packetId: message,
  qos: 2,
  state: s,
});

/** Mosquitto 2.0's db.persistence_changes (database.c, handle_connect.c): what it counts. */
const MOSQUITTO = ["session", "outgoing-queued", "outgoing-completed"] as const;

describe("changesBetween", () => {
  it("names each change of the broker's flows", () => {
    expect([...changesBetween(state(), state(held(1)))]).toEqual(["incoming-stored"]);
    expect([...changesBetween(state(held(1)), state(out(1, "awaitingPubrec")))].sort()).toEqual([
      "incoming-released",
      "outgoing-sent",
    ]);
    expect([...changesBetween(state(), state(out(1, "queued")))]).toEqual(["outgoing-queued"]);
    expect([...changesBetween(state(out(1, "queued")), state(out(1, "awaitingPubrec")))]).toEqual([
      "outgoing-sent",
    ]);
    expect([...changesBetween(state(out(1, "awaitingPubrec")), state(out(1, "awaitingPubcomp")))]).toEqual([
      "outgoing-acknowledged",
    ]);
    expect([...changesBetween(state(out(1, "awaitingPubcomp")), state())]).toEqual(["outgoing-completed"]);
    expect([...changesBetween(state(held(1)), state(held(1)))]).toEqual([]);
  });
});

describe("BrokerRestarts", () => {
  const crash = { atMs: 200, kind: "crash", downMs: 500 } as const;

  it("saving on every change: a crash keeps the state as it is", () => {
    const r = new BrokerRestarts([crash], "on", BROKER_CHANGES, state());
    expect(r.changed()).toBe(false); // nothing to settle: every change is saved
    const outcome = r.down(crash, state(out(1, "awaitingPubrec")));
    expect(outcome).toEqual({
      state: state(out(1, "awaitingPubrec")),
      kept: [1],
      lost: [],
      sessionsKept: true,
    });
  });

  it("saving only on the changes Mosquitto counts: a QoS 2 message passed on to the subscriber is not saved", () => {
    const r = new BrokerRestarts([crash], "on", MOSQUITTO, state());
    expect(r.changed()).toBe(true);
    r.settle(state(held(1)), 40); // incoming QoS 2 held until PUBREL: not counted
    expect(r.changed()).toBe(true);
    r.settle(state(out(1, "awaitingPubrec")), 120); // released at PUBREL, sent on: not counted
    const outcome = r.down(crash, state(out(1, "awaitingPubrec")));
    expect(outcome).toEqual({ state: state(), kept: [], lost: [1], sessionsKept: true, savedAtMs: 0 });
  });

  it("saving only on counted changes: a completed flow saves everything the broker holds then", () => {
    const r = new BrokerRestarts([crash], "on", MOSQUITTO, state());
    r.changed();
    r.settle(state(out(1, "awaitingPubcomp"), held(2)), 80);
    r.changed();
    r.settle(state(held(2)), 120); // message 1 completed: counted, saved with message 2's held id
    const outcome = r.down(crash, state(held(2), out(2, "awaitingPubrec")));
    expect(outcome).toEqual({
      state: state(held(2)),
      kept: [2],
      lost: [],
      sessionsKept: true,
      savedAtMs: 120,
    });
  });

  it("a graceful shutdown saves first; without persistence nothing survives", () => {
    const graceful = { atMs: 200, kind: "graceful", downMs: 0 } as const;
    const kept = new BrokerRestarts([graceful], { autosaveMs: 1000 }, BROKER_CHANGES, state());
    expect(kept.down(graceful, state(held(1))).kept).toEqual([1]);
    const off = new BrokerRestarts([graceful], "off", BROKER_CHANGES, state());
    expect(off.down(graceful, state(held(1)))).toEqual({
      state: { sessions: { "publisher-broker": false, "broker-subscriber": false }, flows: [] },
      kept: [],
      lost: [1],
      sessionsKept: false,
    });
    expect(off.sessions).toEqual({ "publisher-broker": false, "broker-subscriber": false });
  });

  it("a crash before a periodic autosave first ran restores an empty broker and names no save", () => {
    const crash = { atMs: 100, kind: "crash", downMs: 500 } as const;
    const r = new BrokerRestarts([crash], { autosaveMs: 1_800_000 }, BROKER_CHANGES, state());
    expect(r.down(crash, state(held(1)))).toEqual({
      state: { sessions: { "publisher-broker": false, "broker-subscriber": false }, flows: [] },
      kept: [],
      lost: [1],
      sessionsKept: false,
    });
  });

  it("an autosave counts only when it falls after the broker last started", () => {
    const restarts = [
      { atMs: 250, kind: "crash", downMs: 500 },
      { atMs: 900, kind: "crash", downMs: 100 },
      { atMs: 1500, kind: "crash", downMs: 100 },
    ] as const;
    const r = new BrokerRestarts(restarts, { autosaveMs: 200 }, BROKER_CHANGES, state());
    expect(r.autosaveBefore(0)).toBe(200);
    expect(r.autosaveBefore(1)).toBe(800); // up again at 750
    expect(r.autosaveBefore(2)).toBe(1400);
    const late = new BrokerRestarts(
      [restarts[0], { atMs: 760, kind: "crash", downMs: 0 }],
      { autosaveMs: 200 },
      BROKER_CHANGES,
      state(),
    );
    expect(late.autosaveBefore(1)).toBeUndefined(); // 600 fell while it was down
  });

  it("a client retrying every reconnectDelayMs connects on its first attempt after the broker is up", () => {
    const r = new BrokerRestarts([crash], "off", BROKER_CHANGES, state());
    r.down(crash, state());
    expect(r.isDown(699)).toBe(true);
    expect(r.isDown(700)).toBe(false);
    expect(r.retryAt(500, 300)).toBe(800);
    expect(r.retryAt(400, 300)).toBe(700);
    expect(r.retryAt(500, 0)).toBe(700);
  });
});

describe("scenario rules for restarts", () => {
  const problems = (input: unknown) => {
    const parsed = parseScenario(input);
    return parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`);
  };

  it("refuses restarts in the on-timeout model, whose connections never break", () => {
    expect(
      problems({
        protocol: "3.1.1",
        retransmit: "on-timeout",
        publishQos: 1,
        broker: { restarts: [{ atMs: 100, kind: "crash", downMs: 10 }] },
      }),
    ).toEqual([
      'broker.restarts: broker restarts need "retransmit": "on-reconnect": a restart ends every connection, and "on-timeout" models a connection that never breaks',
    ]);
  });

  it("refuses a restart that begins while the broker is still down", () => {
    const lines = problems({
      publishQos: 1,
      broker: {
        restarts: [
          { atMs: 100, kind: "crash", downMs: 500 },
          { atMs: 400, kind: "graceful", downMs: 10 },
        ],
      },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^broker\.restarts\[1\]\.atMs: expected a time at or after 600/);
    expect(
      problems({
        publishQos: 1,
        broker: {
          restarts: [
            { atMs: 100, kind: "crash", downMs: 500 },
            { atMs: 600, kind: "crash" },
          ],
        },
      }),
    ).toEqual([]);
  });
});
