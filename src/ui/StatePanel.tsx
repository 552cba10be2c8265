/** What each party holds at the current moment, per hop, with its connection and session. */
import { memo } from "react";
import type { PartyHoldings } from "../explain/holdings.ts";

const PARTY: Record<string, string> = { publisher: "Publisher", broker: "Broker", subscriber: "Subscriber" };

export const StatePanel = memo(function StatePanel({ holdings }: { holdings: PartyHoldings[] }) {
  return (
    <section className="state-panel" aria-labelledby="state-heading" data-testid="state-panel">
      <h2 id="state-heading">State now</h2>
      <ul>
        {holdings.map((h) => (
          <li key={`${h.hop}-${h.role}`} className={`state-party link-${h.link.state}`}>
            <div className="state-title">
              <strong>{PARTY[h.party]}</strong>{" "}
              <span className="state-role">
                {h.role === "sender" ? "sends" : "receives"} on {h.hop}
              </span>
            </div>
            <div className="state-link">{h.link.text}</div>
            <ul className="state-lines">
              {h.holdings.length === 0
                ? h.lines.map((line) => (
                    <li key={line} className="state-empty">
                      {line}
                    </li>
                  ))
                : h.holdings.map((item) => (
                    <li key={`${item.message}-${item.packetId ?? 0}`}>
                      {item.text} <code>{item.state}</code>
                    </li>
                  ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
});
