import { createRoute } from "@hono/zod-openapi";
import { SignInRequest, SignInResponse } from "../../../src/contract/auth";
import { bearerSecurity, errorResponse } from "../../http/router";

export const signIn = createRoute({
  method: "post",
  path: "/v1/auth/sign-in",
  tags: ["Auth"],
  summary: "Sign in with email and password",
  request: { body: { required: true, content: { "application/json": { schema: SignInRequest } } } },
  responses: {
    200: { description: "A bearer token.", content: { "application/json": { schema: SignInResponse } } },
    400: errorResponse("Malformed input."),
    401: errorResponse("Wrong email or password."),
    429: errorResponse("Too many failed attempts; see Retry-After."),
  },
});

export const signOut = createRoute({
  method: "post",
  path: "/v1/auth/sign-out",
  tags: ["Auth"],
  summary: "Revoke the token used for this request",
  security: bearerSecurity,
  responses: { 204: { description: "Signed out." }, 401: errorResponse("Not signed in.") },
});
