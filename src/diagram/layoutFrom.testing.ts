/** TEST-ONLY: what the tests of `layoutFrom` compare, and the toggle a click makes. */
import type { Fault, Scenario } from "../sim/types.ts";
import type { DiagramLayout } from "./layout.ts";

/** Everything a layout returns, and where its functions put a few instants and heights. */
export function picture(d: DiagramLayout): unknown {
  const times = [
    0,
    d.duration / 3,
    d.duration / 2,
    d.duration,
    ...d.arrows.slice(-20).map((a) => a.event.t + 0.5),
  ];
  return {
    json: JSON.parse(JSON.stringify(d)) as unknown,
    yOf: times.map((t) => [d.yOf(t), d.playheadY(t)]),
    tOf: [0, 100, d.height / 2, d.height].map((y) => d.tOf(y)),
  };
}

/** The scenario with `fault` added, or taken out when it is there (a click on a packet). */
export function toggled(scenario: Scenario, fault: Fault): Scenario {
  const same = (f: Fault) => JSON.stringify(f) === JSON.stringify(fault);
  const faults = scenario.faults.some(same)
    ? scenario.faults.filter((f) => !same(f))
    : [...scenario.faults, fault];
  return { ...scenario, faults };
}
