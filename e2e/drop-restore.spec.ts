import { expect, test } from "./fixtures.ts";

/** One hop, no faults: the plainest QoS 1 and QoS 2 exchanges. */
const QOS1 = { protocol: "5.0", publishQos: 1, faults: [] };
const QOS2 = { protocol: "5.0", publishQos: 2, faults: [] };

test.describe("drop and restore by mouse", () => {
  test("dropping PUBACK resends the PUBLISH with DUP; clicking it again restores it", async ({ lab }) => {
    await lab.loadScenario(QOS1);
    await lab.expectVerdicts("once");
    await expect(lab.diagram.arrows).toHaveCount(2);

    const puback = lab.diagram.arrow("PUBACK", 1);
    await expect(puback).toHaveAttribute("aria-pressed", "false");
    await puback.click();

    await lab.expectVerdicts("duplicated");
    await expect(puback).toHaveAccessibleName(/^PUBACK, message 1, attempt 1, broker to publisher, dropped/);
    await expect(puback).toHaveAttribute("aria-pressed", "true");
    const resent = lab.diagram.arrow("PUBLISH", 2);
    await expect(resent).toHaveAccessibleName(/^PUBLISH, message 1, attempt 2, publisher to broker/);
    await expect(resent).toContainText("DUP");
    await expect(lab.restoreAll).toBeVisible();

    await puback.click();
    await lab.expectVerdicts("once");
    await expect(puback).toHaveAttribute("aria-pressed", "false");
    await expect(lab.diagram.arrow("PUBLISH", 2)).toHaveCount(0);
    await expect(lab.diagram.dropped()).toHaveCount(0);
    await expect(lab.restoreAll).toHaveCount(0);
  });

  test("a resent copy can be dropped too: PUBREC lost twice still delivers once", async ({ lab }) => {
    await lab.loadScenario(QOS2);
    await lab.expectVerdicts("once");

    await lab.diagram.arrow("PUBREC", 1).click();
    await expect(lab.diagram.dropped("PUBREC")).toHaveCount(1);
    await lab.diagram.arrow("PUBREC", 2).click();

    await expect(lab.diagram.dropped("PUBREC")).toHaveCount(2);
    await expect(lab.diagram.arrow("PUBREC", 3)).toBeVisible();
    await expect(lab.diagram.arrow("PUBLISH", 3)).toContainText("DUP");
    await lab.expectVerdicts("once");
  });

  test("Restore all packets removes every drop", async ({ lab }) => {
    await lab.choosePreset("batch-pubrec-lost");
    await lab.diagram.arrow("PUBREC", 2).click();
    await expect(lab.diagram.dropped("PUBREC")).toHaveCount(2);

    await lab.restoreAll.click();
    await expect(lab.diagram.dropped()).toHaveCount(0);
    await expect(lab.diagram.arrow("PUBLISH", 2)).toHaveCount(0);
    await expect(lab.restoreAll).toHaveCount(0);
    await lab.expectVerdicts("once");
  });
});

test.describe("drop and restore by keyboard", () => {
  test("Enter drops the focused arrow, Space restores it without starting playback", async ({ lab }) => {
    await lab.loadScenario(QOS1);
    const puback = lab.diagram.arrow("PUBACK", 1);
    const timeBefore = await lab.playback.time();

    await puback.focus();
    await expect(puback).toBeFocused();
    await lab.page.keyboard.press("Enter");
    await expect(puback).toHaveAttribute("aria-pressed", "true");
    await expect(puback).toHaveAccessibleName(/dropped/);
    await lab.expectVerdicts("duplicated");
    await expect(puback).toBeFocused();

    await lab.page.keyboard.press(" ");
    await expect(puback).toHaveAttribute("aria-pressed", "false");
    await lab.expectVerdicts("once");
    await lab.playback.expectPlaying(false);
    expect(await lab.playback.time()).toBe(timeBefore);
  });

  test("Tab reaches the packet arrows right after the playback controls", async ({ lab }) => {
    await lab.loadScenario(QOS1);
    await lab.playback.speed.focus();
    await lab.page.keyboard.press("Tab");
    await expect(lab.diagram.arrow("PUBLISH", 1)).toBeFocused();
    await lab.page.keyboard.press("Tab");
    await expect(lab.diagram.arrow("PUBACK", 1)).toBeFocused();
    await lab.page.keyboard.press("Enter");
    await lab.expectVerdicts("duplicated");
  });
});

test.describe("packet arrows are buttons", () => {
  test("every arrow is focusable, a toggle button, and named type, message, attempt, direction", async ({
    lab,
  }) => {
    await lab.choosePreset("pump-qos1-puback-lost");
    const arrows = lab.diagram.arrows;
    const count = await arrows.count();
    expect(count).toBeGreaterThan(5);
    const name =
      /^(PUBLISH|PUBACK|PUBREC|PUBREL|PUBCOMP), message \d+, attempt \d+, (publisher|broker|subscriber) to (publisher|broker|subscriber)|^(CONNECT|CONNACK), connection attempt \d+, (publisher|broker|subscriber) to (publisher|broker|subscriber)/;
    for (let i = 0; i < count; i++) {
      const arrow = arrows.nth(i);
      await expect(arrow).toHaveAttribute("tabindex", "0");
      await expect(arrow).toHaveRole("button");
      await expect(arrow).toHaveAccessibleName(name);
      await expect(arrow).toHaveAttribute("aria-pressed", /^(true|false)$/);
    }
    await expect(lab.diagram.arrow("PUBACK", 1, { direction: "broker to publisher" })).toHaveAccessibleName(
      "PUBACK, message 1, attempt 1, broker to publisher, shown as PUBACK · id 1. Press to drop",
    );
    await expect(lab.diagram.arrow("PUBACK", 1, { direction: "subscriber to broker" })).toHaveAccessibleName(
      "PUBACK, message 1, attempt 1, subscriber to broker, dropped, shown as PUBACK · id 1 · LOST. Press to restore",
    );
  });
});
