/**
 * A TCP proxy that the end-to-end server talks to PostgreSQL through, so that a test can take "the
 * database" down and bring it back without touching the real server: `setUp(false)` cuts every open
 * connection and refuses new ones; `setUp(true)` accepts again.
 */
import net from "node:net";

/** A running proxy. */
export interface TcpProxy {
  port: number;
  isUp(): boolean;
  setUp(isUp: boolean): void;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port forwarding to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let isUp = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!isUp) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target);
    sockets.add(client);
    sockets.add(upstream);
    const cleanup = (): void => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", cleanup).on("close", cleanup);
    upstream.on("error", cleanup).on("close", cleanup);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") {
    throw new Error("proxy has no port");
  }
  return {
    port: address.port,
    isUp: () => isUp,
    setUp(next: boolean) {
      isUp = next;
      if (!next) {
        for (const socket of sockets) {
          socket.destroy();
        }
        sockets.clear();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
