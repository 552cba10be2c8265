import type { Fault, Trace } from "../sim/types.ts";

function times(n: number): string {
  return n === 1 ? "once" : `${n} times`;
}

function faultText(fault: Fault): string {
  return `${fault.packet} on ${fault.hop}, message ${fault.message}, attempt ${fault.attempt}`;
}

/** The outcome per message, as the trace states it. Lives in a role="status" region. */
export function OutcomeSummary({ trace }: { trace: Trace }) {
  const { outcome, unusedFaults } = trace;
  return (
    <div className="outcome" role="status" data-testid="outcome.status">
      <ul className="verdicts">
        {outcome.messages.map((m) => (
          <li
            key={m.message}
            data-testid="outcome.message"
            data-verdict={m.verdict}
            data-deliveries={m.deliveries}
          >
            <span className={`verdict verdict-${m.verdict}`}>{m.verdict}</span>{" "}
            <span>
              Message {m.message}: delivered{" "}
              <strong data-testid="outcome.deliveries">{times(m.deliveries)}</strong>, processed{" "}
              <strong>{times(m.processed)}</strong>
            </span>
          </li>
        ))}
      </ul>
      <p className="totals">
        {outcome.packets} packets, {outcome.bytes} bytes, {outcome.durationMs} ms simulated.
      </p>
      {unusedFaults.length > 0 ? (
        <p className="unused">
          Faults that matched no transmission: {unusedFaults.map(faultText).join("; ")}.
        </p>
      ) : null}
    </div>
  );
}
