/**
 * Play / pause, step, restart, speed and a scrubber over the trace (or its locked range of
 * steps). Presentation only: everything it shows and does is the playback's.
 */
import { useId } from "react";
import { SPEEDS, type Playback } from "./usePlayback.ts";

export interface PlaybackBarProps {
  playback: Playback;
  /** What one instant is called: "Step" (default); a lesson, whose own parts are steps, says "Moment". */
  unit?: string | undefined;
}

export function PlaybackBar({ playback, unit = "Step" }: PlaybackBarProps) {
  const scrubId = useId();
  const speedId = useId();
  const { time, playing, from, to } = playback;
  // Counts instants, as Next and Back move: the steps of one instant are told together.
  const { instant, instants } = playback;
  return (
    <div className="playback" role="group" aria-label="Playback" data-testid="playback">
      <button type="button" onClick={playback.restart} title="Restart (Home)" data-testid="playback.restart">
        <Icon d="M3 2h2v12H3zM14 2v12L6 8z" /> Restart
      </button>
      <button
        type="button"
        onClick={playback.previous}
        title="Previous step (← or Page Up)"
        data-testid="playback.previous"
      >
        <Icon d="M13 2v12L4 8z" /> Back
      </button>
      <button
        type="button"
        className="primary"
        onClick={playback.toggle}
        title="Play or pause (Space)"
        aria-pressed={playing}
        data-testid="playback.play"
      >
        {playing ? (
          <>
            <Icon d="M4 2h3v12H4zM9 2h3v12H9z" /> Pause
          </>
        ) : (
          <>
            <Icon d="M4 2v12l9-6z" /> Play
          </>
        )}
      </button>
      <button
        type="button"
        onClick={playback.next}
        title="Next step (→ or Page Down)"
        data-testid="playback.next"
      >
        Next <Icon d="M3 2v12l9-6z" />
      </button>
      <label className="visually-hidden" htmlFor={scrubId}>
        Position in the trace
      </label>
      <input
        id={scrubId}
        className="scrubber"
        type="range"
        min={from}
        max={to}
        step="any"
        value={time}
        aria-valuetext={`${Math.round(time)} ms of ${Math.round(to)} ms, ${unit.toLowerCase()} ${instant} of ${instants}`}
        onChange={(e) => playback.seek(Number(e.target.value))}
        data-testid="playback.scrubber"
      />
      <span className="playback-time" aria-hidden="true">
        <span className="playback-step" data-testid="playback.step">
          {unit} {instant} of {instants}
        </span>
        <span>
          {Math.round(time)} / {Math.round(to)} ms
        </span>
      </span>
      {/* Label and select wrap together on a narrow bar. */}
      <span className="playback-speed">
        <label htmlFor={speedId}>Speed</label>
        <select
          id={speedId}
          value={playback.speed}
          onChange={(e) => playback.setSpeed(Number(e.target.value))}
          data-testid="playback.speed"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}

/** A 16×16 glyph drawn as a path: no icon font, so it renders the same on every machine. */
function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}
