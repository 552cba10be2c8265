/**
 * "More: real-world conditions": the set-up's controls for issue 14, folded away so that the common
 * case stays as simple as before. Each control writes the scenario object (the page's one state)
 * and reads it back; a control set back to its default leaves its field out.
 */
import { useStoredFlag } from "../useStoredFlag.ts";
import { BrokerFields } from "./BrokerFields.tsx";
import { FlowFields } from "./FlowFields.tsx";
import { MessageFields } from "./MessageFields.tsx";
import { ProfileFields } from "./ProfileFields.tsx";
import { SubscriberFields } from "./SubscriberFields.tsx";
import type { GroupProps } from "./types.ts";
import { WillFields } from "./WillFields.tsx";
import "./setup.css";

/** The top-level fields these controls write: whether any is set shows in the summary. */
const FIELDS = [
  "profiles",
  "receiveMaximum",
  "refusals",
  "sessionExpiryS",
  "broker",
  "will",
  "publisherEnd",
] as const;

function countSet({ scenario }: Pick<GroupProps, "scenario">): number {
  const top = FIELDS.filter((f) => scenario[f] !== undefined).length;
  const sub = scenario.subscriber;
  const subscriber = sub ? [sub.offline, sub.joinAtMs, sub.retainAsPublished, sub.retainHandling] : [];
  const messages = scenario.messages.some(
    (m) => m.qos !== undefined || m.atMs !== undefined || m.expiryS !== undefined,
  );
  return top + subscriber.filter((v) => v !== undefined).length + (messages ? 1 : 0);
}

export function MoreConditions(props: GroupProps) {
  const [open, setOpen] = useStoredFlag("mqtt-qos-lab.more-open", () => false);
  const set = countSet(props);
  return (
    <details className="setup-more" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary data-testid="setup.more">
        More: real-world conditions{" "}
        <span className="muted">
          {set === 0
            ? "(implementations, several messages, queues, retained, will, restarts)"
            : `(${set} set)`}
        </span>
      </summary>
      {open && (
        <div className="setup-more-body">
          <ProfileFields {...props} />
          <MessageFields {...props} />
          <FlowFields {...props} />
          <SubscriberFields {...props} />
          <BrokerFields {...props} />
          <WillFields {...props} />
        </div>
      )}
    </details>
  );
}
