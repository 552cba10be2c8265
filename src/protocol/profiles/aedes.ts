import { defineProfile } from "./profile.ts";

const CONNECT = "https://github.com/moscajs/aedes/blob/main/lib/handlers/connect.js";
const PUBLISH = "https://github.com/moscajs/aedes/blob/main/lib/handlers/publish.js";
const CLIENT = "https://github.com/moscajs/aedes/blob/main/lib/client.js";
const PERSISTENCE = "https://github.com/moscajs/aedes-persistence/blob/main/asyncPersistence.js";
const LAB = "https://github.com/mqtt-qos-lab/mqtt-qos-lab/blob/main/lab/profiles.test.ts";

/** Aedes 1.x, the embeddable Node.js broker. */
export const aedes = defineProfile({
  id: "aedes-1",
  name: "Aedes 1",
  label: "Aedes 1.x",
  versions: "1.x",
  roles: ["broker"],
  behaviour: {
    qos2Delivery: "on-publish",
    dupOnResend: false,
    protocols: ["3.1.1"],
    unsupportedProtocol: "refuse",
    sessionPresentNeedsSubscriptions: true,
    storedCopiesAtPublishedQos: true,
  },
  sources: {
    // Stores the incoming QoS 2 packet and publishes it on arrival; PUBREL only clears the id.
    qos2Delivery: [PUBLISH],
    // Resends from its outgoing store without setting DUP.
    dupOnResend: ["https://github.com/moscajs/aedes/issues/601"],
    // MQTT 3.1 and 3.1.1 only in 1.x: protocol level 5 gets CONNACK "unacceptable protocol version".
    protocols: ["https://github.com/moscajs/aedes/issues/194", "https://github.com/moscajs/aedes/pull/1088"],
    unsupportedProtocol: [CONNECT],
    // restoreSubs: sessionPresent = !!subs, so a client without subscriptions always gets 0.
    sessionPresentNeedsSubscriptions: [CONNECT, "https://github.com/moscajs/mosca/issues/376"],
    // client.js deliverQoS downgrades the live copy to the subscription's QoS; the copy
    // outgoingEnqueueCombi stored keeps the published QoS (outgoingUpdate only sets its id), and
    // connect.js emptyQueue writes it as stored after a reconnect. Seen on loopback with Aedes 1.2
    // in lab/profiles.test.ts (downgrade-qos2-to-qos1: resent at QoS 2, PUBREC, PUBREL, PUBCOMP).
    storedCopiesAtPublishedQos: [CLIENT, CONNECT, PERSISTENCE, LAB],
  },
});
