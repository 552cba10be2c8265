/**
 * Hold mode: a lost packet is not forwarded and its connection is NOT reset, like a half-open
 * connection. TCP delivers a stream in order (spec §4.2), so everything sent behind the held packet
 * in its direction waits with it, PINGREQ and PINGRESP included, while the other direction keeps
 * flowing. Whoever notices first closes the connection: the broker when nothing reached it for 1.5
 * times the Keep Alive ([MQTT-3.1.2-24]), or the client when its PINGREQ gets no PINGRESP. Then
 * what was held is discarded (it belonged to the dead connection) and the client reconnects.
 */

/** The packet one connection holds. */
export class Hold {
  /** Index in the run's events of the held packet (the `connection-lost` is `causedBy` it). */
  readonly event: number;
  /** Direction of the held packet: client to broker (true), or broker to client. */
  readonly fromClient: boolean;

  constructor(event: number, fromClient: boolean) {
    this.event = event;
    this.fromClient = fromClient;
  }

  /** A packet from this side waits behind the held one (TCP keeps order), and is lost with it. */
  stalls(fromClient: boolean): boolean {
    return fromClient === this.fromClient;
  }
}
