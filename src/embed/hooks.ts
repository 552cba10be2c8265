/** The embed's ties to its host page: height reports and whether it is on screen. */
import { useEffect, useState, type RefObject } from "react";

export const HEIGHT_MESSAGE = "mqtt-qos-lab:height";

/** Posts `{ type: HEIGHT_MESSAGE, height }` to the parent whenever the body's height changes. */
export function useReportHeight(): void {
  useEffect(() => {
    if (window.parent === window) return;
    let last = -1;
    const report = () => {
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      // Only a height: nothing secret, so any host may read it.
      window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, "*");
    };
    const observer = new ResizeObserver(report);
    observer.observe(document.body);
    report();
    return () => observer.disconnect();
  }, []);
}

/** Whether any of `ref`'s element is in the (top-level) viewport; true until first known. */
export function useInView(ref: RefObject<Element | null>): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) setInView(entry.isIntersecting);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return inView;
}
