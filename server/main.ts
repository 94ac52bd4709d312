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
