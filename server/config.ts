/**
 * The server's configuration, read from the environment once at start-up and validated.
 * Nothing else in the server reads process.env.
 */
import * as z from "zod";

const TTL_RANGE = "must be a number of hours, from 1 to 2160 (90 days)";

const Config = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  // Not z.coerce: it reads an empty PORT as 0, and the server then listened on a random port.
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a port number, 0 to 65535")
    .transform(Number)
    .pipe(z.number().max(65535, "must be a port number, 0 to 65535"))
    .default(8787),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    // The driver throws a bare "Invalid URL" TypeError on one it cannot parse (a port that is not a number).
    .refine(
      (url) => URL.canParse(url),
      "is not a valid URL: check the host, port and any special characters in the password (percent-encode them)",
    )
    .optional(),
  // At least an hour: the extension syncs every 5 minutes, and a session that has expired erases its
  // offline copy, so a lifetime of seconds (0.0001 was accepted) signed every user out at once.
  TOKEN_TTL_HOURS: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, TTL_RANGE)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, TTL_RANGE)
        .max(24 * 90, TTL_RANGE),
    )
    .default(24 * 14),
  // How many reverse proxies in front of the server append to X-Forwarded-For. The sign-in limit
  // per client IP needs the client's address; behind a proxy the socket only shows the proxy's.
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  LOG_REQUESTS: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
});
export type Config = z.infer<typeof Config>;

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Config.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
  throw new ConfigError(`Invalid configuration:\n${problems}`);
}
