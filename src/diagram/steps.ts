/**
 * The playback steps, for the diagram's callers: they are computed in `sim/steps.ts`, below the
 * diagram and the explanations, which both read them.
 */
export { stepsOf, type Step } from "../sim/steps.ts";
