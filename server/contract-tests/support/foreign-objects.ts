/**
 * For each kind of path parameter, an object of the foreign tenant to ask for. Keys are the
 * collection segment and the parameter as they appear in the path: `/v1/partnerships/{id}/matrix`
 * needs "partnerships/{id}". A route whose parameter has no entry here fails the isolation tests
 * until one is added (seed the object in tenant-world.ts if the world lacks one).
 */
import type { Operation } from "./api-surface";
import type { TenantWorld } from "./tenant-world";

export type ForeignObject = (world: TenantWorld) => string;

export const FOREIGN_OBJECTS: Record<string, ForeignObject> = {
  "partnerships/{id}": (world) => world.foreign.partnershipId,
  "overlaps/{overlapId}": (world) => world.foreign.overlapIds[0]!,
  "imports/{id}": (world) => world.foreign.importRunId,
  "not-a-match-flags/{flagId}": (world) => world.foreign.notAMatchFlagId,
  // An organisation the caller is not partnered with.
  "partners/{orgId}": (world) => world.foreign.org.id,
};

/** "partnerships/{id}" for the `id` of `/v1/partnerships/{id}/matrix`. */
export function foreignObjectKey(operation: Operation, param: string): string {
  const segments = operation.path.split("/");
  const at = segments.indexOf(`{${param}}`);
  return `${segments[at - 1] ?? ""}/{${param}}`;
}

export function missingForeignObjects(operations: Operation[]): string[] {
  return operations.flatMap((operation) =>
    operation.pathParams
      .map((param) => foreignObjectKey(operation, param.name))
      .filter((key) => !(key in FOREIGN_OBJECTS))
      .map(
        (key) =>
          `${operation.name}: add "${key}" to FOREIGN_OBJECTS in server/contract-tests/support/foreign-objects.ts`,
      ),
  );
}

export function foreignIds(world: TenantWorld, operation: Operation): Record<string, string> {
  const missing = missingForeignObjects([operation]);
  if (missing.length > 0) throw new Error(`No foreign object to ask for. ${missing.join("; ")}`);
  return Object.fromEntries(
    operation.pathParams.map((param) => [
      param.name,
      FOREIGN_OBJECTS[foreignObjectKey(operation, param.name)]!(world),
    ]),
  );
}
