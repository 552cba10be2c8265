/**
 * One exploration as Markdown: a heading, the computed invariant, the counts and a table with one
 * row per plan (name, exact faults, verdict per message, packets sent). Pure.
 */
import type { MessageOutcome } from "../sim/types.ts";
import type { Exploration } from "./enumerate.ts";
import { invariantLine } from "./invariant.ts";
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
  const { scenario, counts, plans, baseline } = exploration;
  const lines = [
    `## ${cell(invariantLine(exploration, scenario))}`,
    "",
    `Plans: ${plans.length} (every set of up to ${exploration.maxDrops} lost ` +
      `transmission${exploration.maxDrops === 1 ? "" : "s"}` +
      `${exploration.complete ? "" : ", stopped early"}). ` +
      `Per message: lost ${counts.lost}, once ${counts.once}, duplicated ${counts.duplicated}. ` +
      `Nothing lost: ${verdicts(baseline.outcome.messages)}, ${baseline.outcome.packets} packets.`,
    "",
    "| # | Plan | Faults | Verdict | Packets |",
    "|---:|---|---|---|---:|",
  ];
  plans.forEach((plan, i) => {
    const faults = plan.faults.map(faultLabel).join("; ");
    lines.push(
      `| ${i + 1} | ${cell(plan.name)} | ${cell(faults)} | ${verdicts(plan.outcome.messages)} | ${plan.outcome.packets} |`,
    );
  });
  return `${lines.join("\n")}\n`;
}
