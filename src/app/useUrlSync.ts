/**
 * Keeps the URL in step with the scenario: each change the user makes becomes a history entry,
 * and Back / Forward bring the scenario of that entry back (read and validated by readUrl).
 */
import { useEffect, useRef } from "react";
import type { Scenario } from "../sim/types.ts";
import { readUrl, writeUrl } from "../share/url.ts";

export function useUrlSync(
  scenario: Scenario,
  view: string,
  onNavigate: (scenario: Scenario, view: string | undefined) => void,
): void {
  const first = useRef(true);
  const navigate = useRef(onNavigate);
  useEffect(() => {
    navigate.current = onNavigate;
  });

  useEffect(() => {
    // The first change replaces the URL the page was opened with (normalised, defaults dropped);
    // later ones are new history entries.
    const replace = first.current;
    first.current = false;
    // After the next paint: writing the URL and history costs several ms a click should not wait for.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        const search = writeUrl(scenario, { view });
        // Already there (the page was opened on this very URL): nothing to write.
        if (search === window.location.search) return;
        const url = `${window.location.pathname}${search}${window.location.hash}`;
        if (replace) window.history.replaceState(null, "", url);
        else window.history.pushState(null, "", url);
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
      if (state.scenario) navigate.current(state.scenario, state.view);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
}
