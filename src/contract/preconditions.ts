import * as z from "zod";

/**
 * Optional on a PUT that replaces a whole object (a sharing rule, the profile, the solution map):
 * the ETag of the object as the client read it. Two admins editing it at once would otherwise each
 * replace it with their own copy, and the later one would silently undo the earlier one's change.
 */
export const IfMatch = z.object({
  "if-match": z
    .string()
    .max(1024)
    .optional()
    .meta({
      param: { in: "header" },
      description:
        "The `ETag` of the object as you read it (from its GET, or your previous change). If it has changed since, the change is refused with 412.",
    }),
});

/** The response header that goes with IfMatch: the tag of `what` ("the profile") as it is now. */
export const etagHeader = (what: string) => ({
  ETag: {
    description: `Identifies ${what} as it is now: send it as \`If-Match\` with a change.`,
    schema: { type: "string" as const },
  },
});
