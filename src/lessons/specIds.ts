/**
 * The statement ids of the MQTT specification that shared/docs/mqtt-reference.md cites: the ids a
 * lesson's explain step may name. A copy, so that the repository checks lessons on its own (CI has
 * no ../shared); specIds.test.ts compares it with the reference when the reference is beside it.
 */
export const SPEC_IDS: ReadonlyMap<string, string> = new Map([
  ["MQTT-3.2.2-5", "5.0: a client with state that gets Session Present 0 discards its state"],
  ["MQTT-3.3.1-1", "a resent PUBLISH has DUP=1"],
  ["MQTT-3.8.4-6", "3.1.1: the broker forwards at the lower of the PUBLISH's and the granted QoS"],
  ["MQTT-3.8.4-8", "5.0: the broker forwards at the lower of the PUBLISH's and the granted QoS"],
  ["MQTT-4.3.2-5", "5.0: a QoS 1 receiver treats a PUBLISH as new whatever its DUP flag"],
  ["MQTT-4.3.3-6", "5.0: the QoS 2 sender, once it has sent PUBREL, does not resend the PUBLISH"],
  [
    "MQTT-4.3.3-10",
    "5.0: a QoS 2 receiver answers a PUBLISH with a stored id with PUBREC, never delivers it twice",
  ],
  ["MQTT-4.3.3-11", "a QoS 2 receiver answers every PUBREL with PUBCOMP, even for an unknown id"],
  ["MQTT-4.4.0-1", "5.0: clients and servers resend only on reconnect, never at any other time"],
  ["MQTT-4.4.0-2", "5.0: a refusal reason code ends the flow: no PUBREL, never resent"],
  ["MQTT-4.6.0-1", "resent PUBLISH packets keep their original order"],
]);
