/**
 * The reader's motion preference: autoplay (embed, element) does not start for a reader who
 * asked for reduced motion, who gets the finished diagram instead.
 */

/** The reader's "reduce motion" setting, read once by usePlayback when it starts. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}
