import { expect, test } from "./fixtures.ts";

const QOS2_TWO_HOPS = { publishQos: 2, subscriber: { qos: 2 }, faults: [] };

test.describe("playback", () => {
  test("Play advances the scrubber, Pause stops it", async ({ lab }) => {
    const { playback } = lab;
    await playback.seek(0);
    await playback.play.click();
    await playback.expectPlaying(true);
    await expect(playback.play).toHaveAccessibleName(/Pause/);
    await expect.poll(() => playback.time()).toBeGreaterThan(5);

    await playback.play.click();
    await playback.expectPlaying(false);
    const paused = await playback.time();
    // Two animation frames later it has not moved.
    await lab.page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    expect(await playback.time()).toBe(paused);
  });

  test("Next and Back step through the moments and change the narration", async ({ lab }) => {
    const { playback } = lab;
    await expect(playback.narration).toHaveAttribute("aria-live", "polite");
    await playback.seek(0);
    const first = await playback.narration.textContent();
    expect(first).toMatch(/publisher sends message 1/i);

    await playback.next.click();
    await expect(playback.narration).not.toHaveText(first ?? "");
    const afterNext = await playback.time();
    expect(afterNext).toBeGreaterThan(0);
    const second = await playback.narration.textContent();

    await playback.next.click();
    await expect.poll(() => playback.time()).toBeGreaterThan(afterNext);
    await expect(playback.narration).not.toHaveText(second ?? "");

    await playback.previous.click();
    await expect.poll(() => playback.time()).toBe(afterNext);
    await expect(playback.narration).toHaveText(second ?? "");
    await expect(playback.scrubber).toHaveAttribute("aria-valuetext", /step \d+ of \d+/);
  });

  test("keyboard: arrows and Page keys step, Space plays, Home restarts, End jumps to the end", async ({
    lab,
  }) => {
    const { playback, page } = lab;
    const duration = await playback.duration();
    await playback.seek(0);
    await lab.focusBody();

    await page.keyboard.press("ArrowRight");
    await expect.poll(() => playback.time()).toBeGreaterThan(0);
    const one = await playback.time();
    await page.keyboard.press("PageDown");
    await expect.poll(() => playback.time()).toBeGreaterThan(one);
    await page.keyboard.press("PageUp");
    await expect.poll(() => playback.time()).toBe(one);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => playback.time()).toBe(0);

    await page.keyboard.press(" ");
    await playback.expectPlaying(true);
    await expect.poll(() => playback.time()).toBeGreaterThan(0);
    await page.keyboard.press(" ");
    await playback.expectPlaying(false);

    await page.keyboard.press("End");
    await expect.poll(() => playback.time()).toBe(duration);
    await playback.expectPlaying(false);

    await page.keyboard.press("Home");
    await playback.expectPlaying(true);
    await expect.poll(() => playback.time()).toBeLessThan(duration);
    await expect(lab.page.locator("body")).toBeFocused();
  });

  test("pauses when the tab is hidden", async ({ lab }) => {
    await lab.playback.seek(0);
    await lab.playback.play.click();
    await lab.playback.expectPlaying(true);

    await lab.page.evaluate(() => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await lab.playback.expectPlaying(false);
  });
});

test.describe("state panel", () => {
  test("shows the publisher awaiting PUBREC after the first PUBLISH, nothing in flight at the end", async ({
    lab,
  }) => {
    await lab.loadScenario(QOS2_TWO_HOPS);
    const publisher = lab.statePanel.getByRole("listitem").filter({ hasText: "Publisher sends" });
    const parties = lab.statePanel.getByRole("listitem").filter({ hasText: /sends on|receives on/ });
    await expect(parties).toHaveCount(4);

    // At the end every party is idle.
    for (const party of await parties.all()) await expect(party).toContainText("nothing in flight");

    // Right after the first PUBLISH leaves.
    await lab.playback.seek(0);
    await expect(lab.playback.narration).toContainText("PUBLISH");
    await expect(publisher).toContainText("message 1: awaiting PUBREC for id 1");
    await lab.playback.next.click();
    await expect(publisher).toContainText("awaiting PUBREC");

    await lab.focusBody();
    await lab.page.keyboard.press("End");
    for (const party of await parties.all()) await expect(party).toContainText("nothing in flight");
  });
});

test.describe("presenter's clicker", () => {
  test("Page Down and Page Up step playback from the Publish QoS select and the scrubber, never changing the scenario", async ({
    lab,
  }) => {
    const { playback, page, setup } = lab;
    await playback.seek(0);
    const qos = await setup.publishQos.inputValue();
    const search = new URL(page.url()).search;

    const step = page.getByTestId("playback.step");
    const shown = async () => Number(/^Step (\d+) of \d+$/.exec((await step.textContent()) ?? "")?.[1]);
    const first = await shown();
    await setup.publishQos.focus();
    await page.keyboard.press("PageDown");
    await expect.poll(() => playback.time()).toBeGreaterThan(0);
    await expect.poll(shown).toBe(first + 1);
    const one = await playback.time();
    await page.keyboard.press("PageDown");
    await expect.poll(() => playback.time()).toBeGreaterThan(one);
    await page.keyboard.press("PageUp");
    await expect.poll(() => playback.time()).toBe(one);
    await expect(setup.publishQos).toHaveValue(qos);
    await expect(setup.publishQos).toBeFocused();

    // On the scrubber a Page key would move it by a tenth, backwards for Page Down: it steps instead.
    await playback.scrubber.focus();
    await page.keyboard.press("PageDown");
    await expect.poll(() => playback.time()).toBeGreaterThan(one);
    await page.keyboard.press("PageUp");
    await expect.poll(() => playback.time()).toBe(one);

    await expect(setup.publishQos).toHaveValue(qos);
    expect(new URL(page.url()).search).toBe(search);
  });
});
