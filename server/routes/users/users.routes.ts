import { createRoute } from "@hono/zod-openapi";
import { UserSettings, UserSettingsUpdate } from "../../../src/contract/settings";
import { UserList } from "../../../src/contract/users";
import { bearerSecurity, errorResponse } from "../../http/router";

const errors = {
  401: errorResponse("Not signed in."),
} as const;

export const listUsers = createRoute({
  method: "get",
  path: "/v1/users",
  tags: ["Users"],
  summary: "The users you look after",
  description:
    "Admins see every user of their organisation; managers see the users of their own team (none if they have no team). Other roles get 403.",
  security: bearerSecurity,
  responses: {
    200: { description: "The users, by name.", content: { "application/json": { schema: UserList } } },
    ...errors,
    403: errorResponse("Not an admin or manager."),
  },
});

export const readMySettings = createRoute({
  method: "get",
  path: "/v1/me/settings",
  tags: ["Users"],
  summary: "Your settings",
  security: bearerSecurity,
  responses: {
    200: { description: "Your settings.", content: { "application/json": { schema: UserSettings } } },
    ...errors,
  },
});

export const writeMySettings = createRoute({
  method: "put",
  path: "/v1/me/settings",
  tags: ["Users"],
  summary: "Replace your settings",
  description: "Your other browsers receive the new settings through the sync feed.",
  security: bearerSecurity,
  request: { body: { required: true, content: { "application/json": { schema: UserSettingsUpdate } } } },
  responses: {
    200: {
      description: "The settings now stored.",
      content: { "application/json": { schema: UserSettings } },
    },
    400: errorResponse("Malformed settings."),
    ...errors,
  },
});
