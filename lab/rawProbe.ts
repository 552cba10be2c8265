/**
 * A few packets straight to a broker, outside any scenario, for what the own clients never send
 * (a PUBREL for an id with no flow): writes each packet, collects every packet the broker answers
 * until it has been quiet for `quietMs`, then disconnects. For findings and their tests.
 */
import net from "node:net";
import mqtt, { type Packet } from "mqtt-packet";

export async function exchange(
  target: { host: string; port: number },
  version: 4 | 5,
  packets: Packet[],
  quietMs = 300,
): Promise<Packet[]> {
  const socket = net.connect(target);
  const parser = mqtt.parser({ protocolVersion: version });
  const got: Packet[] = [];
  let last = Date.now();
  parser.on("packet", (p: Packet) => {
    got.push(p);
    last = Date.now();
  });
  socket.on("data", (chunk: Buffer) => parser.parse(chunk));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  for (const p of packets) socket.write(mqtt.generate(p, { protocolVersion: version }));
  while (Date.now() - last < quietMs) await new Promise((r) => setTimeout(r, 50));
  socket.destroy();
  return got;
}
