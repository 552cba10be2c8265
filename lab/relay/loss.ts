/**
 * Seeded random loss in the relay: each QoS-flow packet a hop carries (PUBLISH, PUBACK, PUBREC,
 * PUBREL, PUBCOMP, and CONNECT/CONNACK once that hop lost a connection) is cut with probability
 * `rate`. The draws come from one seeded generator per hop (src/sim/random.ts), taken in the order
 * the relay sees that hop's packets, so two runs with the same seed cut the same packets as long
 * as the traffic is the same. Each random cut amounts to a fault of the scenario's format, which is
 * how the model (src/live/modelScenario.ts) is told about it.
 */
import { seededRandom, type Random } from "../../src/sim/random.ts";
import { HOPS, type Hop, type PacketType } from "../../src/sim/types.ts";
import { MAX_ATTEMPT, MAX_FAULTS } from "../../src/sim/scenarioDefaults.ts";
import { MAX_LOSS_RATE } from "../../src/live/index.ts";

export interface LossOptions {
  /** Probability that an eligible packet is cut, 0 to MAX_LOSS_RATE. */
  rate: number;
  /** Any integer from 0 to 2^32 - 1. */
  seed: number;
}

/** Throws a RangeError naming the bad field; a run must not start on a loss it cannot repeat. */
export function checkLoss(loss: LossOptions): void {
  if (!Number.isFinite(loss.rate) || loss.rate < 0 || loss.rate > MAX_LOSS_RATE)
    throw new RangeError(`loss.rate: expected a number from 0 to ${MAX_LOSS_RATE}; got ${loss.rate}`);
  if (!Number.isInteger(loss.seed) || loss.seed < 0 || loss.seed > 2 ** 32 - 1)
    throw new RangeError(`loss.seed: expected an integer from 0 to 4294967295; got ${loss.seed}`);
}

/**
 * The seed of one hop's generator: hops draw from separate streams, so the traffic of one hop
 * never shifts the other's draws (the golden-ratio step keeps the two seeds far apart).
 */
export function hopSeed(seed: number, hop: Hop): number {
  return (seed + HOPS.indexOf(hop) * 0x9e3779b9) >>> 0;
}

/**
 * A packet random loss may cut: one a scenario's fault could name (scenario-format.md), so that
 * the model can be told: a QoS-flow packet of one of the scenario's `messages` (an ack of an
 * unknown packet id names none), or a CONNECT/CONNACK of a reconnection (`attempt` > 0).
 */
export function lossEligible(
  packet: PacketType,
  message: number | undefined,
  attempt: number,
  messages: number,
): boolean {
  if (attempt > MAX_ATTEMPT) return false;
  if (packet === "CONNECT" || packet === "CONNACK") return attempt > 0;
  return message !== undefined && message >= 1 && message <= messages;
}

/**
 * A run's random loss: one drawer per hop, sharing a budget of cuts so that the scenario's faults
 * plus the random ones stay within what a scenario may list (MAX_FAULTS), and the model of what
 * happened (src/live/modelScenario.ts) is always a valid scenario.
 */
export class RandomLoss {
  private readonly loss: LossOptions;
  private budget: number;

  constructor(loss: LossOptions, plannedFaults: number) {
    checkLoss(loss);
    this.loss = loss;
    this.budget = Math.max(0, MAX_FAULTS - plannedFaults);
  }

  drawer(hop: Hop): LossDrawer {
    return new LossDrawer(this.loss, hop, () => {
      if (this.budget === 0) return false;
      this.budget--;
      return true;
    });
  }
}

/** One hop's draws. */
export class LossDrawer {
  private readonly rate: number;
  private readonly random: Random;
  private readonly spend: () => boolean;

  constructor(loss: LossOptions, hop: Hop, spend: () => boolean = () => true) {
    checkLoss(loss);
    this.rate = loss.rate;
    this.random = seededRandom(hopSeed(loss.seed, hop));
    this.spend = spend;
  }

  /** Whether the next eligible packet is cut. Every call takes one draw, whatever the rate. */
  draw(): boolean {
    return this.random() < this.rate && this.spend();
  }
}
