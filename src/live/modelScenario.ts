/**
 * The scenario the model runs to be set beside a live run: the scenario as given, plus one fault
 * for each packet the relay's random loss cut (lab/relay/loss.ts), so that `simulate()` loses the
 * same packets the real run lost. A hold is the same fault as a cut for the model: the packet never
 * arrives and its connection ends. The CLI, the lab server and the Live view all compare the real
 * trace with `simulate(modelScenarioFor(scenario, result))`. Pure.
 */
import { MAX_DELAY_MS } from "../sim/scenarioDefaults.ts";
import type { Fault, Scenario, Timing } from "../sim/types.ts";

/** What a live run reports about its cuts (lab/types.ts LiveRun, protocol.ts LiveResult). */
export interface RunCuts {
  /** Every cut or hold the relay applied: the scenario's faults it met, and the random ones. */
  cuts: readonly { fault: Fault }[];
}

/** The transmission a fault names; CONNECT/CONNACK belong to a connection attempt, not a message. */
function faultKey(f: Fault): string {
  const message = f.packet === "CONNECT" || f.packet === "CONNACK" ? 0 : f.message;
  return `${f.hop}|${f.packet}|${message}|${f.attempt}`;
}

/**
 * The real publisher sends one message at a time, the next once the last flow ended; the model
 * publishes every `publishIntervalMs` of simulated time. A planned fault's flow fits in that
 * interval, but random loss can chain reconnects beyond it, and the model would then send the next
 * message during the reconnects, which no real run does. So the model's interval is stretched to
 * outlast a flow with every loss of the run on it: each loss costs at most the packet's trip, the
 * reconnect pause, CONNECT and CONNACK and the resends (R + 8 latencies); a flow of two hops without
 * loss 10 latencies. Only simulated timing changes, which the diff never compares.
 */
function sequentialTiming(timing: Timing, losses: number): Timing {
  const { latencyMs, reconnectDelayMs, publishIntervalMs } = timing;
  const longestFlow = 10 * latencyMs + losses * (reconnectDelayMs + 8 * latencyMs);
  return { ...timing, publishIntervalMs: Math.min(MAX_DELAY_MS, Math.max(publishIntervalMs, longestFlow)) };
}

/**
 * `scenario` with the faults random loss amounts to appended, in the order they were cut, and an
 * interval between messages long enough for the model to finish each message's flow before the
 * next, as the real run does (`sequentialTiming`). A cut is random when no fault of the scenario
 * names its transmission: the relay applies a planned fault before it draws, and every
 * transmission has its own attempt number, so a planned fault is met at most once. Each planned
 * fault accounts for one cut with its key. Returns `scenario` itself when random loss cut nothing.
 */
export function modelScenarioFor(scenario: Scenario, result: RunCuts): Scenario {
  const planned = new Map<string, number>();
  for (const f of scenario.faults) planned.set(faultKey(f), (planned.get(faultKey(f)) ?? 0) + 1);
  const random: Fault[] = [];
  for (const { fault } of result.cuts) {
    const key = faultKey(fault);
    const left = planned.get(key) ?? 0;
    if (left > 0) planned.set(key, left - 1);
    else random.push({ ...fault });
  }
  if (random.length === 0) return scenario;
  const faults = [...scenario.faults, ...random];
  return { ...scenario, faults, timing: sequentialTiming(scenario.timing, faults.length) };
}
