import type { Page } from "@playwright/test";
import { readCompare } from "../src/share/compareParam.ts";
import { scenarioFor } from "../src/sim/compare.ts";
import { runScenario } from "../src/sim/runScenario.ts";
import { parseScenarioOrThrow } from "../src/sim/scenario.ts";
import { expect, test } from "./fixtures.ts";
import { ComparePage } from "./pages/compare-page.ts";
import { serveDirs } from "./serve-static.ts";

/**
 * Implementation profiles (issue 14) in the external forms: a link naming a broker profile, compare
 * columns by broker profile, and the element with a `profiles` attribute.
 */

/** QoS 2 over two hops, the first PUBREC lost, the broker Mosquitto; compare: spec, Mosquitto, EMQX. */
const LINK =
  "publishQos=2&subscriber.qos=2&faults=PUBREC&profiles=mosquitto-2.0&compare=2-spec,2-mosquitto-2.0,2-emqx-5";
const SCENARIO = parseScenarioOrThrow({
  publishQos: 2,
  subscriber: { qos: 2 },
  faults: [{ packet: "PUBREC" }],
  profiles: { broker: "mosquitto-2.0" },
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `/tmp/s/${name}-${scheme}.png`, fullPage: false });
  }
}

test.describe("profiles in links, compare mode and the element", () => {
  test("a link with profiles opens compare columns by broker profile, each with the simulator's verdict", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?${LINK}`);
    const compare = new ComparePage(page);
    await compare.expectColumns(["QoS 2 · Specification", "QoS 2 · Mosquitto 2.0", "QoS 2 · EMQX 5"]);
    await expect(page.getByTestId("url-notice")).toHaveCount(0);
    // The link's own broker is what "as set up" names in every column's picker.
    const pickers = page.getByTestId("compare.broker");
    await expect(pickers).toHaveCount(3);
    await expect(pickers.nth(0).locator("option").first()).toHaveText("as set up (Mosquitto 2.0)");
    await expect(pickers.nth(1)).toHaveValue("mosquitto-2.0");
    const expected = readCompare("compare", "2-spec,2-mosquitto-2.0,2-emqx-5").setups.map((setup) =>
      runScenario(scenarioFor(SCENARIO, setup)).outcome.messages.map((m) => m.verdict),
    );
    const columns = page.getByTestId("compare.column");
    for (const [i, verdicts] of expected.entries()) {
      await expect(columns.nth(i).locator("[data-verdict]")).toHaveCount(verdicts.length);
      for (const [j, verdict] of verdicts.entries()) {
        await expect(columns.nth(i).locator("[data-verdict]").nth(j)).toHaveAttribute(
          "data-verdict",
          verdict,
        );
      }
    }
    await shoot(page, "compare-1280");
    // Picking another broker for a column writes it into the link.
    await pickers.nth(2).selectOption("aws-iot-core");
    await compare.expectColumns(["QoS 2 · Specification", "QoS 2 · Mosquitto 2.0", "QoS 2 · AWS IoT Core"]);
    await expect(page).toHaveURL(/compare=2-spec,2-mosquitto-2\.0,2-aws-iot-core/);
    await expect(page).toHaveURL(/profiles=mosquitto-2\.0/);
    await page.setViewportSize({ width: 360, height: 720 });
    await shoot(page, "compare-360");
  });

  test("a bad profile id is named in the page's notice; the rest of the link still counts", async ({
    page,
  }) => {
    await page.goto("/?publishQos=2&profiles=mosquito-2.0&faults=PUBREC");
    await expect(page.getByTestId("url-notice")).toContainText(
      'profiles: "mosquito-2.0": expected a profile id (did you mean mosquitto-2.0?)',
    );
    await expect(page.locator('.seq-arrow[data-packet="PUBREC"].is-lost').first()).toBeVisible();
    await page.setViewportSize({ width: 360, height: 720 });
    await shoot(page, "notice-360");
  });

  test("the element takes a profiles attribute, and names a bad one", async ({ page, consoleErrors }) => {
    void consoleErrors;
    const origin = "http://element.test";
    await serveDirs(page, origin, ["dist-element"]);
    const body =
      '<!doctype html><html lang="en"><head><title>Host</title></head><body>' +
      '<mqtt-qos-handshake id="good" qos="2" subscriber-qos="2" drop="PUBREC" profiles="mosquitto-2.0" theme="light"></mqtt-qos-handshake>' +
      '<mqtt-qos-handshake id="bad" qos="1" profiles="emqx" theme="dark"></mqtt-qos-handshake>' +
      '<script src="/mqtt-qos-handshake.iife.js"></script></body></html>';
    await page.route(`${origin}/`, (route) => route.fulfill({ contentType: "text/html", body }));
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${origin}/`);
    const good = page.locator("#good");
    await expect(good.locator("svg.seq")).toBeVisible();
    await expect(good.locator('.seq-arrow[data-packet="PUBREC"].is-lost')).toHaveCount(1);
    await expect(good.locator('[role="alert"]')).toHaveCount(0);
    const verdicts = runScenario(SCENARIO).outcome.messages.map((m) => m.verdict);
    await expect(good.locator("[data-verdict]").first()).toHaveAttribute("data-verdict", verdicts[0] ?? "");
    const bad = page.locator("#bad");
    await expect(bad.locator('[role="alert"]')).toContainText(
      'profiles: "emqx": expected a profile id (did you mean emqx-5?)',
    );
    await expect(bad.locator("svg.seq")).toBeVisible();
    await shoot(page, "element-1280");
  });
});
