/**
 * Sentences for broker restarts (scenario `broker.restarts`): the broker going down and coming back,
 * and the clause a verdict gives a message whose state the broker lost. Read from the trace's
 * `broker-down` events, never recomputed. Pure.
 */
import type { BrokerDownEvent, BrokerUpEvent, Trace, TraceEvent, Verdict } from "../sim/types.ts";

/** MQTT 5.0 reason code 0x8B "Server shutting down" (DISCONNECT). */
export const SERVER_SHUTTING_DOWN = 0x8b;

function messagesText(messages: readonly number[]): string {
  if (messages.length === 1) return `message ${messages[0]}`;
  return `messages ${messages.slice(0, -1).join(", ")} and ${messages[messages.length - 1]}`;
}

/** How the scenario's persistence reads in a sentence. */
function persistenceText(trace: Trace): string {
  const p = trace.scenario.broker?.persistence ?? "off";
  if (p === "off") return "no persistence";
  if (p === "on") return "persistence saving on every change";
  return `an autosave every ${p.autosaveMs} ms`;
}

/** What happens to what the broker held. */
function fate(e: BrokerDownEvent): string {
  const parts: string[] = [];
  if (e.kept.length > 0) parts.push(`it keeps ${messagesText(e.kept)}`);
  if (e.lost.length > 0) parts.push(`${messagesText(e.lost)} ${e.lost.length === 1 ? "is" : "are"} gone`);
  parts.push(e.sessionsKept ? "the sessions survive" : "every session is gone");
  return parts.join("; ");
}

/** What the restart does to the retained messages, when it changes them (the `retained` field). */
function retainedSentence(e: BrokerDownEvent): string {
  if (e.retained === undefined) return "";
  if (e.retained.length === 0) return " Its retained messages go with it.";
  const which = e.retained.length === 1 ? "message" : "messages";
  return ` Its retained messages go back to those of the save: ${which} ${e.retained.join(", ")}.`;
}

/** The broker stops. */
export function brokerDownSentence(trace: Trace, e: BrokerDownEvent): string {
  const restart = trace.scenario.broker?.restarts?.find((r) => r.atMs === e.t);
  const back = restart === undefined ? "" : ` It runs again in ${restart.downMs} ms.`;
  const how = persistenceText(trace);
  if (e.kind === "graceful") {
    const saves = how === "no persistence" ? "with no persistence" : "and saves its state first";
    return `The broker shuts down cleanly ${saves}: ${fate(e)}. Every connection closes.${retainedSentence(e)}${back}`;
  }
  const from =
    e.savedAtMs !== undefined
      ? `; it will restore the state it saved at ${e.savedAtMs} ms`
      : how === "no persistence"
        ? ", with no persistence"
        : `, with ${how}`;
  return `The broker crashes${from}: ${fate(e)}. Every connection breaks, losing what was in flight.${retainedSentence(e)}${back}`;
}

export function brokerUpSentence(trace: Trace, e: BrokerUpEvent): string {
  const down = e.causedBy === undefined ? undefined : trace.events[e.causedBy];
  const sessions = down?.type === "broker-down" && !down.sessionsKept ? " with no sessions" : "";
  return `The broker runs again${sessions}; the clients' next reconnect attempts reach it.`;
}

/** The connection-lost sentence when a broker restart ended the connection. */
export function restartBreakSentence(hopEnds: string, client: string): string {
  return `The broker is down, so the connection between ${hopEnds} ends; the ${client} retries until the broker is back.`;
}

/** The broker-down event that caused `e`, if any. */
export function restartOf(trace: Trace, e: TraceEvent): BrokerDownEvent | undefined {
  const c = "causedBy" in e && e.causedBy !== undefined ? trace.events[e.causedBy] : undefined;
  return c?.type === "broker-down" ? c : undefined;
}

/**
 * Why a restart took `message` with it, or undefined when no restart lost its state: "lost when
 * the broker crashed without persistence".
 */
export function restartLossClause(trace: Trace, message: number, verdict: Verdict): string | undefined {
  for (const e of trace.events) {
    if (e.type !== "broker-down") continue;
    if (e.lost.includes(message)) {
      const how = e.kind === "crash" ? "crashed" : "shut down";
      const persistence = trace.scenario.broker?.persistence ?? "off";
      if (persistence === "off") return `lost when the broker ${how} without persistence (at ${e.t} ms)`;
      const save = e.savedAtMs === undefined ? "what it had saved" : `its last save (at ${e.savedAtMs} ms)`;
      return `lost when the broker ${how} at ${e.t} ms: ${save} did not hold it`;
    }
    if (e.savedAtMs !== undefined && e.kept.includes(message)) {
      return `the broker crashed at ${e.t} ms and restored it as saved at ${e.savedAtMs} ms, an older state`;
    }
    if (verdict === "duplicated" && e.kept.includes(message)) {
      return `the broker kept it through its ${e.kind === "crash" ? "crash" : "shutdown"} at ${e.t} ms (persistence) and sent it again`;
    }
  }
  return undefined;
}
