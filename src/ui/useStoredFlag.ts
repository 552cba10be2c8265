/**
 * A yes/no the reader chose that outlives a reload (the set-up form open or closed), kept in
 * localStorage under `key`. Where storage is refused (private modes, a sandboxed iframe) it
 * works for the visit and is forgotten, without an error.
 */
import { useCallback, useEffect, useRef, useState } from "react";

function stored(key: string): boolean | null {
  try {
    const value = window.localStorage.getItem(key);
    return value === "1" ? true : value === "0" ? false : null;
  } catch {
    return null;
  }
}

/** `fallback` is used until the reader has chosen once. */
export function useStoredFlag(key: string, fallback: () => boolean): [boolean, (value: boolean) => void] {
  const [flag, setFlag] = useState(() => stored(key) ?? fallback());
  const latest = useRef(flag);
  useEffect(() => {
    latest.current = flag;
  });
  const set = useCallback(
    (value: boolean) => {
      // A <details> reports its first opening too: only a change is the reader's choice.
      if (value === latest.current) return;
      latest.current = value;
      setFlag(value);
      try {
        window.localStorage.setItem(key, value ? "1" : "0");
      } catch {
        // Storage refused: the choice holds for this visit only.
      }
    },
    [key],
  );
  return [flag, set];
}
