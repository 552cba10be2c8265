import type { Page } from "@playwright/test";
import type { LiveResult, RealTraceEvent, ServerMessage } from "../src/live/index.ts";
import recorded from "./live-run.aedes.json" with { type: "json" };

/**
 * A lab server stood in for by Playwright, for pictures that must not move (e2e/visual.spec.ts):
 * the page gets the Live meta tag and a WebSocket that answers a run with a run recorded from the
 * embedded Aedes (`npm run lab -- scenario.json --broker aedes --format json`: its `real`), so the
 * real milliseconds are the same on every machine. Real runs are tested in e2e/live.spec.ts.
 */

/** The recorded run's set-up, as link parameters: QoS 1 over two hops, the first PUBACK lost. */
export const RECORDED_PARAMS =
  "publishQos=1&subscriber.qos=1&faults=PUBACK&session=persistent&retransmit=on-reconnect&protocol=3.1.1";

type Recorded = LiveResult["trace"];
const trace = recorded as unknown as Recorded;

function resultOf(real: Recorded): LiveResult {
  const faults = real.scenario.faults;
  const cuts = real.events.flatMap((e, event) =>
    e.type === "packet" && e.cut
      ? faults
          .filter((f) => f.hop === e.hop && f.packet === e.packet && f.message === e.message)
          .map((fault) => ({ fault, event }))
      : [],
  );
  return {
    trace: real,
    cuts,
    durationMs: real.outcome.durationMs,
    broker: real.broker ?? { name: "aedes", url: "" },
    timedOut: false,
  };
}

const HELLO: ServerMessage = {
  type: "hello",
  version: 1,
  brokers: [
    { id: "aedes", label: "Aedes (embedded)", available: true, protocols: ["3.1.1"] },
    {
      id: "mosquitto",
      label: "Mosquitto",
      available: false,
      reason: "mosquitto is not installed: apt-get install mosquitto",
      protocols: ["3.1.1", "5.0"],
    },
  ],
  clients: ["own", "mqttjs"],
  limits: { maxRuns: 2, runTimeoutMs: 30_000 },
  credentialsFromEnv: false,
};

/** Serves the page with the meta tag and answers runs with the recorded one. */
export async function mockLabServer(page: Page): Promise<void> {
  await page.route(
    (url) => url.pathname === "/",
    async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        "<head>",
        `<head><meta name="mqtt-qos-lab-live" content='{"ws":"/live","token":"visual-test-token-0123456789"}'>`,
      );
      await route.fulfill({ response, body: html });
    },
  );
  await page.routeWebSocket(/\/live\?token=/, (ws) => {
    ws.send(JSON.stringify(HELLO));
    ws.onMessage((text) => {
      const message = JSON.parse(String(text)) as { type: string; id: string };
      if (message.type !== "run") return;
      const { id } = message;
      const send = (m: ServerMessage) => ws.send(JSON.stringify(m));
      send({ type: "started", id, broker: trace.broker ?? { name: "aedes", url: "" } });
      for (const event of trace.events as RealTraceEvent[]) send({ type: "event", id, event });
      send({ type: "done", id, result: resultOf(trace) });
    });
  });
}
