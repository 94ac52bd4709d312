import { createRoute } from "@hono/zod-openapi";
import { ErrorBody } from "../../../src/contract/errors";
import { UserSettings, UserSettingsUpdate } from "../../../src/contract/settings";
import { UserList } from "../../../src/contract/users";
import { bearerSecurity } from "../../http/router";

const errors = {
  401: { description: "Not signed in.", content: { "application/json": { schema: ErrorBody } } },
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
    403: { description: "Not an admin or manager.", content: { "application/json": { schema: ErrorBody } } },
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
    400: { description: "Malformed settings.", content: { "application/json": { schema: ErrorBody } } },
    ...errors,
  },
});
