/**
 * Keeps the URL in step with the scenario: each change the user makes becomes a history entry,
 * and Back / Forward bring the scenario of that entry back (read and validated by readUrl).
 *
 * The address bar keeps the link as it was typed (or as Back / Forward brought it) until the user
 * changes something: a link that reads the same in fewer words, in the element's names or with a
 * bad parameter is not rewritten on load, so the user still sees what they opened. The first change
 * writes the link's own form as a new entry, so Back returns to the link as typed.
 *
 * A scenario too big for a link (share/url.ts's fitsInLink) gets an entry with no scenario in its
 * address; the scenario itself is kept in memory for that entry (the last HELD of them), so Back and
 * Forward still bring it back while the page is open.
 */
import { useEffect, useRef } from "react";
import type { Scenario } from "../sim/types.ts";
import { fitsInLink, modesIn, prepareLink, readUrl } from "../share/url.ts";
import type { writeUrl } from "../share/urlWriter.ts";
import { afterPaint } from "../ui/afterPaint.ts";

/**
 * What writes a link (share/urlWriter.ts), loaded once: the address is written after the next
 * paint anyway, so the first diagram does not wait for it.
 */
function loadWriter(): Promise<typeof writeUrl> {
  return import("../share/urlWriter.ts").then((writer) => writer.writeUrl);
}

/** How many too-big scenarios the history keeps in memory (each can hold 100,000 messages). */
const HELD = 3;
/** Too-big scenarios by the `held` number in their history entry's state. */
const held = new Map<number, Scenario>();
let heldCount = 0;

function hold(scenario: Scenario): number {
  heldCount += 1;
  held.set(heldCount, scenario);
  for (const key of held.keys()) if (held.size > HELD) held.delete(key);
  return heldCount;
}

function heldBy(state: unknown): Scenario | undefined {
  if (typeof state !== "object" || state === null || !("held" in state)) return undefined;
  const key = (state as { held: unknown }).held;
  return typeof key === "number" ? held.get(key) : undefined;
}

/** What the address bar shows as it is: the page's scenario and view when it was last read. */
interface Shown {
  scenario: Scenario;
  view: string;
  compare: string | null;
}

export function useUrlSync(
  scenario: Scenario,
  view: string,
  onNavigate: (scenario: Scenario, view: string | undefined, compare: string | null) => void,
  /** Compare mode's columns (`compare=0,1,2`), or null when it is off. */
  compare: string | null = null,
): void {
  // Compared by identity: a change always makes a new scenario object, so an equal one is no change.
  const shown = useRef<Shown | null>({ scenario, view, compare });
  // A history entry that names no scenario (the page opened bare, or on `?view=…` alone) is this one.
  const opening = useRef(scenario);
  const navigate = useRef(onNavigate);
  useEffect(() => {
    navigate.current = onNavigate;
  });

  useEffect(() => {
    const kept = shown.current;
    if (kept !== null && kept.scenario === scenario && kept.view === view && kept.compare === compare) return;
    // The lessons view writes its own address (lesson and step, no scenario).
    if (view === "lessons") {
      shown.current = { scenario, view, compare };
      return;
    }
    shown.current = null;
    // After the next paint: writing the URL and history costs several ms a click should not wait for.
    let live = true;
    const cancel = afterPaint(() => {
      if (!fitsInLink(scenario)) {
        // Not written out: megabytes of address, and a link that would not open it anyway.
        const search = view === "diagram" ? "" : `?view=${view}`;
        const url = `${window.location.pathname}${search}${window.location.hash}`;
        window.history.pushState({ held: hold(scenario) }, "", url);
        return;
      }
      // A writer that cannot be fetched leaves the address as it is; the page works on.
      void loadWriter().then(
        (write) => {
          // A later change (or unmount) has its own write: this one must not land after it.
          if (!live) return;
          // The modes (present, predict) stay as the address bar has them: the workspace writes them.
          const search = write(scenario, { view, compare, ...modesIn(window.location.search) });
          // Already there (the page was opened on this very URL): nothing to write.
          if (search === window.location.search) return;
          window.history.pushState(null, "", `${window.location.pathname}${search}${window.location.hash}`);
        },
        () => {},
      );
    });
    return () => {
      live = false;
      cancel();
    };
  }, [scenario, view, compare]);

  useEffect(() => {
    const onPop = (event: PopStateEvent) => {
      const search = window.location.search;
      const entry: unknown = event.state;
      // An entry the user typed may have a bad parameter: what leaves it out may need loading.
      void prepareLink(search).then(() => {
        if (window.location.search !== search) return;
        const state = readUrl(search);
        const next = heldBy(entry) ?? state.scenario ?? opening.current;
        // The entry Back / Forward reached is kept as it reads until the next change.
        shown.current = { scenario: next, view: state.view ?? "diagram", compare: state.compare ?? null };
        navigate.current(next, state.view, state.compare ?? null);
      });
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
}
