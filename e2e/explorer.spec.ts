import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures.ts";
import { ExplorerView, Views, tableData } from "./pages/lab-page.ts";

/** The matrix CSV's header (src/explore/matrix.ts), in order. */
const MATRIX_CSV_HEADER =
  "qos,hops,subscription_qos,session,retransmit,protocol,qos2_method,qos2_receiver,max_drops,plans,lost,once,duplicated,guarantee";

test.describe("explorer: every way it can fail", () => {
  test("QoS 2 over two hops with persistent sessions: exactly once in all N plans (k = 2)", async ({
    lab,
    page,
  }) => {
    // The page opens on QoS 2, two hops, persistent sessions (with the preset's own drop, which
    // the explorer leaves aside).
    await lab.expectVerdicts("once");
    await expect(page.getByTestId("setup.summary")).toContainText(
      "QoS 2, two hops (subscription QoS 2), persistent session",
    );
    const views = new Views(page);
    const explorer = new ExplorerView(page);
    await views.open("explore");
    await explorer.explore(2);

    await expect(explorer.invariant).toHaveText(
      /^QoS 2 over two hops \(granted QoS 2\) with persistent sessions, Method A: exactly once in all \d+ plans of up to 2 lost packets$/,
    );
    const n = await explorer.planCount();
    expect(n).toBeGreaterThan(1);
    // Counted before Start, exactly: the same number the run then reports.
    await expect(page.getByTestId("explorer.estimate")).toHaveText(`Exactly ${n} plans to run.`);
    await expect(explorer.invariant).toContainText(`exactly once in all ${n} plans`);
    await expect(explorer.counts).toContainText(`${n} plans · lost 0 · once ${n} · duplicated 0`);

    // Every plan is in the "Exactly once" group; there is no other group.
    await expect(explorer.group("lost")).toHaveCount(0);
    await expect(explorer.group("duplicated")).toHaveCount(0);
    const once = explorer.group("once");
    await expect(once.getByRole("heading")).toContainText(`(${n} plans)`);
    await once.getByRole("button", { name: `Show all ${n}` }).click();
    await expect(explorer.plans).toHaveCount(n);
    for (const verdict of await explorer.plans.locator("td:nth-child(3)").allTextContents()) {
      expect(verdict).toBe("m1: once");
    }
  });

  test("QoS 1 on one hop: plans duplicate but never lose; Show in diagram loads a plan", async ({
    lab,
    page,
  }) => {
    await lab.setup.publishQos.selectOption("1");
    await lab.setup.hops.selectOption("1");
    await lab.setup.session.selectOption("persistent");
    await expect(page.getByTestId("setup.summary")).toContainText("QoS 1, one hop, persistent session");

    const views = new Views(page);
    const explorer = new ExplorerView(page);
    await views.open("explore");
    await explorer.explore(2);

    await expect(explorer.invariant).toHaveText(
      /^QoS 1 with persistent sessions: \d+ of \d+ plans duplicate the message, none lose it, e\.g\. PUBACK lost$/,
    );
    await expect(explorer.group("duplicated")).toBeVisible();
    await expect(explorer.group("lost")).toHaveCount(0);
    await expect(explorer.counts).toContainText("lost 0");
    await expect(explorer.group("duplicated").getByTestId("explorer.plan")).not.toHaveCount(0);

    // A plan of two faults: the first PUBACK lost, then the PUBLISH resent after the reconnect.
    const name = "PUBACK lost, then the resent PUBLISH lost";
    const plan = explorer.plan(name, "duplicated");
    await expect(plan).toHaveCount(1);
    await expect(plan.getByRole("cell").nth(1)).toHaveText("m1: duplicated");
    await explorer.showInDiagram(name, "duplicated").click();

    await views.expectOpen("diagram");
    await lab.expectVerdicts("duplicated");
    await expect(lab.diagram.dropped()).toHaveCount(2);
    await expect(lab.diagram.arrow("PUBACK", 1)).toHaveAttribute("aria-pressed", "true");
    await expect(lab.diagram.arrow("PUBLISH", 2)).toHaveAttribute("aria-pressed", "true");
    await expect(lab.diagram.arrow("PUBLISH", 1)).toHaveAttribute("aria-pressed", "false");
    // The scenario now holds exactly the plan's faults, in the order they were sent.
    await lab.openJson();
    const scenario = JSON.parse(await lab.json.inputValue()) as { faults?: unknown };
    expect(scenario.faults).toEqual([
      { hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 },
      { hop: "publisher-broker", packet: "PUBLISH", message: 1, attempt: 2 },
    ]);
  });

  test("a plan found under a chosen broker loads into the diagram with that broker, as the explorer showed it", async ({
    lab,
    page,
  }) => {
    // QoS 2 over two hops: exactly once under the specification, but AWS IoT Core refuses QoS 2.
    await lab.expectVerdicts("once");
    const views = new Views(page);
    const explorer = new ExplorerView(page);
    await views.open("explore");
    await explorer.root.getByTestId("explorer.broker").selectOption("aws-iot-core");
    await explorer.explore(1);
    const row = explorer.plans.first();
    const name = (await row.getByRole("rowheader").textContent()) ?? "";
    const shown = (await row.getByRole("cell").nth(1).textContent()) ?? "";
    const verdict = /^m1: (lost|once|duplicated)$/.exec(shown)?.[1] as
      "lost" | "once" | "duplicated" | undefined;
    expect(verdict, `the explorer's verdict for ${name}: ${shown}`).toBeDefined();
    expect(verdict).not.toBe("once");
    // The picker moved after the run: the plans shown are still AWS IoT Core's, and so is what loads.
    await explorer.root.getByTestId("explorer.broker").selectOption("");
    await explorer.showInDiagram(name).first().click();

    await views.expectOpen("diagram");
    await lab.expectVerdicts(verdict ?? "once");
    await page.getByTestId("setup.more").click();
    await expect(page.getByTestId("setup.profiles.broker")).toHaveValue("aws-iot-core");
    await lab.openJson();
    const scenario = JSON.parse(await lab.json.inputValue()) as { profiles?: unknown };
    expect(scenario.profiles).toEqual({ broker: "aws-iot-core", publisher: "spec", subscriber: "spec" });
  });

  test("a long exploration shows progress, and Cancel stops it; the page stays responsive", async ({
    lab,
    page,
  }) => {
    // Four messages of QoS 2 over two hops with k = 3: thousands of plans, many seconds of work.
    await page.goto("/?publishQos=2&subscriber.qos=2&messages=4&view=explore");
    const views = new Views(page);
    const explorer = new ExplorerView(page);
    await views.expectOpen("explore");
    await expect(page.getByTestId("setup.summary")).toContainText("QoS 2, two hops (subscription QoS 2)");
    await explorer.k.selectOption("3");
    // Counted first: above the page's confirmation limit, so Start asks before it runs.
    await expect(page.getByTestId("explorer.estimate")).toHaveText(/^Exactly [\d,]+ plans to run\.$/);
    await explorer.job.start.click();
    const confirm = page.getByTestId("explorer.confirm");
    await expect(confirm).toContainText(
      /^A long run: exactly [\d,]+ plans of about 32 packets each: about [\d,]+ packets to simulate, above the limit of 100,000\./,
    );
    await expect(explorer.job.progress).toHaveCount(0);
    await page.getByTestId("explorer.confirm.back").click();
    await expect(confirm).toHaveCount(0);
    await explorer.job.start.click();
    await page.getByTestId("explorer.confirm.run").click();
    await expect(confirm).toHaveCount(0);
    await expect(explorer.job.progress).toBeVisible();
    // The worker reports progress, and the page answers while it works.
    await expect(explorer.job.progressLabel).toHaveText(/^[1-9]\d* plans$/);
    await lab.openJson();
    await expect(lab.json).toHaveValue(/"publishQos": 2/);
    await explorer.job.cancel.click();
    await expect(explorer.job.cancelled).toBeVisible();
    // Cancelling terminates the job's Web Worker.
    await expect.poll(() => page.workers().length, { intervals: [100] }).toBe(0);
    await expect(explorer.invariant).toHaveCount(0);
    await expect(explorer.plans).toHaveCount(0);

    // The page answers at once: switch views, and the explorer comes back idle.
    await views.open("diagram");
    await expect(lab.diagram.arrows.first()).toBeVisible();
    await views.open("stats");
    await views.open("explore");
    await expect(explorer.job.start).toBeEnabled();
    await expect(explorer.job.cancelled).toHaveCount(0);

    // And a new run still works.
    await explorer.explore(1);
    await expect(explorer.invariant).toContainText("4 messages: every message exactly once in all");
  });

  test("a set-up too large for the page is refused before Start, saying why and what to do", async ({
    page,
  }) => {
    await page.goto("/?publishQos=2&subscriber.qos=2&messages=200&view=explore");
    const explorer = new ExplorerView(page);
    await explorer.k.selectOption("1");
    await expect(page.getByTestId("explorer.estimate")).toHaveText("Exactly 1,600 plans to run.");
    await expect(explorer.job.start).toBeDisabled();
    await expect(explorer.job.blocked).toHaveText(
      "Too large for the page: exactly 1,600 plans of about 1,600 packets each: about 2,560,000 packets " +
        "to simulate, above the limit of 500,000. Choose fewer lost transmissions or fewer messages, " +
        "or run npm run explore on the command line.",
    );
    // A bound where counting would cost too much: said as such.
    await explorer.k.selectOption("3");
    await expect(page.getByTestId("explorer.estimate")).toHaveText(
      /^At most [\d,]+ plans to run \(an upper bound\)\.$/,
    );
    await expect(explorer.job.start).toBeDisabled();
  });

  test("the matrix with k = 1 has 64 rows (each set-up once), and its CSV has the header and one line per row", async ({
    lab,
    page,
  }) => {
    void lab;
    const views = new Views(page);
    const explorer = new ExplorerView(page);
    await views.open("explore");
    await expect(explorer.matrixCsv).toHaveCount(0);
    await explorer.computeMatrix(1);
    await expect(explorer.matrixRows).toHaveCount(64);
    const table = await tableData(explorer.matrixTable);

    const downloaded = page.waitForEvent("download");
    await explorer.matrixCsv.click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe("qos-matrix.csv");
    const csv = await readFile(await download.path(), "utf8");
    expect(csv.endsWith("\r\n")).toBe(true);
    const lines = csv.slice(0, -2).split("\r\n");
    expect(lines[0]).toBe(MATRIX_CSV_HEADER);
    const rows = lines.slice(1).map((line) => line.split(","));
    expect(rows).toHaveLength(64);
    const columns = MATRIX_CSV_HEADER.split(",");
    for (const [i, cells] of rows.entries()) {
      expect(cells, `CSV row ${i + 1}`).toHaveLength(columns.length);
      const row = Object.fromEntries(columns.map((c, j) => [c, cells[j]]));
      const shown = table[i];
      // The file says what the table shows, row for row.
      expect(row.max_drops).toBe("1");
      expect(row.qos).toBe(shown?.QoS);
      expect(row.plans).toBe(shown?.Plans);
      expect(row.lost).toBe(shown?.Lost);
      expect(row.once).toBe(shown?.Once);
      expect(row.duplicated).toBe(shown?.Duplicated);
      expect(row.guarantee).toBe(shown?.Guarantee);
    }
  });
});
