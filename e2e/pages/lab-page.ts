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
  /** The lane names, drawn above the scrolling diagram. */
  readonly headers: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId("diagram");
    this.headers = page.getByTestId("lane-headers");
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

  /** A lane's header ("Publisher", "Broker", "Subscriber"), in the sticky strip above the diagram. */
  lane(label: "Publisher" | "Broker" | "Subscriber"): Locator {
    return this.headers.getByText(label, { exact: true });
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

  /**
   * Opens the page and waits for the simulator to draw the first diagram. The set-up form is
   * folded by default; specs use its fields, so it is opened unless `setupOpen` is false.
   */
  async goto(options: { setupOpen?: boolean } = {}): Promise<void> {
    await this.page.goto("/");
    await expect(this.page).toHaveTitle("MQTT QoS Lab");
    await expect(this.diagram.arrows.first()).toBeVisible();
    if (options.setupOpen !== false) await this.openSetup();
  }

  /** The set-up's one-line summary, which opens and closes the form. */
  get setupSummary(): Locator {
    return this.page.getByTestId("setup.summary");
  }

  async openSetup(): Promise<void> {
    const details = this.page.locator("details.setup-details");
    if ((await details.getAttribute("open")) === null) await this.setupSummary.click();
    await expect(details).toHaveAttribute("open", "");
  }

  /** The examples menu's button; its list of examples shows while it is open. */
  get presetMenu(): Locator {
    return this.page.getByTestId("presets.menu");
  }

  preset(id: string): Locator {
    return this.page.getByTestId(`preset.${id}`);
  }

  /** Opens the examples menu (if closed) and picks one; the menu closes again. */
  async choosePreset(id: string): Promise<void> {
    if (!(await this.preset(id).isVisible())) await this.presetMenu.click();
    await this.preset(id).click();
    await expect(this.preset(id)).toHaveAttribute("aria-pressed", "true");
    await expect(this.preset(id)).toBeHidden();
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
    await openDetails(this.jsonDetails, this.json);
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
    await openDetails(this.tableDetails, this.page.getByTestId("trace.table"));
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

// ---------------------------------------------------------------------------------------------
// The other views ("Every failure", "Statistics & plant sizing"), the URL notice and Copy link.

/** The views the page can show, as their switcher buttons name them (data-testid="view.<id>"). */
export type ViewId = "diagram" | "explore" | "stats";

/** What each view shows once it is open (lazily loaded: its content can take a moment). */
const VIEW_CONTENT: Record<ViewId, string> = { diagram: "diagram", explore: "explorer", stats: "statistics" };

/** The view switcher. */
export class Views {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  button(view: ViewId): Locator {
    return this.page.getByTestId(`view.${view}`);
  }

  content(view: ViewId): Locator {
    return this.page.getByTestId(VIEW_CONTENT[view]);
  }

  async open(view: ViewId): Promise<void> {
    await this.button(view).click();
    await this.expectOpen(view);
  }

  /** `view` is the pressed button and its content is on screen; the other views' are not. */
  async expectOpen(view: ViewId): Promise<void> {
    await expect(this.button(view)).toHaveAttribute("aria-pressed", "true");
    await expect(this.content(view)).toBeVisible();
    for (const other of Object.keys(VIEW_CONTENT) as ViewId[]) {
      if (other === view) continue;
      await expect(this.button(other)).toHaveAttribute("aria-pressed", "false");
      await expect(this.content(other)).toHaveCount(0);
    }
  }
}

/** Start, progress, cancel and status of one Web Worker job (JobControls), by its test-id prefix. */
export class JobBar {
  readonly start: Locator;
  readonly progress: Locator;
  /** The words next to the progress bar ("starting…", "120 plans", "2,000 of 6,000 messages"). */
  readonly progressLabel: Locator;
  readonly cancel: Locator;
  /** "done in 1.23 s", shown once the job has finished. */
  readonly time: Locator;
  /** "Cancelled.", shown once the job has been cancelled. */
  readonly cancelled: Locator;
  /** "Fix … first.", next to a start button that waits for a field without a usable value. */
  readonly blocked: Locator;

  constructor(page: Page, prefix: string) {
    this.start = page.getByTestId(`${prefix}.start`);
    this.blocked = page.getByTestId(`${prefix}.blocked`);
    this.progress = page.getByTestId(`${prefix}.progress`);
    this.progressLabel = this.progress.locator("xpath=following-sibling::span[1]");
    this.cancel = page.getByTestId(`${prefix}.cancel`);
    this.time = page.getByTestId(`${prefix}.time`);
    const bar = this.start.locator("xpath=..");
    this.cancelled = bar.getByRole("status").filter({ hasText: /^Cancelled\.$/ });
  }

  /** Starts the job and waits until it has finished (its "done in" time is shown). */
  async run(options: { timeout?: number } = {}): Promise<void> {
    await this.start.click();
    await expect(this.time).toBeVisible(options);
    await expect(this.progress).toHaveCount(0);
    await expect(this.start).toBeEnabled();
  }

  /**
   * Starts the job and cancels it as soon as its progress bar shows (after `whileRunning`, which
   * can check the page while the job runs).
   */
  async startAndCancel(whileRunning?: () => Promise<void>): Promise<void> {
    await this.start.click();
    await expect(this.progress).toBeVisible();
    await expect(this.start).toBeDisabled();
    await whileRunning?.();
    await expect(this.progress).toBeVisible();
    await this.cancel.click();
    await expect(this.cancelled).toBeVisible();
    await expect(this.progress).toHaveCount(0);
    await expect(this.cancel).toHaveCount(0);
    await expect(this.time).toHaveCount(0);
    await expect(this.start).toBeEnabled();
  }
}

/** A table's body rows as objects keyed by column header (the row header included). */
export async function tableData(table: Locator): Promise<Record<string, string>[]> {
  await expect(table).toBeVisible();
  return table.evaluate((t) => {
    const headers = [...t.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? "");
    return [...t.querySelectorAll("tbody tr")].map((tr) =>
      Object.fromEntries(
        [...tr.children].map((cell, i) => [headers[i] ?? String(i), cell.textContent?.trim() ?? ""]),
      ),
    );
  });
}

/** The "Every failure" view: the explorer for the current set-up, and the configuration matrix. */
export class ExplorerView {
  readonly page: Page;
  readonly root: Locator;
  readonly k: Locator;
  readonly job: JobBar;
  readonly invariant: Locator;
  readonly counts: Locator;
  readonly plans: Locator;
  readonly matrix: Locator;
  readonly matrixK: Locator;
  readonly matrixJob: JobBar;
  readonly matrixTable: Locator;
  readonly matrixRows: Locator;
  readonly matrixCsv: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId("explorer");
    this.k = page.getByTestId("explorer.k");
    this.job = new JobBar(page, "explorer");
    this.invariant = page.getByTestId("explorer.invariant");
    this.counts = page.getByTestId("explorer.counts");
    this.plans = this.root.getByTestId("explorer.plan");
    this.matrix = page.getByTestId("matrix");
    this.matrixK = page.getByTestId("matrix.k");
    this.matrixJob = new JobBar(page, "matrix");
    this.matrixTable = page.getByTestId("matrix.table");
    this.matrixRows = this.matrixTable.locator("tbody tr");
    this.matrixCsv = page.getByTestId("matrix.csv");
  }

  /** The group of plans in which some message got `verdict`. */
  group(verdict: Verdict): Locator {
    return this.page.getByTestId(`explorer.group.${verdict}`);
  }

  /** The plan row named `name` (e.g. "PUBACK lost"), in any group unless one is given. */
  plan(name: string, verdict?: Verdict): Locator {
    const scope = verdict ? this.group(verdict) : this.root;
    return scope
      .getByTestId("explorer.plan")
      .filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  showInDiagram(name: string, verdict?: Verdict): Locator {
    return this.plan(name, verdict).getByRole("button", { name: `Show in diagram: ${name}`, exact: true });
  }

  /** Explores every plan of up to `k` lost transmissions and waits for the result. */
  async explore(k: 1 | 2 | 3): Promise<void> {
    await this.k.selectOption(String(k));
    await this.job.run();
    await expect(this.invariant).toBeVisible();
  }

  /** The number of plans the counts line reports ("64 plans · lost 0 · …"). */
  async planCount(): Promise<number> {
    const text = (await this.counts.textContent()) ?? "";
    const match = /^(\d+) plans/.exec(text.trim());
    if (!match) throw new Error(`no plan count in ${JSON.stringify(text)}`);
    return Number(match[1]);
  }

  async computeMatrix(k: 1 | 2 | 3): Promise<void> {
    await this.matrixK.selectOption(String(k));
    await this.matrixJob.run();
    await expect(this.matrixTable).toBeVisible();
  }
}

/** A NumberField: its input and the error it shows while the text is not a number in range. */
export class NumberInput {
  readonly input: Locator;
  readonly error: Locator;

  constructor(page: Page, testId: string) {
    this.input = page.getByTestId(testId);
    this.error = this.input.locator("xpath=..").getByRole("alert");
  }

  async set(value: number | string): Promise<void> {
    await this.input.fill(String(value));
  }
}

/** The "Statistics & plant sizing" view. */
export class StatisticsView {
  readonly page: Page;
  readonly root: Locator;
  readonly p: NumberInput;
  readonly messages: NumberInput;
  readonly seed: NumberInput;
  readonly compare: JobBar;
  readonly table: Locator;
  readonly curve: JobBar;
  readonly claims: JobBar;
  readonly claimsTable: Locator;
  readonly devices: NumberInput;
  readonly interval: NumberInput;
  readonly payload: NumberInput;
  readonly plantTable: Locator;
  readonly plantClaims: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId("statistics");
    this.p = new NumberInput(page, "stats.p");
    this.messages = new NumberInput(page, "stats.messages");
    this.seed = new NumberInput(page, "stats.seed");
    this.compare = new JobBar(page, "stats.compare");
    this.table = page.getByTestId("stats.table");
    this.curve = new JobBar(page, "stats.curve");
    this.claims = new JobBar(page, "stats.claims");
    this.claimsTable = page.getByTestId("stats.claims.table");
    this.devices = new NumberInput(page, "plant.devices");
    this.interval = new NumberInput(page, "plant.interval");
    this.payload = new NumberInput(page, "plant.payload");
    this.plantTable = page.getByTestId("plant.table");
    this.plantClaims = page.getByTestId("plant.claims");
  }

  /** The row of one QoS in a table whose rows start with a "QoS n" row header. */
  row(table: Locator, qos: 0 | 1 | 2): Locator {
    return table
      .locator("tbody tr")
      .filter({ has: this.page.getByRole("rowheader", { name: `QoS ${qos}`, exact: true }) });
  }

  /** Runs QoS 0, 1 and 2 under random loss with the given inputs and waits for the table. */
  async runComparison(input: { p?: number; messages?: number; seed?: number } = {}): Promise<void> {
    if (input.p !== undefined) await this.p.set(input.p);
    if (input.messages !== undefined) await this.messages.set(input.messages);
    if (input.seed !== undefined) await this.seed.set(input.seed);
    await this.compare.run();
    await expect(this.table).toBeVisible();
  }
}

/** The notice listing a link's unusable parameters, and the Copy link button. */
export class UrlControls {
  readonly notice: Locator;
  readonly noticeItems: Locator;
  readonly dismiss: Locator;
  readonly copyLink: Locator;
  /** "Link copied", once Copy link has put the link on the clipboard. */
  readonly copyStatus: Locator;

  constructor(page: Page) {
    this.notice = page.getByTestId("url-notice");
    this.noticeItems = this.notice.getByRole("listitem");
    this.dismiss = page.getByTestId("url-notice.dismiss");
    this.copyLink = page.getByTestId("copy-link");
    this.copyStatus = this.copyLink.locator("xpath=..").getByRole("status");
  }

  /** The notice line about one parameter. */
  noticeFor(param: string): Locator {
    return this.noticeItems.filter({ hasText: new RegExp(`^${literal(param)}: `) });
  }
}

/**
 * Opens a <details> and waits for `content`. Clicked again if a click missed: panels loaded after
 * the first paint can move the summary between Playwright's stability check and its click.
 */
async function openDetails(details: Locator, content: Locator): Promise<void> {
  await expect(async () => {
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await details.locator("summary").click();
    }
    await expect(content).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}
