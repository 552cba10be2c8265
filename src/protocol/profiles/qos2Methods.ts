/**
 * The QoS 2 method each profile turns (`qos2Delivery` in its record), apart from the records: what
 * a link, an embed or an element's code leaves out because the profile implies it
 * (share/profileText.ts `impliedMethod`), and the page writes a link before it has the records.
 * qos2Methods.test.ts checks it against every record. Pure data.
 */
import type { Qos2Delivery } from "../types.ts";

/** Every profile id whose record sets `qos2Delivery`, with that method; the rest set none. */
export const PROFILE_QOS2_METHODS: Readonly<Record<string, Qos2Delivery>> = {
  "mosquitto-2.0": "on-pubrel",
  "emqx-5": "on-publish",
  "hivemq-ce": "on-publish",
  vernemq: "on-publish",
  "aedes-1": "on-publish",
  "mqttjs-5": "on-pubrel",
  "paho-go-1": "on-publish",
  "paho-python-2": "on-pubrel",
};
