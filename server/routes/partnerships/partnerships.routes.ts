import { createRoute } from "@hono/zod-openapi";
import {
  OverlapMatrix,
  PartnershipList,
  PartnershipParams,
  PartnershipSharing,
  SharingRule,
  SharingRuleInput,
} from "../../../src/contract/partnerships";
import { etagHeader, IfMatch } from "../../../src/contract/preconditions";
import { bearerSecurity, errorResponse } from "../../http/router";

const etag = etagHeader("both rules");

export const listPartnerships = createRoute({
  method: "get",
  path: "/v1/partnerships",
  tags: ["Partnerships"],
  summary: "Your partners, and what each side shares",
  security: bearerSecurity,
  responses: {
    200: {
      description: "Your partnerships, by partner name.",
      content: { "application/json": { schema: PartnershipList } },
    },
    401: errorResponse("Not signed in."),
  },
});

export const partnershipMatrix = createRoute({
  method: "get",
  path: "/v1/partnerships/{id}/matrix",
  tags: ["Partnerships"],
  summary: "Overlap counts for every pair of populations",
  description:
    "Your customers, open opportunities and prospects against the partner's. Counts are shared at every sharing level, but only for the partner's populations it shares: the others are null and listed in `hiddenPopulations`. Overlaps either side marked “not a match” are not counted.",
  security: bearerSecurity,
  request: { params: PartnershipParams },
  responses: {
    200: { description: "The matrix.", content: { "application/json": { schema: OverlapMatrix } } },
    400: errorResponse("Malformed id."),
    401: errorResponse("Not signed in."),
    404: errorResponse("Not one of your partnerships."),
  },
});

export const readSharing = createRoute({
  method: "get",
  path: "/v1/partnerships/{id}/sharing",
  tags: ["Partnerships"],
  summary: "What you share with a partner, and what it shares with you",
  security: bearerSecurity,
  request: { params: PartnershipParams },
  responses: {
    200: {
      description: "Both sharing rules.",
      headers: etag,
      content: { "application/json": { schema: PartnershipSharing } },
    },
    400: errorResponse("Malformed id."),
    401: errorResponse("Not signed in."),
    404: errorResponse("Not one of your partnerships."),
  },
});

export const writeSharing = createRoute({
  method: "put",
  path: "/v1/partnerships/{id}/sharing",
  tags: ["Partnerships"],
  summary: "Set what you share with a partner",
  description:
    "Admins only. Replaces your rule for this partner; the partner's users get the change in their next sync. Send the `ETag` of the rules you read as `If-Match`, so that a change another admin made meanwhile is not undone unseen.",
  security: bearerSecurity,
  request: {
    params: PartnershipParams,
    headers: IfMatch,
    body: { required: true, content: { "application/json": { schema: SharingRuleInput } } },
  },
  responses: {
    200: {
      description: "The rule now in force.",
      headers: etag,
      content: { "application/json": { schema: SharingRule } },
    },
    400: errorResponse("Malformed rule."),
    401: errorResponse("Not signed in."),
    403: errorResponse("Not an admin."),
    404: errorResponse("Not one of your partnerships."),
    412: errorResponse("`If-Match` does not match: the rules changed since you read them. Read them again."),
  },
});
