/**
 * `npx tsx scripts/bench-lab.ts [runs]`: the cost of one live run (wall time, from starting the
 * broker to the last socket closed) for the opening preset, on the embedded Aedes (3.1.1) and on a
 * Mosquitto child process (5.0, when installed), with this project's clients and with MQTT.js.
 * Prints median and range.
 */
import { performance } from "node:perf_hooks";
import { OPENING_PRESET } from "../src/app/presets.ts";
import { mosquittoPath } from "../lab/brokers/mosquitto.ts";
import { runLive } from "../lab/run.ts";

const runs = Number(process.argv[2] ?? 7);

async function measure(broker: "aedes" | "mosquitto", protocol: "3.1.1" | "5.0", client: "own" | "mqttjs") {
  const scenario = { ...OPENING_PRESET.scenario, protocol };
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await runLive(scenario, { broker, client });
    wall.push(performance.now() - start);
  }
  wall.sort((a, b) => a - b);
  const median = wall[Math.floor(wall.length / 2)] ?? 0;
  const range = `${Math.round(wall[0] ?? 0)}–${Math.round(wall.at(-1) ?? 0)}`;
  console.log(
    `${broker} ${protocol}, ${client} client: median ${Math.round(median)} ms, range ${range} ms (${runs} runs)`,
  );
}

for (const client of ["own", "mqttjs"] as const) {
  await measure("aedes", "3.1.1", client);
  if (mosquittoPath() !== undefined) await measure("mosquitto", "5.0", client);
}
