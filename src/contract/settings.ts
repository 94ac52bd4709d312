import * as z from "zod";

/**
 * A user's extension settings, kept on the server so they follow the user to other browsers. In a
 * module of their own: the sidebar's messages need them, and not the rest of the sync contract.
 */
export const UserSettings = z
  .object({ sidebarCollapsed: z.boolean().default(false) })
  .meta({ id: "UserSettings" });
export type UserSettings = z.infer<typeof UserSettings>;

/**
 * The settings a PUT replaces them with: every setting named, so that a body that leaves one out, or
 * misspells it, is refused rather than putting it back to its default unseen.
 */
export const UserSettingsUpdate = z
  .object({ sidebarCollapsed: z.boolean() })
  .meta({ id: "UserSettingsUpdate" });
