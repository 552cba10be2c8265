/**
 * Links keep every good parameter (issue #10): a link with several bad and several good
 * parameters, inside `scenario=` too, opens with each bad one named in the notice and every
 * good one applied; the address bar keeps the link as typed.
 */
import { expect, LabPage, test } from "./fixtures.ts";
import { UrlControls, Views } from "./pages/lab-page.ts";

const SCENARIO = JSON.stringify({ dedupe: 7, session: "clean", timing: { latencyMs: 80 } });
const LINK =
  "/?publishQos=2&subscriber.qos=9&hops=2&retransmit=never&faults=PUBREC,NOPE,PUBACK/1/2/3" +
  `&view=stats&messages=5000&scenario=${encodeURIComponent(SCENARIO)}&zoom=3`;

test.describe("a link with bad and good parameters", () => {
  test("names each bad one and applies the good ones", async ({ page, consoleErrors }) => {
    void consoleErrors;
    const lab = new LabPage(page);
    const url = new UrlControls(page);
    await page.goto(LINK);
    await new Views(page).expectOpen("stats");

    await expect(url.notice).toBeVisible();
    await expect(url.noticeFor("subscriber.qos")).toHaveText(
      "subscriber.qos: expected one of 0, 1, 2; got 9",
    );
    await expect(url.noticeFor("retransmit")).toHaveText(
      /^retransmit: expected one of on-reconnect, on-timeout/,
    );
    await expect(url.noticeFor("faults")).toHaveCount(2);
    await expect(url.noticeFor("faults").filter({ hasText: '"NOPE" (packet)' })).toHaveCount(1);
    await expect(url.noticeFor("faults").filter({ hasText: '"PUBACK/1/2/3"' })).toHaveCount(1);
    await expect(url.noticeFor("messages")).toHaveText(/a link opens at most 1000 messages/);
    await expect(url.noticeFor("scenario")).toHaveText("scenario: dedupe: expected true or false; got 7");
    await expect(url.noticeFor("zoom")).toHaveText(/^zoom: unknown parameter/);
    await expect(url.noticeItems).toHaveCount(7);

    // The good ones: QoS 2 over two hops (the subscription takes the publish QoS), PUBREC lost,
    // and the scenario's clean session and 80 ms latency.
    await expect(page.getByTestId("setup.summary")).toContainText(
      "QoS 2, two hops (subscription QoS 2), clean session, resend after reconnect, MQTT 5.0",
    );
    await lab.openJson();
    const scenario = JSON.parse(await lab.json.inputValue()) as {
      faults: { packet: string }[];
      messages: unknown[];
      timing: { latencyMs: number };
    };
    expect(scenario.faults.map((f) => f.packet)).toEqual(["PUBREC"]);
    expect(scenario.messages).toHaveLength(1000);
    expect(scenario.timing.latencyMs).toBe(80);
    // Nothing changed yet: the address bar still shows the link as it was typed.
    expect(page.url()).toContain("zoom=3");
  });

  test("the embed names each bad one too and draws the good ones", async ({ page, consoleErrors }) => {
    void consoleErrors;
    await page.goto(
      `/embed.html?publishQos=2&faults=PUBREC,NOPE&theme=pink&scenario=${encodeURIComponent(SCENARIO)}`,
    );
    const url = new UrlControls(page);
    await expect(url.noticeFor("theme")).toHaveCount(1);
    await expect(url.noticeFor("faults")).toHaveText(/^faults: "NOPE" \(packet\)/);
    await expect(url.noticeFor("scenario")).toHaveText("scenario: dedupe: expected true or false; got 7");
    await expect(page.getByTestId("diagram")).toBeVisible();
    await expect(page.locator('[data-packet="PUBREC"].is-lost')).toHaveCount(1);
  });
});
