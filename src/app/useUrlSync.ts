/**
 * Keeps the URL in step with the scenario: each change the user makes becomes a history entry,
 * and Back / Forward bring the scenario of that entry back (read and validated by readUrl).
 *
 * The address bar keeps the link as it was typed (or as Back / Forward brought it) until the user
 * changes something: a link that reads the same in fewer words, in the element's names or with a
 * bad parameter is not rewritten on load, so the user still sees what they opened. The first change
 * writes the link's own form as a new entry, so Back returns to the link as typed.
 */
import { useEffect, useRef } from "react";
import type { Scenario } from "../sim/types.ts";
import { readUrl, writeUrl } from "../share/url.ts";

/** What the address bar shows as it is: the page's scenario and view when it was last read. */
interface Shown {
  scenario: Scenario;
  view: string;
}

export function useUrlSync(
  scenario: Scenario,
  view: string,
  onNavigate: (scenario: Scenario, view: string | undefined) => void,
): void {
  // Compared by identity: a change always makes a new scenario object, so an equal one is no change.
  const shown = useRef<Shown | null>({ scenario, view });
  // A history entry that names no scenario (the page opened bare, or on `?view=…` alone) is this one.
  const opening = useRef(scenario);
  const navigate = useRef(onNavigate);
  useEffect(() => {
    navigate.current = onNavigate;
  });

  useEffect(() => {
    const kept = shown.current;
    if (kept !== null && kept.scenario === scenario && kept.view === view) return;
    shown.current = null;
    // After the next paint: writing the URL and history costs several ms a click should not wait for.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        const search = writeUrl(scenario, { view });
        // Already there (the page was opened on this very URL): nothing to write.
        if (search === window.location.search) return;
        window.history.pushState(null, "", `${window.location.pathname}${search}${window.location.hash}`);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [scenario, view]);

  useEffect(() => {
    const onPop = () => {
      const state = readUrl(window.location.search);
      const next = state.scenario ?? opening.current;
      // The entry Back / Forward reached is kept as it reads until the next change.
      shown.current = { scenario: next, view: state.view ?? "diagram" };
      navigate.current(next, state.view);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
}
