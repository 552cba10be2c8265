import { expect, LabPage, test } from "./fixtures.ts";

/**
 * The implementation profiles' records are a chunk of their own (src/sim/profileSupport.ts): the
 * default page's first diagram never waits for them, a link that names a profile waits for them
 * before its first diagram (never the specification's diagram first), and a records chunk that
 * cannot be fetched is named in an alert.
 */

/** RabbitMQ 3 answers a QoS 2 PUBLISH with PUBACK (the specification: PUBREC, PUBREL, PUBCOMP). */
const LINK = "/?protocol=3.1.1&publishQos=2&subscriber.qos=2&profiles=rabbitmq-3";
const RECORDS = "**/assets/profileSupport-*.js";

test("a link naming a profile draws that profile's diagram first, never the specification's", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  // Every set of arrows the diagram ever shows, in order, from before the page's first script.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { drawn: string[] }).drawn = seen;
    new MutationObserver(() => {
      const arrows = document.querySelectorAll('[data-testid="diagram"] [role="button"]');
      const names = [...arrows].map((a) => (a.getAttribute("aria-label") ?? "").split(",")[0]).join(" ");
      if (names !== "" && seen[seen.length - 1] !== names) seen.push(names);
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  // Held back a while: a page that drew before the records were in would show the spec's PUBREC.
  await page.route(RECORDS, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  const lab = new LabPage(page);
  await page.goto(LINK);
  await expect(lab.diagram.arrowsOf("PUBACK")).toHaveCount(2);
  await expect(lab.diagram.arrowsOf("PUBREC")).toHaveCount(0);
  const drawn = await page.evaluate(() => (window as unknown as { drawn: string[] }).drawn);
  expect(drawn.length).toBeGreaterThan(0);
  for (const names of drawn) expect(names).not.toContain("PUBREC");
});

test("the default page draws its first diagram without the profile records", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  let requested = false;
  // Never answered: the first diagram must not wait for them.
  await page.route(RECORDS, () => {
    requested = true;
  });
  const lab = new LabPage(page);
  await lab.goto();
  await expect(lab.diagram.arrows).not.toHaveCount(0);
  // Fetched after the first diagram, for the scenarios the user may pick.
  await expect.poll(() => requested).toBe(true);
});

test("a link naming a profile whose records cannot be fetched says so in an alert", async ({ page }) => {
  await page.route(RECORDS, (route) => route.abort());
  const lab = new LabPage(page);
  await page.goto(LINK);
  const alert = page
    .getByRole("alert")
    .filter({ hasText: "The implementation profiles could not be loaded" });
  await expect(alert).toBeVisible();
  await expect(lab.diagram.arrows).toHaveCount(0);
});

test("the default page names records it could not fetch, and keeps its diagram", async ({ page }) => {
  await page.route(RECORDS, (route) => route.abort());
  const lab = new LabPage(page);
  await lab.goto();
  await expect(page.getByTestId("load-error")).toHaveRole("alert");
  await expect(page.getByTestId("load-error")).toContainText(
    "The implementation profiles could not be loaded",
  );
  await expect(lab.diagram.arrows).not.toHaveCount(0);
});
