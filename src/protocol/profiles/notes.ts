/**
 * Every profile's notes (facts no knob holds, with their sources), by profile id. Documentation:
 * nothing the page or the engine runs reads them, so they stay out of the records (index.ts) and
 * of every script the page loads. Pure data.
 */
import { azureIotHub, azureIotHubNotes } from "./azureIotHub.ts";
import { emqx, emqxNotes } from "./emqx.ts";
import { hivemq, hivemqNotes } from "./hivemq.ts";
import { mosquitto, mosquittoNotes } from "./mosquitto.ts";
import { mqttjs, mqttjsNotes } from "./mqttjs.ts";
import { pahoGo, pahoGoNotes } from "./pahoGo.ts";
import type { ProfileNote } from "./profile.ts";
import { rabbitmq, rabbitmqNotes } from "./rabbitmq.ts";
import { spec, specNotes } from "./spec.ts";

/** The notes of each profile that has any, by profile id. */
export const PROFILE_NOTES: ReadonlyMap<string, readonly ProfileNote[]> = new Map([
  [spec.id, specNotes],
  [mosquitto.id, mosquittoNotes],
  [emqx.id, emqxNotes],
  [hivemq.id, hivemqNotes],
  [rabbitmq.id, rabbitmqNotes],
  [azureIotHub.id, azureIotHubNotes],
  [mqttjs.id, mqttjsNotes],
  [pahoGo.id, pahoGoNotes],
]);
