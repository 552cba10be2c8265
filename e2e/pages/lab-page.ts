import { expect, type Locator, type Page } from "@playwright/test";

/** A message's verdict, as the verdict region marks each line (data-verdict). */
export type Verdict = "once" | "duplicated" | "lost";

/** A packet type as it starts an arrow's accessible name. */
export type PacketType = "CONNECT" | "CONNACK" | "PUBLISH" | "PUBACK" | "PUBREC" | "PUBREL" | "PUBCOMP";

/** Escapes text for use inside a RegExp. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The sequence diagram. Every packet arrow is a toggle button whose accessible name starts with
 * the packet type, e.g. "PUBACK, message 1, attempt 1, broker to publisher. Press to drop".
 * Arrows are only in the page once playback has reached their send time.
 */
export class Diagram {
  readonly root: Locator;
  readonly arrows: Locator;
  readonly deliveries: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId("diagram");
    this.arrows = this.root.getByRole("button");
    this.deliveries = this.root.getByTestId("delivery");
  }

  /** The one arrow of `packet` for `message` and `attempt` (optionally only in one direction). */
  arrow(packet: PacketType, attempt = 1, options: { message?: number; direction?: string } = {}): Locator {
    const message = options.message ?? 1;
    const direction = options.direction ? `, ${literal(options.direction)}` : "";
    return this.root.getByRole("button", {
      name: new RegExp(`^${packet}, message ${message}, attempt ${attempt}${direction}`),
    });
  }

  /** Every arrow of `packet`. */
  arrowsOf(packet: PacketType): Locator {
    return this.root.getByRole("button", { name: new RegExp(`^${packet}, `) });
  }

  /** Arrows of `packet` dropped by a fault (their name says "dropped"). */
  dropped(packet?: PacketType): Locator {
    const start = packet ? `^${packet}, ` : "^";
    return this.root.getByRole("button", { name: new RegExp(`${start}[^.]*, dropped`) });
  }

  /** Delivery badges drawn at one party. */
  deliveriesAt(party: "broker" | "subscriber"): Locator {
    return this.root.locator(`[data-testid="delivery"][data-party="${party}"]`);
  }

  mark(kind: "session-discarded" | "not-forwarded" | "timeout" | "connection-lost" | "reconnected"): Locator {
    return this.root.getByTestId(kind);
  }

  /** A lane's header ("Publisher", "Broker", "Subscriber"). */
  lane(label: "Publisher" | "Broker" | "Subscriber"): Locator {
    return this.root.getByText(label, { exact: true });
  }
}

/** Play / pause, steps, scrubber and the narration under it. */
export class Playback {
  readonly bar: Locator;
  readonly play: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  readonly restart: Locator;
  readonly scrubber: Locator;
  readonly speed: Locator;
  readonly narration: Locator;

  constructor(page: Page) {
    this.bar = page.getByTestId("playback");
    this.play = page.getByTestId("playback.play");
    this.next = page.getByTestId("playback.next");
    this.previous = page.getByTestId("playback.previous");
    this.restart = page.getByTestId("playback.restart");
    this.scrubber = page.getByTestId("playback.scrubber");
    this.speed = page.getByTestId("playback.speed");
    this.narration = page.getByTestId("narration");
  }

  /** The current playback time in simulated ms. */
  async time(): Promise<number> {
    return Number(await this.scrubber.inputValue());
  }

  async duration(): Promise<number> {
    return Number(await this.scrubber.getAttribute("max"));
  }

  /** Moves the scrubber to `ms` (as dragging it would). */
  async seek(ms: number): Promise<void> {
    await this.scrubber.fill(String(ms));
    await expect.poll(() => this.time()).toBe(ms);
  }

  async expectPlaying(playing: boolean): Promise<void> {
    await expect(this.play).toHaveAttribute("aria-pressed", String(playing));
  }
}

/** The set-up bar: one <select> per scenario field, each with a hint. */
export class SetupBar {
  readonly root: Locator;
  readonly controls: Locator;
  readonly publishQos: Locator;
  readonly hops: Locator;
  readonly subscriberQos: Locator;
  readonly retransmit: Locator;
  readonly session: Locator;
  readonly protocol: Locator;

  constructor(page: Page) {
    this.root = page.getByRole("group", { name: "Set-up" });
    this.controls = this.root.getByRole("combobox");
    this.publishQos = page.getByTestId("setup.publishQos");
    this.hops = page.getByTestId("setup.hops");
    this.subscriberQos = page.getByTestId("setup.subscriberQos");
    this.retransmit = page.getByTestId("setup.retransmit");
    this.session = page.getByTestId("setup.session");
    this.protocol = page.getByTestId("setup.protocol");
  }
}

