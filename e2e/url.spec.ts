import type { Page } from "@playwright/test";
import { expect, LabPage, test } from "./fixtures.ts";
import { ExplorerView, UrlControls, Views } from "./pages/lab-page.ts";

type Json = Record<string, unknown>;

/** The scenario format's defaults (src/sim/scenario.ts), filled in so that two texts compare by meaning. */
function normalise(raw: Json): Json {
  const session = raw.session ?? "persistent";
  const message = { topic: "plant/line1/batch", payload: "Batch #101 completed", retain: false };
  return {
    protocol: raw.protocol ?? "5.0",
    retransmit: raw.retransmit ?? "on-reconnect",
    session: typeof session === "string" ? { publisher: session, subscriber: session } : session,
    publishQos: raw.publishQos,
    subscriber: raw.subscriber ?? null,
    qos2Delivery: { broker: "on-pubrel", subscriber: "on-pubrel", ...(raw.qos2Delivery as Json | undefined) },
    dedupe: raw.dedupe ?? false,
    messages: ((raw.messages as Json[] | undefined) ?? [{}]).map((m) => ({ ...message, ...m })),
    faults: ((raw.faults as Json[] | undefined) ?? []).map((f) => ({
      hop: "publisher-broker",
      message: 1,
      attempt: 1,
      ...f,
    })),
    timing: {
      latencyMs: 40,
      timeoutMs: 500,
      reconnectDelayMs: 300,
      publishIntervalMs: 1000,
      ...(raw.timing as Json | undefined),
    },
  };
}

/** What the page shows of its scenario: set-up, verdicts, every arrow, the dropped ones, the JSON. */
async function snapshot(lab: LabPage) {
  await lab.openJson();
  return {
    summary: await lab.page.getByTestId("setup.summary").innerText(),
    verdicts: await lab.verdictLines.evaluateAll((lines) =>
      lines.map((l) => `${l.getAttribute("data-verdict")}: ${l.textContent}`),
    ),
    arrows: await lab.diagram.arrows.evaluateAll((arrows) => arrows.map((a) => a.getAttribute("aria-label"))),
    dropped: (
      await lab.diagram.dropped().evaluateAll((arrows) => arrows.map((a) => a.getAttribute("aria-label")))
    ).sort(),
    scenario: normalise(JSON.parse(await lab.json.inputValue()) as Json),
  };
}

/** A second page of the same context, failing the test on any console error of its own. */
async function openAnother(page: Page, url: string): Promise<{ lab: LabPage; errors: string[] }> {
  const other = await page.context().newPage();
  const errors: string[] = [];
  other.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  other.on("pageerror", (error) => errors.push(error.message));
  await other.goto(url);
  const lab = new LabPage(other);
  await expect(lab.diagram.arrows.first()).toBeVisible();
  return { lab, errors };
}

const faultsIn = (url: string) => new URL(url).searchParams.get("faults")?.split(",") ?? [];

