import * as z from "zod";

/**
 * A user's extension settings, kept on the server so they follow the user to other browsers. In a
 * module of their own: the sidebar's messages need them, and not the rest of the sync contract.
 */
export const UserSettings = z
  .object({ sidebarCollapsed: z.boolean().default(false) })
  .meta({ id: "UserSettings" });
export type UserSettings = z.infer<typeof UserSettings>;
