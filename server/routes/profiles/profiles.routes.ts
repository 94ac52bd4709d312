import { createRoute } from "@hono/zod-openapi";
import { etagHeader, IfMatch } from "../../../src/contract/preconditions";
import { OrgProfile, PartnerOrgParams, ProfileInput } from "../../../src/contract/profiles";
import { bearerSecurity, errorResponse } from "../../http/router";

const profile = (description: string) => ({
  description,
  content: { "application/json": { schema: OrgProfile } },
});
const etag = etagHeader("the profile");

export const readOwnProfile = createRoute({
  method: "get",
  path: "/v1/profile",
  tags: ["Profiles"],
  summary: "Your organisation's profile",
  description: "What your organisation offers its partners, as they see it.",
  security: bearerSecurity,
  responses: { 200: { ...profile("Your profile."), headers: etag }, 401: errorResponse("Not signed in.") },
});

export const writeOwnProfile = createRoute({
  method: "put",
  path: "/v1/profile",
  tags: ["Profiles"],
  summary: "Describe your organisation to its partners",
  description:
    "Replaces the profile: solution areas, offerings, programme track and co-sell opt-in. Admins only; recorded in the audit log. Send the `ETag` of the profile you read as `If-Match`, so that a change another admin made meanwhile is not undone unseen.",
  security: bearerSecurity,
  request: {
    headers: IfMatch,
    body: { required: true, content: { "application/json": { schema: ProfileInput } } },
  },
  responses: {
    200: { ...profile("The profile as saved."), headers: etag },
    400: errorResponse("Invalid profile, naming each offending field."),
    401: errorResponse("Not signed in."),
    403: errorResponse("Only admins can change the profile."),
    412: errorResponse("`If-Match` does not match: the profile changed since you read it. Read it again."),
  },
});

export const readPartnerProfile = createRoute({
  method: "get",
  path: "/v1/partners/{orgId}/profile",
  tags: ["Profiles"],
  summary: "A partner's profile",
  description:
    "What one of your partners offers. A partner that hasn't described itself has the default profile.",
  security: bearerSecurity,
  request: { params: PartnerOrgParams },
  responses: {
    200: profile("The partner's profile."),
    400: errorResponse("Malformed organisation id."),
    401: errorResponse("Not signed in."),
    404: errorResponse("No partner with this id."),
  },
});
