/**
 * One exploration as Markdown: a heading, the computed invariant, the counts and a table with one
 * row per plan (name, exact faults, verdict per message, packets sent). Pure.
 */
import type { MessageOutcome, Scenario } from "../sim/types.ts";
import type { Exploration, ExploredPlan } from "./enumerate.ts";
import { invariantLineOf, type TalliedRun } from "./invariant.ts";
import { tallyOf } from "./tally.ts";
import { faultLabel } from "./names.ts";

/** A table cell: pipes and line breaks would end the cell or the row. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** "once", "duplicated ×2"; with several messages "m1 once, m2 lost". */
function verdicts(messages: readonly MessageOutcome[]): string {
  const one = (m: MessageOutcome): string =>
    m.verdict === "duplicated" ? `duplicated ×${m.processed}` : m.verdict;
  if (messages.length === 1 && messages[0] !== undefined) return one(messages[0]);
  return messages.map((m) => `m${m.message} ${one(m)}`).join(", ");
}

/** The exploration as a Markdown section. Pure. */
export function explorationToMarkdown(exploration: Exploration): string {
  const head = markdownHead({ ...exploration, tally: tallyOf(exploration) });
  return head + exploration.plans.map((plan, i) => markdownRow(plan, i)).join("");
}

/** What the section's heading and summary read: a tally (tally.ts) and the run's set-up. */
export interface MarkdownRun extends TalliedRun {
  scenario: Scenario;
  baseline: Exploration["baseline"];
}

/** The heading, the summary line and the table's header, each line ending in a line break. */
export function markdownHead(run: MarkdownRun): string {
  const { scenario, tally, baseline } = run;
  const { counts } = tally;
  const lines = [
    `## ${cell(invariantLineOf(run, scenario))}`,
    "",
    `Plans: ${tally.plans} (every set of up to ${run.maxDrops} lost ` +
      `transmission${run.maxDrops === 1 ? "" : "s"}` +
      `${run.complete ? "" : ", stopped early"}). ` +
      `Per message: lost ${counts.lost}, once ${counts.once}, duplicated ${counts.duplicated}. ` +
      `Nothing lost: ${verdicts(baseline.outcome.messages)}, ${baseline.outcome.packets} packets.`,
    "",
    "| # | Plan | Faults | Verdict | Packets |",
    "|---:|---|---|---|---:|",
  ];
  return `${lines.join("\n")}\n`;
}

/** The table row of the plan at 0-based `index`, ending in a line break. */
export function markdownRow(plan: ExploredPlan, index: number): string {
  const faults = plan.faults.map(faultLabel).join("; ");
  return (
    `| ${index + 1} | ${cell(plan.name)} | ${cell(faults)} | ` +
    `${verdicts(plan.outcome.messages)} | ${plan.outcome.packets} |\n`
  );
}
