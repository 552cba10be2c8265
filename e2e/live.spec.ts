import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { diffTraces, parseBrokerUrl, type Difference, type RealTrace } from "../src/live/index.ts";
import { simulate } from "../src/sim/simulate.ts";
import { expect, test } from "./fixtures.ts";
import { mockLabServer, RECORDED_PARAMS } from "./live-mock.ts";

/**
 * The Live view against the lab server (`npm run lab -- --app dist --port 0`) serving the dist/
 * that the e2e harness built, with its embedded Aedes; the last test is the static build's message
 * (the normal preview server has no meta tag).
 */

interface Lab {
  process: ChildProcess;
  url: string;
}

/** Starts the lab server on a free port and reads the address from its "Live lab:" line. */
async function startLab(): Promise<Lab> {
  // One process (no npx or tsx wrapper), so that its pid is the server's and SIGTERM reaches it.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/lab.ts", "--app", "dist", "--port", "0"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`the lab server exited with ${code} before it printed its address`)),
    );
    lines.on("line", (line) => {
      const m = /^Live lab: (http:\/\/\S+)$/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
  });
  return { process: child, url };
}

async function stopLab(lab: Lab): Promise<void> {
  if (lab.process.exitCode !== null || lab.process.pid === undefined) return;
  const exited = new Promise((resolve) => lab.process.once("exit", resolve));
  process.kill(lab.process.pid, "SIGTERM");
  await exited;
}

// One-hop QoS 1 with a persistent session, the PUBACK lost, over MQTT 3.1.1 (what Aedes speaks).
const PUBACK_LOST = "publishQos=1&faults=PUBACK&session=persistent&retransmit=on-reconnect&protocol=3.1.1";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function openLive(page: Page, lab: Lab, params: string): Promise<void> {
  await page.goto(`${lab.url}&${params}`);
  await expect(page.getByTestId("live.status")).toHaveText("Ready.");
}

