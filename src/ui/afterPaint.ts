/**
 * Work that must not hold up the next frame (writing the address, the whole layout of a long
 * trace): run in a task after the next frame is painted. Returns what cancels it.
 */
export function afterPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== "function") {
    timer = setTimeout(work, 0);
    return () => clearTimeout(timer);
  }
  // A frame's callbacks run before its paint; a task queued from them runs after it.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
