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
    const search = writeUrl(scenario, { view });
    if (search === window.location.search) {
      // The page was opened on this very URL: the next change is a new history entry.
      first.current = false;
      return;
    }
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    // The first URL written replaces the one the page was opened with (normalised, defaults dropped).
    const replace = first.current;
    first.current = false;
    // After the next paint: writing history costs several ms that a click should not wait for.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
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
