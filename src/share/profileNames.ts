/**
 * A profile's name on screen ("Mosquitto 2.0"): its record's label (src/protocol/profiles/), the
 * same text in the picker, compare's headings, the explorer and the matrix. Apart from the link
 * text (profileText.ts) because it needs the records, which the page's first diagram does without.
 */
import { profileById } from "../protocol/profiles/index.ts";
import type { BrokerProfileId, ClientProfileId } from "./profileText.ts";

export function profileName(id: BrokerProfileId | ClientProfileId): string {
  return profileById(id)?.label ?? id;
}