test.describe("Live view against the lab server", () => {
  // The server runs real brokers and sockets: one test at a time, each with time for a run.
  test.describe.configure({ mode: "serial", timeout: 90_000 });
  let lab: Lab;
  test.beforeAll(async () => {
    lab = await startLab();
  });
  test.afterAll(async () => {
    await stopLab(lab);
  });

  test("QoS 1, PUBACK lost, persistent session: the cut is drawn and every difference diffTraces finds is listed", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await openLive(page, lab, PUBACK_LOST);
    await expect(page.getByTestId("live.warning")).toHaveCount(0);
    await page.getByTestId("live.run").click();
    const result = page.getByTestId("live.result");
    await expect(result).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("live.status")).toHaveText(/^Done in \d+ ms against aedes\.$/);
    await expect(page.getByTestId("live.facts")).toContainText("aedes at mqtt://127.0.0.1:");

    // The relay's cut, drawn on the real diagram: a dropped PUBACK and its "✂ cut".
    const real = page.getByTestId("live.real");
    await expect(real.getByTestId("live.cut")).toHaveCount(1);
    await expect(real.locator('[data-packet="PUBACK"] title').first()).toContainText("dropped");

    // The page's own report of this run: its real trace, diffed here as the page must have.
    const download = page.waitForEvent("download");
    await page.getByTestId("live.report-json").click();
    const report = JSON.parse(await readFile(await (await download).path(), "utf8")) as {
      differences: Difference[];
      real: RealTrace;
    };
    const expected = diffTraces(simulate(report.real.scenario), report.real);
    expect(report.differences.map((d) => d.sentence)).toEqual(expected.map((d) => d.sentence));
    const items = page.getByTestId("live.difference");
    await expect(items).toHaveCount(expected.length);
    expect((await items.allTextContents()).map((t) => t.replace(/^\S+ /, ""))).toEqual(
      expected.map((d) => d.sentence),
    );
    await expect(result.getByRole("heading", { level: 3 })).toHaveText(
      expected.length === 0
        ? "The broker agrees with the model"
        : `${expected.length} difference${expected.length === 1 ? "" : "s"} from the model`,
    );
    // Each difference with a real or model event is numbered on a diagram; a click marks it current.
    const marked = expected.filter((d) => d.realIndex !== undefined || d.modelIndex !== undefined).length;
    expect(await page.getByTestId("live.mark").count()).toBeGreaterThan(0);
    expect(marked).toBeGreaterThan(0);
    if (expected.length > 0) {
      await items.first().click();
      await expect(items.first()).toHaveAttribute("aria-pressed", "true");
      await expect(page.locator(".live-number.is-current")).toHaveCount(1);
    }
    // The verdicts side by side: the model's and the real run's, one per message.
    await expect(page.getByTestId("live.model").locator("..").getByTestId("verdict")).toBeVisible();
    await expect(page.getByTestId("live.verdicts").locator("[data-verdict]")).toHaveCount(1);

    const axe = await new AxeBuilder({ page }).include('[data-testid="live"]').analyze();
    expect(
      axe.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) })),
    ).toEqual([]);
  });

  test("a run streams its events and Cancel stops it", async ({ page, consoleErrors }) => {
    void consoleErrors;
    // Forty messages, one at a time: seconds of traffic, time to cancel in the middle.
    await openLive(page, lab, "publishQos=1&messages=40&retransmit=on-reconnect&protocol=3.1.1");
    await page.getByTestId("live.run").click();
    await expect(page.getByTestId("live.events").locator("li").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("live.status")).toHaveText(/^Running against aedes: \d+ packets so far\.$/);
    await page.getByTestId("live.cancel").click();
    await expect(page.getByTestId("live.status")).toHaveText("Cancelled.", { timeout: 30_000 });
    await expect(page.getByTestId("live.stream")).toContainText("What the cancelled run recorded");
    await expect(page.getByTestId("live.result")).toHaveCount(0);
    await expect(page.getByTestId("live.run")).toBeEnabled();
  });

  test("a bad broker URL shows parseBrokerUrl's message under the field, and nothing is sent", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await openLive(page, lab, PUBACK_LOST);
    await page.getByTestId("live.broker").selectOption("url");
    const field = page.getByTestId("live.url");
    for (const bad of [
      "http://broker.example",
      "mqtt://user:secret@broker.example",
      "mqtt://broker.example:99999",
    ]) {
      await field.fill(bad);
      const parsed = parseBrokerUrl(bad);
      if (parsed.ok) throw new Error(`${bad} parses`);
      const problem = page.getByTestId("live.problem.url");
      await expect(problem).toHaveText(parsed.message.replace(/^--broker: /, ""));
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(await problem.innerText())));
      await expect(problem).not.toContainText("secret");
    }
    await page.getByTestId("live.run").click();
    await expect(page.getByTestId("live.status")).toHaveText("Ready.");
    // Credentials are asked for a URL broker, and never land in the address.
    await page.getByTestId("live.username").fill("ann");
    await page.getByTestId("live.password").fill("pw-123");
    expect(page.url()).not.toContain("pw-123");
  });

  test("a broker that does not answer: the run fails with the server's message, never a blank page", async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await openLive(page, lab, PUBACK_LOST);
    await page.getByTestId("live.broker").selectOption("url");
    // Port 1 on the loopback: nothing listens there, the connection is refused at once.
    await page.getByTestId("live.url").fill("mqtt://127.0.0.1:1");
    await expect(page.getByTestId("live.problem.url")).toHaveCount(0);
    await page.getByTestId("live.run").click();
    const failed = page.getByTestId("live.failed");
    await expect(failed).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("live.failed-message")).not.toBeEmpty();
    await expect(page.getByTestId("live.status")).toHaveText("The run failed.");
    await expect(page.getByTestId("live.run")).toBeEnabled();
  });

  test("the server stopping is said, and Reconnect tries again", async ({ page }) => {
    const own = await startLab();
    try {
      await openLive(page, own, PUBACK_LOST);
      await stopLab(own);
      await expect(page.getByTestId("live.closed")).toBeVisible();
      await expect(page.getByTestId("live.closed")).toContainText(
        "The connection to the lab server is closed",
      );
      await expect(page.getByTestId("live.run")).toBeDisabled();
      await page.getByTestId("live.reconnect").click();
      await expect(page.getByTestId("live.closed")).toBeVisible();
    } finally {
      await stopLab(own);
    }
  });
});

test("without the lab server (the static build), Live says it needs npm run lab", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await page.goto("/?view=live");
  const panel = page.getByTestId("live.needs-server");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("Live needs the lab server");
  await expect(panel.locator("code")).toHaveText("npm run lab");
  await expect(page.getByTestId("view.live")).toHaveAttribute("aria-pressed", "true");
  const axe = await new AxeBuilder({ page }).include('[data-testid="live"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test.describe("Live view, a recorded run (no server needed)", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`axe finds nothing on a result, and 360 px needs no sideways page scroll (${colorScheme})`, async ({
      page,
      consoleErrors,
    }) => {
      void consoleErrors;
      await page.setViewportSize({ width: 360, height: 800 });
      await page.emulateMedia({ colorScheme });
      await mockLabServer(page);
      await page.goto(`/?view=live&${RECORDED_PARAMS}`);
      await expect(page.getByTestId("live.status")).toHaveText("Ready.");
      // Keyboard only: the Run button is reached and pressed without a pointer.
      await page.getByTestId("live.run").focus();
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("live.result")).toBeVisible();
      await page.getByTestId("live.difference").first().focus();
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("live.difference").first()).toHaveAttribute("aria-pressed", "true");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360);
      const axe = await new AxeBuilder({ page }).include('[data-testid="live"]').analyze();
      expect(
        axe.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) })),
      ).toEqual([]);
    });
  }
});
