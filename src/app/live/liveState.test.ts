import { describe, expect, it } from "vitest";
import type { LiveResult, RealTraceEvent, ServerMessage } from "../../live/index.ts";
import { INITIAL_LIVE_STATE, liveReducer, type LiveAction, type LiveState } from "./liveState.ts";

const hello: ServerMessage = {
  type: "hello",
  version: 1,
  brokers: [{ id: "aedes", label: "Aedes (embedded)", available: true, protocols: ["3.1.1"] }],
  clients: ["own"],
  limits: { maxRuns: 2, runTimeoutMs: 30_000 },
  credentialsFromEnv: false,
};
const event: RealTraceEvent = { t: 1, type: "connection-lost", hop: "publisher-broker" };

function play(...actions: LiveAction[]): LiveState {
  return actions.reduce(liveReducer, INITIAL_LIVE_STATE);
}
const msg = (message: ServerMessage): LiveAction => ({ type: "message", message });

describe("liveReducer", () => {
  it("opens on hello and streams a run's events until done", () => {
    const result = { durationMs: 5 } as LiveResult;
    const broker = { name: "aedes", url: "mqtt://127.0.0.1:1" };
    const s1 = play(msg(hello), { type: "sent", id: "a" }, msg({ type: "started", id: "a", broker }));
    expect(s1.connection).toEqual({ status: "open", hello });
    expect(s1.run).toEqual({ status: "running", id: "a", broker, events: [] });
    const s2 = [msg({ type: "event", id: "a", event }), msg({ type: "event", id: "a", event })].reduce(
      liveReducer,
      s1,
    );
    expect(s2.run.status === "running" && s2.run.events).toEqual([event, event]);
    expect(liveReducer(s2, msg({ type: "done", id: "a", result })).run).toEqual({
      status: "done",
      id: "a",
      result,
    });
  });

  it("ignores messages about another run", () => {
    const s = play(msg(hello), { type: "sent", id: "b" });
    expect(liveReducer(s, msg({ type: "event", id: "a", event }))).toBe(s);
    expect(liveReducer(s, msg({ type: "failed", id: "a", message: "x" }))).toBe(s);
    expect(liveReducer(s, msg({ type: "cancelled", id: "a" }))).toBe(s);
  });

  it("keeps a refusal's field and message; one with no id concerns the run on screen", () => {
    const s = play(msg(hello), { type: "sent", id: "a" });
    expect(
      liveReducer(s, msg({ type: "failed", id: "a", field: "request.broker", message: "no" })).run,
    ).toEqual({
      status: "failed",
      id: "a",
      field: "request.broker",
      message: "no",
    });
    expect(liveReducer(s, msg({ type: "failed", message: "bad" })).run).toEqual({
      status: "failed",
      id: "a",
      field: null,
      message: "bad",
    });
  });

  it("keeps what streamed when a run is cancelled", () => {
    const s = play(msg(hello), { type: "sent", id: "a" }, msg({ type: "event", id: "a", event }));
    expect(liveReducer(s, msg({ type: "cancelled", id: "a" })).run).toEqual({
      status: "cancelled",
      id: "a",
      events: [event],
    });
  });

  it("says the socket closed, and a run in progress failed with it", () => {
    const s = play(
      msg(hello),
      { type: "sent", id: "a" },
      { type: "closed", reason: "the lab server is not reachable" },
    );
    expect(s.connection).toEqual({ status: "closed", reason: "the lab server is not reachable" });
    expect(s.run).toMatchObject({
      status: "failed",
      id: "a",
      message: expect.stringContaining("closed during the run"),
    });
    const idle = play(msg(hello), { type: "closed", reason: "x" });
    expect(idle.run).toEqual({ status: "idle" });
    expect(liveReducer(idle, { type: "connecting" }).connection).toEqual({ status: "connecting" });
  });
});
