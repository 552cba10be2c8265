import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { simulate } from "../sim/simulate.ts";
import { QOS2_DELIVERIES } from "../sim/types.ts";
import type { PacketEvent } from "../sim/types.ts";
import { diffTraces } from "./diff.ts";
import { asReal, relayLike } from "./testing.ts";

describe("diffTraces over random scenarios", () => {
  it("finds no difference between the model's trace and itself", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const trace = simulate(scenario);
        expect(diffTraces(trace, asReal(trace))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("finds none either in what the relay would record of it", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const trace = simulate(scenario);
        expect(diffTraces(trace, relayLike(trace))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it(
    "names only hand-on points and deliveries when the broker's QoS 2 method differs",
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(arbitraryScenario({ publishQos: [2], subscriber: "never", maxFaults: 0 }), (scenario) => {
          const other = QOS2_DELIVERIES.find((d) => d !== scenario.qos2Delivery.broker) ?? "on-publish";
          const model = simulate(scenario);
          const real = simulate({ ...scenario, qos2Delivery: { ...scenario.qos2Delivery, broker: other } });
          const diff = diffTraces(model, asReal(real, model));
          expect(diff.map((d) => d.kind)).toEqual(scenario.messages.map(() => "hand-on"));
        }),
        { numRuns: 100 },
      );
    },
  );

  it("names a missing packet whenever the real trace lacks one the model sent", { timeout: 60_000 }, () => {
    const withPick = arbitraryScenario().chain((scenario) => fc.tuple(fc.constant(scenario), fc.nat()));
    fc.assert(
      fc.property(withPick, ([scenario, pick]) => {
        const trace = simulate(scenario);
        const sameStream = (a: PacketEvent, b: PacketEvent): boolean =>
          a.hop === b.hop && a.from === b.from && a.packet === b.packet && a.message === b.message;
        // Leave out streams with a packet lost with its connection: one real copy fits either.
        const candidates = trace.events.flatMap((e, i) =>
          e.type === "packet" &&
          !e.dropped &&
          !trace.events.some((o) => o.type === "packet" && o.lostBy === "connection-lost" && sameStream(o, e))
            ? [{ e, i }]
            : [],
        );
        fc.pre(candidates.length > 0);
        const { e: gone, i } = candidates[pick % candidates.length]!;
        const real = asReal(trace);
        real.events = real.events.filter((_, j) => j !== i);
        const missing = diffTraces(trace, real).filter((d) => d.kind === "missing");
        expect(missing).toEqual([
          expect.objectContaining({
            hop: gone.hop,
            party: gone.from,
            packet: gone.packet,
            ...(gone.message !== undefined ? { message: gone.message } : {}),
          }),
        ]);
      }),
      { numRuns: 300 },
    );
  });
});
