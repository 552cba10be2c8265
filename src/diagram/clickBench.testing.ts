/**
 * The click benchmark's scenario (scripts/bench-ui.ts, there with longer payloads): QoS 2 over two
 * hops, four messages, eight faults, a reconnection after every loss: 60 packets. Tests of what a
 * click on it moves share it.
 */
export const CLICK_BENCH_SCENARIO = {
  protocol: "5.0",
  retransmit: "on-reconnect",
  session: "persistent",
  publishQos: 2,
  subscriber: { qos: 2 },
  messages: [101, 102, 103, 104].map((n) => ({ topic: "plant/line1/batch", payload: `Batch #${n}` })),
  faults: [
    { hop: "publisher-broker", packet: "PUBREC", message: 1 },
    { hop: "broker-subscriber", packet: "PUBCOMP", message: 2 },
    { hop: "publisher-broker", packet: "PUBREL", message: 3 },
    { hop: "broker-subscriber", packet: "PUBLISH", message: 4 },
    { hop: "publisher-broker", packet: "PUBLISH", message: 2 },
    { hop: "broker-subscriber", packet: "PUBREC", message: 3 },
    { hop: "publisher-broker", packet: "PUBCOMP", message: 4 },
    { hop: "broker-subscriber", packet: "PUBREL", message: 1 },
  ],
} as const;
