/** `npm start`: the API server. */
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { ConfigError, readConfig } from "./config";
import { openDatabase } from "./db/client";
import { DatabaseUnavailableError } from "./db/errors";

async function main() {
  const config = readConfig();
  const database = await openDatabase(
    config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
  );
  const app = createApp({
    database,
    tokenTtlHours: config.TOKEN_TTL_HOURS,
    trustedProxies: config.TRUSTED_PROXIES,
    logRequests: config.LOG_REQUESTS,
  });
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
    const where = database.kind === "postgres" ? "PostgreSQL" : `PGlite in ${config.DATA_DIR}`;
    console.log(`cosell-lens API on http://${info.address}:${info.port} (${where}); reference at /reference`);
  });
  // Without a listener, a port in use or a HOST that does not resolve ended the process with a stack trace.
  server.once("error", (error: NodeJS.ErrnoException) => {
    const why =
      error.code === "EADDRINUSE"
        ? "the port is in use (by another server?): stop it or set PORT"
        : error.code === "ENOTFOUND" || error.code === "EADDRNOTAVAIL"
          ? "no such address on this machine: set HOST to one of its addresses, such as 127.0.0.1 or 0.0.0.0"
          : `${error.message}: check HOST and PORT`;
    console.error(`Cannot listen on ${config.HOST}:${config.PORT}: ${why}.`);
    void database.close().then(() => process.exit(1));
  });
  const stop = () => {
    server.close();
    void database.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  const expected = error instanceof ConfigError || error instanceof DatabaseUnavailableError;
  console.error(expected ? error.message : error);
  process.exit(1);
});
