/**
 * A long trace's first diagram is drawn from the layout of its top alone (diagram/layoutHead.ts):
 * the first screen, as the whole layout draws it, without waiting for the whole (about 0.2–0.3 s
 * at 1,000 messages). This lays out the whole in the task after that first screen is painted,
 * and draws it in the head's place; a new head (a new trace or width) cancels the one pending.
 */
import { useEffect, useState } from "react";
import { layout, type DiagramLayout, type LayoutOptions } from "../diagram/layout.ts";
import type { Trace } from "../sim/types.ts";
import { afterPaint } from "../ui/afterPaint.ts";

/** `laid`, or once it is a head (`partOf`) and painted, the whole layout of `trace` in its place. */
export function useWholeLayout(laid: DiagramLayout, trace: Trace, options: LayoutOptions): DiagramLayout {
  const [whole, setWhole] = useState<{ of: DiagramLayout; layout: DiagramLayout } | null>(null);
  const { width, fontScale } = options;
  useEffect(() => {
    if (!laid.partOf) return;
    const wholeOptions = fontScale === undefined ? { width } : { width, fontScale };
    return afterPaint(() => setWhole({ of: laid, layout: layout(trace, wholeOptions) }));
  }, [laid, trace, width, fontScale]);
  return whole?.of === laid ? whole.layout : laid;
}
