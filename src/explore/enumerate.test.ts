import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { faultOf, sameFault } from "../sim/interventions.ts";
import { parseScenarioOrThrow, type ScenarioInput } from "../sim/scenario.ts";
import { simulate } from "../sim/simulate.ts";
import { HOPS, PACKET_TYPES, type Fault, type Hop, type PacketEvent, type Scenario } from "../sim/types.ts";
import { explore, MAX_DROPS, planStream, type Exploration } from "./enumerate.ts";

const setup = (input: ScenarioInput): Scenario => parseScenarioOrThrow(input);

/** A plan as a set: the same faults in any order give the same key. */
function planKey(faults: readonly Fault[]): string {
  return faults
    .map((f) => `${f.hop} ${f.packet} ${f.packet.startsWith("CONN") ? 1 : f.message} ${f.attempt}`)
    .sort()
    .join(" + ");
}

function* subsets<T>(items: readonly T[], maxSize: number, from = 0, chosen: T[] = []): Generator<T[]> {
  if (chosen.length > 0) yield chosen;
  if (chosen.length === maxSize) return;
  for (let i = from; i < items.length; i++) yield* subsets(items, maxSize, i + 1, [...chosen, items[i]!]);
}

const isSame = (a: Fault | null, b: Fault) => a !== null && sameFault(a, b);

/** Whether `fault`'s transmission is sent and arrives when only the other faults of its plan apply. */
function arrivesWithout(scenario: Scenario, plan: readonly Fault[], fault: Fault): boolean {
  const trace = simulate({ ...scenario, faults: plan.filter((f) => f !== fault) });
  const packet = trace.events.find((e): e is PacketEvent => e.type === "packet" && isSame(faultOf(e), fault));
  return packet !== undefined && !packet.dropped;
}

/**
 * The brute force the explorer must agree with: every subset of at most k transmission identities
 * from a generous universe (every packet type × hop × message × attempt 1..4), simulated; kept when
 * every fault was used and each one mattered (its packet would have arrived without it: dropping a
 * packet already lost with its connection only relabels it).
 */
function bruteForce(scenario: Scenario, k: number): Set<string> {
  const hops: readonly Hop[] = scenario.subscriber === undefined ? ["publisher-broker"] : HOPS;
  const universe: Fault[] = [];
  for (const hop of hops)
    for (const packet of PACKET_TYPES)
      for (let message = 1; message <= (packet.startsWith("CONN") ? 1 : scenario.messages.length); message++)
        for (let attempt = 1; attempt <= 4; attempt++) universe.push({ hop, packet, message, attempt });
  const found = new Set<string>();
  for (const plan of subsets(universe, k)) {
    const trace = simulate({ ...scenario, faults: plan });
    if (trace.unusedFaults.length > 0) continue;
    if (plan.every((f) => arrivesWithout(scenario, plan, f))) found.add(planKey(plan));
  }
  return found;
}

describe("explore finds every fault plan exactly once", () => {
  const cases: { name: string; input: ScenarioInput; k: number }[] = [
    { name: "QoS 1, one hop", input: { publishQos: 1 }, k: 3 },
    { name: "QoS 2, one hop", input: { publishQos: 2 }, k: 3 },
    {
      name: "QoS 2, one hop, timer resends",
      input: { publishQos: 2, retransmit: "on-timeout", protocol: "3.1.1" },
      k: 3,
    },
    { name: "QoS 1, two hops", input: { publishQos: 1, subscriber: { qos: 1 } }, k: 2 },
    { name: "QoS 2, two hops", input: { publishQos: 2, subscriber: { qos: 2 } }, k: 2 },
    {
      name: "QoS 2, two hops, clean sessions, Method B",
      input: {
        publishQos: 2,
        subscriber: { qos: 2 },
        session: "clean",
        qos2Delivery: { broker: "on-publish", subscriber: "on-publish" },
      },
      k: 2,
    },
    { name: "QoS 1, two messages", input: { publishQos: 1, messages: [{}, {}] }, k: 2 },
  ];

  it.each(cases)(
    "$name, up to $k drops: the same plans as a brute force",
    ({ input, k }) => {
      const scenario = setup(input);
      const exploration = explore(scenario, k);
      const keys = exploration.plans.map((p) => planKey(p.faults));
      expect(new Set(keys).size).toBe(keys.length);
      // The universe of the brute force must be generous enough for what the explorer found.
      const attempts = exploration.plans.flatMap((p) => p.faults.map((f) => f.attempt));
      expect(Math.max(...attempts)).toBeLessThanOrEqual(4);
      expect(new Set(keys)).toEqual(bruteForce(scenario, k));
    },
    60_000,
  );

  it("does not drop again a packet lost with its connection (it would only change its label)", () => {
    // The broker resends right after its CONNACK: losing the CONNACK breaks the connection with
    // the resent PUBLISH in flight. A fault on that PUBLISH matches, yet changes nothing.
    const scenario = setup({ publishQos: 1, subscriber: { qos: 1 } });
    const hop = "broker-subscriber" as const;
    const plan: Fault[] = [
      { hop, packet: "PUBLISH", message: 1, attempt: 1 },
      { hop, packet: "CONNACK", message: 1, attempt: 1 },
    ];
    const redundant: Fault = { hop, packet: "PUBLISH", message: 1, attempt: 2 };
    const once = simulate({ ...scenario, faults: plan });
    const twice = simulate({ ...scenario, faults: [...plan, redundant] });
    expect(twice.unusedFaults).toEqual([]);
    expect(twice.outcome).toEqual(once.outcome);
    const keys = explore(scenario, 3).plans.map((p) => planKey(p.faults));
    expect(keys).toContain(planKey(plan));
    expect(keys).not.toContain(planKey([...plan, redundant]));
  });
});

