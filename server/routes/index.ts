/**
 * The routers for signed-in callers. Each resource is one folder under server/routes; add its
 * router here. Every path under /v1 except sign-in requires a valid token (see server/app.ts).
 * Each gets the app's shared services.
 */
import type { ScoringBasisCache } from "../scoring/basis-cache";
import { auditRoutes } from "./audit/audit.index";
import { importsRoutes } from "./imports/imports.index";
import { meRoutes } from "./me/me.index";
import { notAMatchFlagsRoutes } from "./not-a-match-flags/not-a-match-flags.index";
import { partnersRoutes } from "./partners/partners.index";
import { profilesRoutes } from "./profiles/profiles.index";
import { solutionMapRoutes } from "./solution-map/solution-map.index";
import { syncRoutes } from "./sync/sync.index";
import { usersRoutes } from "./users/users.index";

export interface RouteServices {
  /** One for the app, so the lookup and the sync feed score from the same basis and counts. */
  scoringBasis: ScoringBasisCache;
}

export const signedInRouters = [
  meRoutes,
  partnersRoutes,
  syncRoutes,
  auditRoutes,
  usersRoutes,
  profilesRoutes,
  solutionMapRoutes,
  importsRoutes,
  notAMatchFlagsRoutes,
];
