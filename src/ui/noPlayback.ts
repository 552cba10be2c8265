/**
 * Playback with nothing to move, for a presentation whose keys walk something else (a lesson's
 * steps: Home and End have nothing to move there) and for tests of such a view.
 */
import type { Playback } from "./usePlayback.ts";

export const NO_PLAYBACK: Playback = {
  time: 0,
  from: 0,
  to: 0,
  playing: false,
  speed: 1,
  atEnd: true,
  stepIndex: -1,
  steps: 0,
  instant: 0,
  instants: 0,
  inView: true,
  play() {},
  pause() {},
  toggle() {},
  next() {},
  previous() {},
  restart() {},
  toEnd() {},
  seek() {},
  setSpeed() {},
};
