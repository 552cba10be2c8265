import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** axe's violations on the page as it is, with what a reader needs to fix them. */
export async function axeViolations(page: Page, skip: string[] = []) {
  // The packet arrows' label-in-name rule has its own test in accessibility.spec.ts.
  const results = await new AxeBuilder({ page })
    .disableRules(["label-content-name-mismatch", ...skip])
    .analyze();
  return results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}