/** The whole lab page, as specs see it. Test ids are dotted (area.thing). */
export class LabPage {
  readonly page: Page;
  readonly diagram: Diagram;
  readonly playback: Playback;
  readonly setup: SetupBar;
  readonly story: Locator;
  readonly verdict: Locator;
  readonly verdictLines: Locator;
  readonly problems: Locator;
  readonly statePanel: Locator;
  readonly inspector: Locator;
  readonly restoreAll: Locator;
  readonly jsonDetails: Locator;
  readonly json: Locator;
  readonly tableDetails: Locator;
  readonly tableRows: Locator;

  constructor(page: Page) {
    this.page = page;
    this.diagram = new Diagram(page);
    this.playback = new Playback(page);
    this.setup = new SetupBar(page);
    this.story = page.getByTestId("story");
    this.verdict = page.getByTestId("verdict");
    this.verdictLines = this.verdict.locator("[data-verdict]");
    this.problems = page.getByTestId("problems.alert");
    this.statePanel = page.getByTestId("state-panel");
    this.inspector = page.getByTestId("inspector");
    this.restoreAll = page.getByTestId("restore-all");
    this.jsonDetails = page.locator("details", { hasText: "Scenario JSON (edit by hand)" });
    this.json = page.getByTestId("setup.json");
    this.tableDetails = page.locator("details", { hasText: "Every event as a table" });
    this.tableRows = page.getByTestId("trace.row");
  }

  /** Opens the page and waits for the simulator to draw the first diagram. */
  async goto(): Promise<void> {
    await this.page.goto("/");
    await expect(this.page).toHaveTitle("MQTT QoS Lab");
    await expect(this.diagram.arrows.first()).toBeVisible();
  }

  preset(id: string): Locator {
    return this.page.getByTestId(`preset.${id}`);
  }

  async choosePreset(id: string): Promise<void> {
    await this.preset(id).click();
    await expect(this.preset(id)).toHaveAttribute("aria-pressed", "true");
  }

  /** The verdict line of one message (1-based). */
  verdictOf(message: number): Locator {
    return this.verdictLines.filter({ hasText: `Message ${message}:` });
  }

  /** Waits until the verdict region shows exactly these verdicts, message by message. */
  async expectVerdicts(...verdicts: Verdict[]): Promise<void> {
    await expect(this.verdictLines).toHaveCount(verdicts.length);
    for (const [i, verdict] of verdicts.entries()) {
      await expect(this.verdictOf(i + 1)).toHaveAttribute("data-verdict", verdict);
    }
  }

  async openJson(): Promise<void> {
    if (!(await this.jsonDetails.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await this.jsonDetails.locator("summary").click();
    }
    await expect(this.json).toBeVisible();
  }

  /** Types a scenario into the JSON editor; the page simulates it once typing pauses. */
  async typeJson(text: string): Promise<void> {
    await this.openJson();
    await this.json.fill(text);
  }

  /** Loads a scenario through the JSON editor and waits until it has been simulated. */
  async loadScenario(scenario: Record<string, unknown>): Promise<void> {
    // Edits are simulated after a pause in typing. Going through a broken text first makes the
    // problem list a reliable signal: once it empties again, the new scenario has been simulated.
    await this.typeJson("{");
    await expect(this.problems.getByRole("listitem")).not.toHaveCount(0);
    await this.json.fill(JSON.stringify(scenario, null, 2));
    await expect(this.problems.getByRole("listitem")).toHaveCount(0);
  }

  async openTable(): Promise<void> {
    if (!(await this.tableDetails.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await this.tableDetails.locator("summary").click();
    }
    await expect(this.page.getByTestId("trace.table")).toBeVisible();
  }

  /** The packet rows of the trace table, in trace order. */
  async packetRows(): Promise<{ packet: string; dup: boolean; dropped: boolean }[]> {
    await this.openTable();
    return this.page.locator('[data-testid="trace.row"][data-type="packet"]').evaluateAll((rows) =>
      rows.map((row) => {
        const data = (row as HTMLElement).dataset;
        return { packet: data.packet ?? "", dup: data.dup === "1", dropped: data.dropped === "1" };
      }),
    );
  }

  /** Puts focus on the page body, where the playback shortcuts apply. */
  async focusBody(): Promise<void> {
    await this.page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
    });
    await expect(this.page.locator("body")).toBeFocused();
  }
}
