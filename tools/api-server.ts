/** Runs the API in this process on a loopback port, for end-to-end tests and the demo. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../server/app";
import type { Database } from "../server/db/client";

export interface RunningApi {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startApi(
  database: Database,
  options: { port?: number; host?: string } = {},
): Promise<RunningApi> {
  const app = createApp({ database, tokenTtlHours: 24 });
  const host = options.host ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }, () =>
      resolve(started),
    );
    started.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    stop: () =>
      new Promise((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
