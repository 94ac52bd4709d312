import { createRoute } from "@hono/zod-openapi";
import {
  NotAMatchRequest,
  Overlap,
  OverlapCorrection,
  OverlapList,
  OverlapListQuery,
  OverlapParams,
} from "../../../src/contract/overlaps";
import { bearerSecurity, errorResponse } from "../../http/router";

export const listOverlaps = createRoute({
  method: "get",
  path: "/v1/overlaps",
  tags: ["Overlaps"],
  summary: "Your accounts that partners also have",
  description:
    "Only partners that share overlaps (not just counts) appear, only in the populations they share, and only with the fields they share. Overlaps either side marked “not a match” are left out. Each match explains itself in one sentence.",
  security: bearerSecurity,
  request: { query: OverlapListQuery },
  responses: {
    200: { description: "One page of overlaps.", content: { "application/json": { schema: OverlapList } } },
    400: errorResponse("Malformed query."),
    401: errorResponse("Not signed in."),
    404: errorResponse("`partnershipId` is not one of your partnerships."),
  },
});

export const readOverlap = createRoute({
  method: "get",
  path: "/v1/overlaps/{overlapId}",
  tags: ["Overlaps"],
  summary: "One overlap, with how it was matched",
  security: bearerSecurity,
  request: { params: OverlapParams },
  responses: {
    200: { description: "The overlap.", content: { "application/json": { schema: Overlap } } },
    400: errorResponse("Malformed id."),
    401: errorResponse("Not signed in."),
    404: errorResponse("No overlap with this id that you may see."),
  },
});

export const markNotAMatch = createRoute({
  method: "post",
  path: "/v1/overlaps/{overlapId}/not-a-match",
  tags: ["Overlaps"],
  summary: "Say an overlap is not the same company",
  description:
    "Any signed-in user who sees the overlap may flag it. It disappears for both organisations, and stays hidden through re-imports and re-matching (the flag is kept by CRM ids). Flagging it again returns the existing flag.",
  security: bearerSecurity,
  request: {
    params: OverlapParams,
    body: { required: false, content: { "application/json": { schema: NotAMatchRequest } } },
  },
  responses: {
    201: { description: "Flagged.", content: { "application/json": { schema: OverlapCorrection } } },
    200: {
      description: "Already flagged, by you or by the partner.",
      content: { "application/json": { schema: OverlapCorrection } },
    },
    400: errorResponse("Malformed id or reason."),
    401: errorResponse("Not signed in."),
    404: errorResponse("No overlap with this id that you may see."),
  },
});

export const undoNotAMatch = createRoute({
  method: "delete",
  path: "/v1/overlaps/{overlapId}/not-a-match",
  tags: ["Overlaps"],
  summary: "Take back your organisation's “not a match”",
  description:
    "Admins only. The overlap shows again, unless the partner flagged it too (their flag is theirs to take back). While the partner does not share the overlap, the flag stays and the answer is 404, as for an account the partner no longer has.",
  security: bearerSecurity,
  request: { params: OverlapParams },
  responses: {
    204: { description: "Your flag is gone." },
    400: errorResponse("Malformed id."),
    401: errorResponse("Not signed in."),
    403: errorResponse("Not an admin."),
    404: errorResponse("Your organisation has no such flag on an overlap the partner shares."),
  },
});
