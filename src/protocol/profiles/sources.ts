/** Source addresses shared by several profiles. */

/** The MQTT 5.0 OASIS standard. */
export const MQTT5 = "https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html";
/** The MQTT 3.1.1 OASIS standard. */
export const MQTT311 = "https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html";
