/** The embedded default broker: Aedes in this process, on a free loopback port. */
import net from "node:net";
import { Aedes } from "aedes";
import { LOOPBACK, type BrokerHandle } from "./broker.ts";

export async function startAedes(): Promise<BrokerHandle> {
  const aedes = await Aedes.createBroker();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    aedes.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, resolve); // loopback only
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    name: "aedes",
    host: LOOPBACK,
    port,
    url: `mqtt://${LOOPBACK}:${port}`,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}
