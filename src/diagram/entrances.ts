/**
 * How the live diagram's labels, marks and delivery badges enter. Apart from diagramStyles.ts:
 * the page's first diagram needs these few numbers, not the export's stylesheet text. Pure data.
 */

export type Entrance = "label" | "mark" | "badge";

/** An entrance as `Element.animate` takes it: the starting keyframe (it ends as styled), timing. */
export interface EntranceLook {
  keyframes: Record<string, string | number>[];
  options: { duration: number; easing: string };
}

/**
 * How labels, marks and deliveries enter on the live page: played once per element by the Web
 * Animations API (ui/diagram/useEntrance.ts), not by CSS, because a CSS animation starts again
 * whenever React moves the element. A label fades in, a mark too, a delivery pops in
 * (overshooting a little, like a spring). None under prefers-reduced-motion.
 */
export const ENTRANCES: Readonly<Record<Entrance, EntranceLook>> = {
  label: { keyframes: [{ opacity: 0 }], options: { duration: 200, easing: "ease-out" } },
  mark: { keyframes: [{ opacity: 0 }], options: { duration: 300, easing: "ease-out" } },
  badge: {
    keyframes: [{ opacity: 0, transform: "scale(0.4)" }],
    options: { duration: 400, easing: "cubic-bezier(0.34, 1.56, 0.64, 1)" },
  },
};
