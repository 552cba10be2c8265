import { simulate } from "./src/sim/simulate.ts";
import { sequence } from "./src/sim/sequence.ts";
import { causeProblems } from "./src/sim/causeRules.ts";
const cases: Record<string, unknown> = {
  cut: { publishQos: 1, messages: [0,0,0].map(() => ({ atMs: 0 })), faults: [{ packet: "PUBLISH", message: 2 }] },
  refuse: { publishQos: 2, subscriber: { qos: 2 }, receiveMaximum: { broker: 1 }, messages: [{}, { atMs: 0 }], refusals: [{ message: 1, reasonCode: 0x87 }] },
  norefuse: { publishQos: 2, receiveMaximum: { broker: 1 }, messages: [{}, { atMs: 0 }] },
  rm311: { protocol: "3.1.1", publishQos: 1, subscriber: { qos: 1 }, receiveMaximum: { subscriber: 1 }, messages: [{}, { atMs: 0 }] },
};
for (const [name, input] of Object.entries(cases)) {
  try {
    const trace = simulate(input);
    console.log("==", name); console.log(JSON.stringify(sequence(trace), null, 2));
    console.log(causeProblems(trace), JSON.stringify(trace.outcome.messages.map((m) => [m.deliveries, m.verdict])));
  } catch (e) { console.log(name, String(e)); }
}
