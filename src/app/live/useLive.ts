/**
 * useLive(endpoint): the WebSocket to the lab server, opened when the Live view mounts and closed
 * when it unmounts (the server cancels a closed socket's runs). `run` sends a request and returns
 * its id; `cancel` asks the server to stop the run on screen; `reconnect` opens a new socket after
 * the server went away.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { parseServerMessage, type LiveEndpoint, type LiveRequest } from "../../live/index.ts";
import { socketUrl } from "./endpoint.ts";
import { INITIAL_LIVE_STATE, liveReducer, type LiveState } from "./liveState.ts";

/** What the socket's close says, in words (a refused upgrade closes with 1006 and no reason). */
function closeReason(event: CloseEvent): string {
  if (event.reason !== "") return event.reason;
  return event.code === 1000 ? "closed by the server" : "the lab server is not reachable";
}

let runs = 0;
function newRunId(): string {
  runs += 1;
  return `run-${Date.now().toString(36)}-${runs}`;
}

export interface Live {
  state: LiveState;
  run(request: LiveRequest): void;
  cancel(): void;
  reconnect(): void;
}

export function useLive(endpoint: LiveEndpoint): Live {
  const [state, dispatch] = useReducer(liveReducer, INITIAL_LIVE_STATE);
  const socket = useRef<WebSocket | null>(null);
  // Bumped by reconnect: the effect opens a new socket.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    dispatch({ type: "connecting" });
    const ws = new WebSocket(socketUrl(endpoint, window.location));
    socket.current = ws;
    ws.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data !== "string") return;
      const parsed = parseServerMessage(event.data);
      if (parsed.ok) dispatch({ type: "message", message: parsed.value });
      else
        dispatch({
          type: "message",
          message: { type: "failed", message: `The lab server sent ${parsed.message}` },
        });
    };
    ws.onclose = (event) => {
      if (socket.current === ws) dispatch({ type: "closed", reason: closeReason(event) });
    };
    return () => {
      socket.current = null;
      ws.close(1000);
    };
  }, [endpoint, attempt]);

  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  });

  const run = useCallback((request: LiveRequest) => {
    const ws = socket.current;
    if (ws?.readyState !== WebSocket.OPEN) return;
    const id = newRunId();
    dispatch({ type: "sent", id });
    ws.send(JSON.stringify({ type: "run", id, request }));
  }, []);

  const cancel = useCallback(() => {
    const current = latest.current.run;
    if (current.status !== "running") return;
    socket.current?.send(JSON.stringify({ type: "cancel", id: current.id }));
  }, []);

  const reconnect = useCallback(() => setAttempt((n) => n + 1), []);

  return { state, run, cancel, reconnect };
}
