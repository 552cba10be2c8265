/**
 * Room mode, for a predict step in presentation: the trainer enters the room's show of hands per
 * choice (big + and − buttons, or typed), then Reveal shows the computed answer and the tally as
 * bars with percentages. The counts are the trainer's; the answer is the simulator's.
 */
import { useId } from "react";
import { countHands, setHands, tallyRows, type Tally } from "./roomTally.ts";

export interface RoomModeProps {
  choices: readonly { id: string; label: string }[];
  /** The computed right answer (choice ids). */
  answer: readonly string[];
  /** The hands per choice (roomTally.ts), kept by the step so a clicker can reveal them too. */
  tally: Tally;
  onTally(update: (tally: Tally) => Tally): void;
  revealed: boolean;
  onReveal(): void;
}

export function RoomMode({ choices, answer, tally, onTally: setTally, revealed, onReveal }: RoomModeProps) {
  const order = choices.map((c) => c.id);
  const headingId = useId();
  const rows = tallyRows(tally, order);
  const total = rows.reduce((sum, row) => sum + row.hands, 0);
  return (
    <section className="room" aria-labelledby={headingId} data-testid="room">
      <h3 id={headingId} className="room-heading">
        The room&rsquo;s show of hands
      </h3>
      <ul className="room-rows">
        {choices.map((choice, i) => {
          const row = rows[i];
          const right = answer.includes(choice.id);
          return (
            <li
              key={choice.id}
              className={`room-row${revealed ? (right ? " is-right" : " is-wrong") : ""}`}
              data-testid={`room.${choice.id}`}
            >
              <span className="room-label">
                {choice.label}
                {revealed && right && <strong className="room-mark"> ✓ right</strong>}
              </span>
              {revealed ? (
                <span className="room-bar-box">
                  <span className="room-bar" style={{ inlineSize: `${row?.percent ?? 0}%` }} />
                  <span className="room-figure" data-testid={`room.${choice.id}.share`}>
                    {row?.hands ?? 0} ({row?.percent ?? 0} %)
                  </span>
                </span>
              ) : (
                <span className="room-count">
                  <button
                    type="button"
                    aria-label={`One hand less for ${choice.label}`}
                    onClick={() => setTally((t) => countHands(t, choice.id, -1))}
                    data-testid={`room.${choice.id}.minus`}
                  >
                    −
                  </button>
                  <input
                    type="text"
                    inputMode="numeric"
                    aria-label={`Hands for ${choice.label}`}
                    value={String(tally[choice.id] ?? 0)}
                    onChange={(e) => setTally((t) => setHands(t, choice.id, e.target.value || "0"))}
                    data-testid={`room.${choice.id}.hands`}
                  />
                  <button
                    type="button"
                    aria-label={`One hand more for ${choice.label}`}
                    onClick={() => setTally((t) => countHands(t, choice.id, 1))}
                    data-testid={`room.${choice.id}.plus`}
                  >
                    +
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {revealed ? (
        <p className="room-total" role="status" data-testid="room.total">
          {total} hand{total === 1 ? "" : "s"} in all.
        </p>
      ) : (
        <button type="button" className="primary" onClick={onReveal} data-testid="room.reveal">
          Reveal
        </button>
      )}
    </section>
  );
}
