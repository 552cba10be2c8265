/**
 * How Continue, Back and a clicker walk a lesson: the step on screen takes a move first (the next
 * narration beat, playing to a question, revealing the room's answer) and says whether it did;
 * when it did not, the runner goes to the next or previous step.
 */
export interface StepWalk {
  /** A move forward within the step; false when the step has none left. */
  forward(): boolean;
  /** A move back within the step; false when it is at its start. */
  back(): boolean;
}
