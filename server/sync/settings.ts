/** A user's own settings, stored as JSON in `user_settings` and synced to each of their browsers. */
import { sql } from "drizzle-orm";
import { UserSettings } from "../../src/contract/settings";
import { rows, type Tx } from "../db/client";
import type { TenantScope } from "../db/tenant";

/** The caller's settings, with defaults for anything never set (or stored by an older version). */
export async function readUserSettings(tx: Tx, userId: string): Promise<UserSettings> {
  const [row] = await rows<{ settings: unknown }>(
    tx,
    sql`select settings from user_settings where user_id = ${userId}`,
  );
  return parseSettings(row?.settings);
}

/**
 * Replaces the caller's settings. An unchanged value is not written, so it does not wake every
 * browser of the user through the sync feed (the table's trigger records each write).
 */
export async function writeUserSettings(
  tx: Tx,
  scope: TenantScope,
  settings: UserSettings,
): Promise<UserSettings> {
  await tx.execute(
    sql`insert into user_settings (user_id, org_id, settings) values (${scope.userId}, ${scope.orgId}, ${JSON.stringify(settings)}::jsonb)
        on conflict (user_id) do update set settings = excluded.settings, updated_at = now()
        where user_settings.settings is distinct from excluded.settings`,
  );
  return settings;
}

function parseSettings(stored: unknown): UserSettings {
  const parsed = UserSettings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : UserSettings.parse({});
}