describe("each plan is what simulate() says", () => {
  const check = (exploration: Exploration): void => {
    const counts = { lost: 0, once: 0, duplicated: 0 };
    for (const plan of exploration.plans) {
      const trace = simulate({ ...exploration.scenario, faults: plan.faults });
      expect(trace.unusedFaults).toEqual([]);
      expect(plan.outcome).toEqual(trace.outcome);
      for (const m of trace.outcome.messages) counts[m.verdict]++;
    }
    expect(exploration.counts).toEqual(counts);
  };

  it("QoS 2 over two hops, up to 2 drops", () => {
    check(explore(setup({ publishQos: 2, subscriber: { qos: 1 } }), 2));
  });

  it("holds for any set-up (property)", () => {
    const arbitrarySetup = fc.record({
      publishQos: fc.constantFrom(0, 1, 2),
      subscriber: fc.option(fc.record({ qos: fc.constantFrom(0, 1, 2) }), { nil: undefined }),
      session: fc.constantFrom("persistent", "clean"),
      timer: fc.boolean(),
      methodB: fc.boolean(),
      dedupe: fc.boolean(),
      messages: fc.integer({ min: 1, max: 2 }),
    });
    fc.assert(
      fc.property(arbitrarySetup, (a) => {
        const scenario = setup({
          publishQos: a.publishQos as 0 | 1 | 2,
          ...(a.subscriber === undefined ? {} : { subscriber: { qos: a.subscriber.qos as 0 | 1 | 2 } }),
          session: a.session as "persistent" | "clean",
          ...(a.timer ? { retransmit: "on-timeout", protocol: "3.1.1" } : {}),
          qos2Delivery: { broker: a.methodB ? "on-publish" : "on-pubrel", subscriber: "on-pubrel" },
          dedupe: a.dedupe,
          messages: Array.from({ length: a.messages }, () => ({})),
        });
        const exploration = explore(scenario, a.messages === 1 ? 2 : 1);
        const keys = exploration.plans.map((p) => planKey(p.faults));
        expect(new Set(keys).size).toBe(keys.length);
        check(exploration);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});

describe("known results", () => {
  const verdicts = (input: ScenarioInput, k: number) => explore(setup(input), k).counts;

  it.each([
    ["on reconnect, one hop", { publishQos: 2 }],
    ["on reconnect, two hops", { publishQos: 2, subscriber: { qos: 2 } }],
    ["on timeout 3.1.1, one hop", { publishQos: 2, retransmit: "on-timeout", protocol: "3.1.1" }],
    [
      "on timeout 3.1.1, two hops",
      { publishQos: 2, subscriber: { qos: 2 }, retransmit: "on-timeout", protocol: "3.1.1" },
    ],
  ] as [string, ScenarioInput][])(
    "QoS 2 with persistent sessions, %s: exactly once in every plan",
    (_, input) => {
      const counts = verdicts(input, 3);
      expect(counts.lost).toBe(0);
      expect(counts.duplicated).toBe(0);
      expect(counts.once).toBeGreaterThan(0);
    },
  );

  it("QoS 1 with persistent sessions: some plans duplicate, none lose", () => {
    const counts = verdicts({ publishQos: 1 }, 2);
    expect(counts.duplicated).toBeGreaterThan(0);
    expect(counts.lost).toBe(0);
  });

  it("QoS 0: some plans lose, none duplicate", () => {
    const counts = verdicts({ publishQos: 0, subscriber: { qos: 2 } }, 2);
    expect(counts.lost).toBeGreaterThan(0);
    expect(counts.duplicated).toBe(0);
  });

  it("QoS 2 with clean sessions and Method A: some plans lose (PUBREL lost, say)", () => {
    const exploration = explore(setup({ publishQos: 2, session: "clean" }), 1);
    expect(exploration.counts.lost).toBeGreaterThan(0);
    const pubrel = exploration.plans.find((p) => p.name === "PUBREL lost");
    expect(pubrel?.outcome.messages[0]?.verdict).toBe("lost");
  });

  it("counts the plans of QoS 2 one hop: the four packets, then their follow-ups", () => {
    const plans = explore(setup({ publishQos: 2 }), 1).plans.map((p) => p.name);
    expect(plans).toEqual(["PUBLISH lost", "PUBREC lost", "PUBREL lost", "PUBCOMP lost"]);
  });
});

describe("the exploration itself", () => {
  it("ignores the scenario's own faults: it starts from the set-up", () => {
    const withFault = setup({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    const exploration = explore(withFault, 1);
    expect(exploration.scenario.faults).toEqual([]);
    expect(exploration.baseline.outcome.messages[0]?.verdict).toBe("once");
    expect(exploration.plans.map((p) => p.faults)).toEqual(
      explore(setup({ publishQos: 1 }), 1).plans.map((p) => p.faults),
    );
  });

  it("gives plans fewest drops first, each plan's faults in the order they were sent", () => {
    const { plans } = explore(setup({ publishQos: 2, subscriber: { qos: 1 } }), 3);
    const sizes = plans.map((p) => p.faults.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    const first = plans.find((p) => p.faults.length === 2 && p.faults[0]?.packet === "PUBREC");
    expect(first?.faults.map((f) => `${f.packet}#${f.attempt}`)).toEqual(["PUBREC#1", "CONNECT#1"]);
  });

  it("drops resent copies and reconnect packets too", () => {
    const names = explore(setup({ publishQos: 2 }), 2).plans.map((p) => p.name);
    expect(names).toContain("PUBREC lost, then the resent PUBLISH lost");
    expect(names).toContain("PUBREC lost, then the second PUBREC lost");
    expect(names).toContain("PUBREL lost, then the resent PUBREL lost");
    expect(names).toContain("PUBLISH lost, then the reconnect's CONNACK lost");
  });

  it("indexes the plans with each verdict", () => {
    const exploration = explore(setup({ publishQos: 1, subscriber: { qos: 0 } }), 2);
    const { plans, byVerdict } = exploration;
    for (const verdict of ["lost", "once", "duplicated"] as const) {
      const expected = plans.flatMap((p, i) =>
        p.outcome.messages.some((m) => m.verdict === verdict) ? [i] : [],
      );
      expect(byVerdict[verdict]).toEqual(expected);
    }
  });

  it("reports progress after each plan and stops when asked", () => {
    const progress: number[] = [];
    const exploration = explore(setup({ publishQos: 2 }), 2, {
      onProgress: (done) => progress.push(done),
      shouldStop: () => progress.length >= 5,
    });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(exploration.plans).toHaveLength(5);
    expect(exploration.complete).toBe(false);
    expect(explore(setup({ publishQos: 2 }), 2).complete).toBe(true);
  });

  it("streams plans lazily for callers that run in slices", () => {
    const stream = planStream(setup({ publishQos: 2, subscriber: { qos: 2 } }), 3);
    const first = stream.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ name: "on the first hop: PUBLISH lost" });
    stream.return();
  });

  it.each([0, MAX_DROPS + 1, 1.5, Number.NaN])("refuses maxDrops %s", (k) => {
    expect(() => explore(setup({ publishQos: 1 }), k)).toThrow(RangeError);
  });

  it("refuses an invalid scenario with a ScenarioError", () => {
    const bad = { ...setup({ publishQos: 1 }), publishQos: 3 } as unknown as Scenario;
    expect(() => explore(bad, 1)).toThrow(/publishQos/);
  });
});

describe("argument checks happen at once", () => {
  it("planStream refuses a bad maxDrops before the first plan is asked for", () => {
    expect(() => planStream(setup({ publishQos: 1 }), 4)).toThrow(RangeError);
  });

  it("explore refuses a bad maxDrops even when stopped at once", () => {
    expect(() => explore(setup({ publishQos: 1 }), 0, { shouldStop: () => true })).toThrow(RangeError);
  });
});
