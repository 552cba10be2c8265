/** The classic cases, as scenario JSON (shared/docs/scenario-format.md). Data only. */
export interface Preset {
  id: string;
  label: string;
  scenario: Record<string, unknown>;
}

const common = { protocol: "5.0", retransmit: "on-reconnect", session: "persistent" } as const;

export const PRESETS: readonly Preset[] = [
  {
    id: "qos0-publish-lost",
    label: "QoS 0: PUBLISH lost",
    scenario: { ...common, publishQos: 0, faults: [{ hop: "publisher-broker", packet: "PUBLISH" }] },
  },
  {
    id: "qos1-puback-lost",
    label: "QoS 1: PUBACK lost",
    scenario: { ...common, publishQos: 1, faults: [{ hop: "publisher-broker", packet: "PUBACK" }] },
  },
  {
    id: "qos2-pubrec-lost",
    label: "QoS 2: PUBREC lost",
    scenario: { ...common, publishQos: 2, faults: [{ hop: "publisher-broker", packet: "PUBREC" }] },
  },
  {
    id: "qos2-to-qos1-puback-lost",
    label: "QoS 2 → QoS 1 subscriber: 2nd-hop PUBACK lost",
    scenario: {
      ...common,
      publishQos: 2,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
    },
  },
];
