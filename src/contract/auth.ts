import * as z from "zod";

export const Role = z.enum(["rep", "partner_rep", "manager", "admin"]).meta({ id: "Role" });
export type Role = z.infer<typeof Role>;

export const SignInRequest = z
  .object({
    email: z.string().trim().toLowerCase().email().max(320),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: "SignInRequest" });
export type SignInRequest = z.infer<typeof SignInRequest>;

export const SignInResponse = z
  .object({
    token: z.string().meta({ description: "Send as `Authorization: Bearer <token>`." }),
    expiresAt: z.string().datetime({ offset: true }),
  })
  .meta({ id: "SignInResponse" });
export type SignInResponse = z.infer<typeof SignInResponse>;

export const Me = z
  .object({
    user: z.object({ id: z.string().uuid(), email: z.string(), name: z.string() }),
    organisation: z.object({ id: z.string().uuid(), slug: z.string(), name: z.string() }),
    role: Role,
    team: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof Me>;