test.describe("the scenario in the URL", () => {
  test("a link opens the exact same scenario", async ({ lab, page }) => {
    await lab.choosePreset("downgrade-qos2-to-qos1");
    await lab.diagram.arrow("PUBREC", 1).click();
    await expect(lab.diagram.dropped()).toHaveCount(2);
    await expect.poll(() => faultsIn(page.url())).toHaveLength(2);

    const url = page.url();
    const here = await snapshot(lab);
    expect(here.dropped).toHaveLength(2);
    expect(here.scenario.faults).toHaveLength(2);

    const { lab: there, errors } = await openAnother(page, url);
    await expect(there.diagram.dropped()).toHaveCount(2);
    expect(await snapshot(there)).toEqual(here);
    expect(errors, "console errors on the page opened from the link").toEqual([]);
    await there.page.close();
  });

  test("Back and Forward follow the changes", async ({ lab, page }) => {
    // The page's own preset: QoS 2 over two hops, PUBREC lost; the bare address is kept as typed.
    await expect(lab.diagram.dropped("PUBREC")).toHaveCount(1);
    const opened = page.url();
    expect(new URL(opened).search).toBe("");

    await lab.choosePreset("downgrade-qos2-to-qos1");
    await lab.expectVerdicts("duplicated");
    await expect.poll(() => faultsIn(page.url())).toEqual(["broker-subscriber/PUBACK"]);
    const dropped = page.url();

    const puback = lab.diagram.arrow("PUBACK", 1, { direction: "subscriber to broker" });
    await expect(puback).toHaveAttribute("aria-pressed", "true");
    // By key, as the drop hint offers: the middle of a lost arrow's box (its label stands beside
    // its line) can be empty drawing, which a click there would not reach.
    await puback.press("Enter");
    await lab.expectVerdicts("once");
    await expect(lab.diagram.dropped()).toHaveCount(0);
    await expect.poll(() => faultsIn(page.url())).toEqual([]);
    const restored = page.url();

    await page.goBack();
    await expect(page).toHaveURL(dropped);
    await lab.expectVerdicts("duplicated");
    await expect(puback).toHaveAttribute("aria-pressed", "true");
    await expect(lab.diagram.dropped()).toHaveCount(1);

    await page.goForward();
    await expect(page).toHaveURL(restored);
    await lab.expectVerdicts("once");
    await expect(puback).toHaveAttribute("aria-pressed", "false");
    await expect(lab.diagram.dropped()).toHaveCount(0);

    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(opened);
    await expect(lab.diagram.dropped()).toHaveCount(1);
    await expect(lab.diagram.dropped("PUBREC")).toHaveCount(1);
    await expect(lab.setup.subscriberQos).toHaveValue("2");
    await lab.expectVerdicts("once");
  });

  test("bad parameters: the page opens anyway, names each one, and defaults stand in", async ({
    lab,
    page,
  }) => {
    const url = new UrlControls(page);
    await expect(url.notice).toHaveCount(0);
    await page.goto("/?publishQos=7&faults=PUBAK&retransmit=sometimes&bogus=1");
    await expect(lab.diagram.arrows.first()).toBeVisible();

    await expect(url.notice).toBeVisible();
    await expect(url.noticeItems).toHaveCount(4);
    await expect(url.noticeFor("publishQos")).toHaveText("publishQos: expected one of 0, 1, 2; got 7");
    await expect(url.noticeFor("retransmit")).toHaveText(
      'retransmit: expected one of on-reconnect, on-timeout; got "sometimes"',
    );
    await expect(url.noticeFor("faults")).toHaveText(
      'faults: "PUBAK" (packet): expected one of PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, CONNECT, CONNACK; got "PUBAK"',
    );
    await expect(url.noticeFor("bogus")).toHaveText(
      /^bogus: unknown parameter; expected one of .*publishQos/,
    );

    // The defaults: QoS 1 on one hop, resend after reconnect, nothing dropped.
    await expect(lab.diagram.root).toBeVisible();
    await expect(page.getByTestId("setup.summary")).toContainText(
      "QoS 1, one hop, persistent session, resend after reconnect, MQTT 5.0",
    );
    await lab.expectVerdicts("once");
    await expect(lab.diagram.dropped()).toHaveCount(0);
    await expect(lab.problems.getByRole("listitem")).toHaveCount(0);

    await url.dismiss.click();
    await expect(url.notice).toHaveCount(0);
    await expect(lab.diagram.arrows.first()).toBeVisible();
  });

  test("a link in the element's words opens the same scenario; the URL keeps them until a change", async ({
    lab,
    page,
  }) => {
    await page.goto("/?qos=2&hops=2&drop=PUBREC");
    await expect(lab.diagram.arrows.first()).toBeVisible();
    await expect(page.getByTestId("setup.summary")).toContainText("QoS 2, two hops (subscription QoS 2)");
    await expect(lab.diagram.dropped("PUBREC")).toHaveCount(1);
    await expect(new UrlControls(page).notice).toHaveCount(0);
    // What the user typed stays in the address bar while they only look.
    await lab.playback.scrubber.focus();
    await expect(page).toHaveURL(/\/\?qos=2&hops=2&drop=PUBREC$/);

    // The first change writes the link's own words, as a new entry: Back returns to the link as typed.
    // By keyboard: the middle of a lost packet's box (its short line and its label) may be bare.
    await lab.diagram.dropped("PUBREC").first().press("Enter");
    await expect(lab.diagram.dropped()).toHaveCount(0);
    await expect(page).toHaveURL(/\/\?publishQos=2&subscriber\.qos=2$/);
    await page.goBack();
    await expect(page).toHaveURL(/\/\?qos=2&hops=2&drop=PUBREC$/);
    await expect(lab.diagram.dropped("PUBREC")).toHaveCount(1);
  });

  test("t= sets the playback position", async ({ lab, page }) => {
    await page.goto("/?publishQos=1&faults=PUBACK&t=200");
    await expect(lab.diagram.arrows.first()).toBeVisible();
    await expect(lab.playback.scrubber).toHaveValue("200");
    expect(await lab.playback.duration()).toBeGreaterThan(200);
    await expect(lab.playback.scrubber).toHaveAttribute("aria-valuetext", /^200 ms of \d+ ms/);
    // Only the arrows sent by then are drawn: not the PUBLISH resent after the reconnect.
    await expect(lab.diagram.arrow("PUBACK", 1)).toBeVisible();
    await expect(lab.diagram.arrow("PUBLISH", 2)).toHaveCount(0);
  });

  test("view= opens that view", async ({ lab, page }) => {
    void lab;
    const views = new Views(page);
    await page.goto("/?publishQos=2&subscriber.qos=2&view=explore");
    await views.expectOpen("explore");
    await expect(page).toHaveURL(/[?&]view=explore(&|$)/);
    await expect(page.getByTestId("setup.summary")).toContainText("QoS 2, two hops (subscription QoS 2)");

    await views.open("stats");
    await expect(page).toHaveURL(/[?&]view=stats(&|$)/);
    await views.open("diagram");
    await expect(page).not.toHaveURL(/view=/);
  });

  test("switching views is a history entry: Back returns to the previous view", async ({ lab, page }) => {
    void lab;
    const views = new Views(page);
    await views.open("explore");
    await expect(page).toHaveURL(/[?&]view=explore(&|$)/);
    await views.open("stats");
    await expect(page).toHaveURL(/[?&]view=stats(&|$)/);

    await page.goBack();
    await views.expectOpen("explore");
    await page.goBack();
    await views.expectOpen("diagram");
    await page.goForward();
    await views.expectOpen("explore");
  });

  test("after opening a link, Back undoes the first change instead of leaving the page", async ({
    lab,
    page,
  }) => {
    // Opened on a URL already in normal form: the first change must still be a new entry.
    await page.goto("/?publishQos=1");
    await expect(lab.diagram.arrows.first()).toBeVisible();
    await lab.diagram.arrow("PUBACK", 1).click();
    await lab.expectVerdicts("duplicated");
    await expect(page).toHaveURL(/[?&]faults=PUBACK$/);

    await page.goBack();
    await expect(page).toHaveURL(/\/\?publishQos=1$/, { timeout: 1500 });
    await lab.expectVerdicts("once");
  });

  test("a link's t= is only the first position: a plan shown from the explorer is drawn in full", async ({
    lab,
    page,
  }) => {
    // t= applies to the first diagram shown only: later views start at the end of their trace.
    await page.goto("/?publishQos=1&t=20");
    await expect(lab.playback.scrubber).toHaveValue("20");
    const explorer = new ExplorerView(page);
    await new Views(page).open("explore");
    await explorer.explore(1);
    await explorer.showInDiagram("PUBACK lost").click();
    await new Views(page).expectOpen("diagram");
    await expect(lab.diagram.dropped("PUBACK")).toHaveCount(1, { timeout: 1500 });
  });

  test("Copy link copies a link with the scenario and the playback position", async ({
    lab,
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await lab.choosePreset("downgrade-qos2-to-qos1");
    await lab.diagram.arrow("PUBREC", 1).click();
    await expect(lab.diagram.dropped()).toHaveCount(2);
    await lab.playback.seek(300);
    const drawn = await lab.diagram.arrows.evaluateAll((arrows) =>
      arrows.map((a) => a.getAttribute("aria-label")),
    );

    const controls = new UrlControls(page);
    await controls.copyLink.click();
    await expect(controls.copyStatus).toHaveText("Link copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());

    const link = new URL(copied);
    expect(link.origin).toBe(new URL(page.url()).origin);
    expect(link.searchParams.get("publishQos")).toBe("2");
    expect(link.searchParams.get("subscriber.qos")).toBe("1");
    expect(link.searchParams.get("t")).toBe("300");
    expect(faultsIn(copied).sort()).toEqual(faultsIn(page.url()).sort());
    expect(faultsIn(copied)).toHaveLength(2);

    // The copied link opens the same diagram at the same position.
    const { lab: there, errors } = await openAnother(page, copied);
    await expect(there.playback.scrubber).toHaveValue("300");
    expect(
      await there.diagram.arrows.evaluateAll((arrows) => arrows.map((a) => a.getAttribute("aria-label"))),
    ).toEqual(drawn);
    expect(errors, "console errors on the page opened from the link").toEqual([]);
    await there.page.close();
  });
});
