/** Flow control and sessions: each receiver's Receive Maximum and each client's Session Expiry. */
import { Group, NumberInput } from "./controls.tsx";
import { setField } from "./edits.ts";
import { needsSubscriber, only5, type GroupProps } from "./types.ts";

const MAX_RECEIVE_MAXIMUM = 65_535;
const MAX_INTERVAL_S = 4_294_967_295;

export function FlowFields({ scenario, edit }: GroupProps) {
  const v311 = scenario.protocol === "3.1.1";
  const window = v311 ? " Under 3.1.1 it is the implementation's in-flight window, not on the wire." : "";
  const persistent = (client: "publisher" | "subscriber") =>
    scenario.session[client] === "persistent" ? undefined : `Needs a persistent ${client} session.`;
  return (
    <Group title="Flow control and sessions" testId="setup.flow">
      <NumberInput
        label="Broker Receive Maximum"
        hint={`At most this many unacknowledged QoS 1/2 PUBLISHes from the publisher; the rest wait (CONNACK).${window}`}
        testId="setup.receiveMaximum.broker"
        value={scenario.receiveMaximum?.broker}
        min={1}
        max={MAX_RECEIVE_MAXIMUM}
        placeholder="not set"
        onChange={(n) => edit((raw) => setField(raw, ["receiveMaximum", "broker"], n))}
      />
      <NumberInput
        label="Subscriber Receive Maximum"
        hint={`At most this many unacknowledged QoS 1/2 PUBLISHes from the broker to the subscriber (CONNECT).${window}`}
        testId="setup.receiveMaximum.subscriber"
        value={scenario.receiveMaximum?.subscriber}
        min={1}
        max={MAX_RECEIVE_MAXIMUM}
        placeholder="not set"
        disabledWhy={needsSubscriber(scenario)}
        onChange={(n) => edit((raw) => setField(raw, ["receiveMaximum", "subscriber"], n))}
      />
      <NumberInput
        label="Publisher session expiry (s)"
        hint="How long the broker keeps the publisher's session after it goes away (5.0 Session Expiry Interval; 3600 when not set)."
        testId="setup.sessionExpiry.publisher"
        value={scenario.sessionExpiryS?.publisher}
        min={0}
        max={MAX_INTERVAL_S}
        placeholder="3600"
        disabledWhy={only5(scenario) ?? persistent("publisher")}
        onChange={(n) => edit((raw) => setField(raw, ["sessionExpiryS", "publisher"], n))}
      />
      <NumberInput
        label="Subscriber session expiry (s)"
        hint="An offline subscriber's session, queue included, is dropped once it has been away this long."
        testId="setup.sessionExpiry.subscriber"
        value={scenario.sessionExpiryS?.subscriber}
        min={0}
        max={MAX_INTERVAL_S}
        placeholder="3600"
        disabledWhy={needsSubscriber(scenario) ?? only5(scenario) ?? persistent("subscriber")}
        onChange={(n) => edit((raw) => setField(raw, ["sessionExpiryS", "subscriber"], n))}
      />
    </Group>
  );
}
