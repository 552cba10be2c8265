/**
 * The Live view's state: the WebSocket to the lab server and the one run on screen, driven by the
 * server's messages (src/live/protocol.ts). A pure reducer: useLive.ts owns the socket and feeds
 * it. Messages about another run id (an earlier, cancelled one) are ignored.
 */
import type { LiveResult, RealTraceEvent, ServerMessage } from "../../live/index.ts";

export type Hello = Extract<ServerMessage, { type: "hello" }>;

export type Connection =
  | { status: "connecting" }
  | { status: "open"; hello: Hello }
  /** The socket closed (the lab server stopped, or refused the page): the view offers to reconnect. */
  | { status: "closed"; reason: string };

export type RunState =
  | { status: "idle" }
  /** Sent, not yet `started`; or started and streaming its events. */
  | { status: "running"; id: string; broker: { name: string; url: string } | null; events: RealTraceEvent[] }
  | { status: "done"; id: string; result: LiveResult }
  /** `field` names the request field at fault when the server says which. */
  | { status: "failed"; id: string | null; field: string | null; message: string }
  | { status: "cancelled"; id: string; events: RealTraceEvent[] };

export interface LiveState {
  connection: Connection;
  run: RunState;
}

export type LiveAction =
  | { type: "connecting" }
  | { type: "message"; message: ServerMessage }
  | { type: "closed"; reason: string }
  | { type: "sent"; id: string };

export const INITIAL_LIVE_STATE: LiveState = {
  connection: { status: "connecting" },
  run: { status: "idle" },
};

function currentId(run: RunState): string | null {
  return run.status === "idle" ? null : run.id;
}

function onMessage(state: LiveState, message: ServerMessage): LiveState {
  const { run } = state;
  if (message.type === "hello") return { ...state, connection: { status: "open", hello: message } };
  // A refusal with no id (a message the server could not read) concerns the run in progress.
  if (message.type === "failed") {
    if (message.id !== undefined && message.id !== currentId(run)) return state;
    return {
      ...state,
      run: {
        status: "failed",
        id: message.id ?? currentId(run),
        field: message.field ?? null,
        message: message.message,
      },
    };
  }
  if (run.status !== "running" || message.id !== run.id) return state;
  switch (message.type) {
    case "started":
      return { ...state, run: { ...run, broker: message.broker } };
    case "event":
      return { ...state, run: { ...run, events: [...run.events, message.event] } };
    case "done":
      return { ...state, run: { status: "done", id: run.id, result: message.result } };
    case "cancelled":
      return { ...state, run: { status: "cancelled", id: run.id, events: run.events } };
  }
}

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case "connecting":
      return { ...state, connection: { status: "connecting" } };
    case "sent":
      return { ...state, run: { status: "running", id: action.id, broker: null, events: [] } };
    case "message":
      return onMessage(state, action.message);
    case "closed": {
      // A run in progress ends with the socket: the server cancels a closed socket's runs.
      const run: RunState =
        state.run.status === "running"
          ? {
              status: "failed",
              id: state.run.id,
              field: null,
              message: `The connection to the lab server closed during the run (${action.reason}); the run was cancelled.`,
            }
          : state.run;
      return { connection: { status: "closed", reason: action.reason }, run };
    }
  }
}
