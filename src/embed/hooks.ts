/** The embed's tie to its host page: height reports. */
import { useEffect } from "react";
import { HEIGHT_MESSAGE } from "../share/embedCode.ts";

/**
 * The embed's one message to its host, and all of it (src/embed/README.md): no scenario text, no
 * verdict, no position, so any host may read it.
 */
interface HeightMessage {
  type: typeof HEIGHT_MESSAGE;
  /** The body's height in CSS pixels, rounded up. */
  height: number;
}

/**
 * Posts `{ type: HEIGHT_MESSAGE, height }` to the parent whenever the body's height changes, from
 * when the embed is `ready`: the short "loading" state is not worth a resize of the host's iframe
 * (an iframe out of view would keep that height until scrolled to, then jump).
 */
export function useReportHeight(ready: boolean): void {
  useEffect(() => {
    if (!ready || window.parent === window) return;
    let last = -1;
    const report = () => {
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      const message: HeightMessage = { type: HEIGHT_MESSAGE, height };
      window.parent.postMessage(message, "*");
    };
    const observer = new ResizeObserver(report);
    observer.observe(document.body);
    report();
    return () => observer.disconnect();
  }, [ready]);
}
