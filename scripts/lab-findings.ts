/**
 * npm run lab:findings — runs lab/findings/probes.ts against real Mosquitto (a child process) and
 * the embedded Aedes, prints each run's trace as lines and writes them all to
 * lab/findings/traces.json (the data lab/findings/findings.md and the profiles cite).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { traceLines } from "../lab/findings/lines.ts";
import { PROBES } from "../lab/findings/probes.ts";
import { runLive } from "../lab/run.ts";

const only = process.argv[2];
const out: unknown[] = [];
for (const probe of PROBES) {
  if (only !== undefined && !probe.id.startsWith(only)) continue;
  for (const { broker, protocol } of probe.runs) {
    const scenario = { protocol, ...probe.scenario };
    const run = await runLive(scenario, { broker, timeoutMs: 20_000 });
    const lines = traceLines(run.trace);
    const deliveries = run.trace.outcome.messages.map((m) => `m${m.message}:${m.deliveries}`).join(" ");
    console.log(`\n== ${probe.id} (${broker}, MQTT ${protocol}): ${probe.about}`);
    for (const line of lines) console.log(`  ${line}`);
    console.log(`  deliveries ${deliveries}${run.timedOut ? " (timed out)" : ""}`);
    out.push({ probe: probe.id, about: probe.about, broker, protocol, scenario, lines, deliveries });
  }
}
if (only === undefined) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "../lab/findings/traces.json");
  writeFileSync(
    file,
    `${JSON.stringify({ mosquitto: "2.0.11", aedes: "1.x (package.json)", runs: out }, null, 2)}\n`,
  );
  console.log(`\nwrote ${file}`);
}
