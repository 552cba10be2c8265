/** Which parties' deliveries a real trace records. Pure. */
import type { Party } from "../sim/types.ts";
import type { RealTrace } from "./realTrace.ts";

/** RealTrace.deliveriesSeenAt, defaulted: the subscriber with two hops, plus every party with a `deliver`. */
export function deliveriesSeen(real: RealTrace): Set<Party> {
  const seen = new Set<Party>(real.deliveriesSeenAt ?? (real.scenario.subscriber ? ["subscriber"] : []));
  for (const e of real.events) if (e.type === "deliver") seen.add(e.at);
  return seen;
}
