import * as z from "zod";
import { Role } from "./auth";

/** A user of the caller's organisation, as admins and managers see them. */
export const OrgUser = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    name: z.string(),
    role: Role,
    team: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  })
  .meta({ id: "OrgUser" });
export type OrgUser = z.infer<typeof OrgUser>;

export const UserList = z.object({ users: z.array(OrgUser) }).meta({ id: "UserList" });
export type UserList = z.infer<typeof UserList>;
