/**
 * The request half of the message protocol (see ./messages): for each message, the payload the
 * background accepts and who may send it. `from`: "content" = a content script in a CRM tab,
 * "page" = our own extension pages, "any" = both. Only the background imports these schemas;
 * senders are typed from them with `import type`.
 */
import * as z from "zod";
import { AccountOnPage, type MessageName } from "./messages";
import { checkServerUrl, type ServerUrlProblem } from "./server-url";

const SERVER_URL_PROBLEMS: Record<ServerUrlProblem, string> = {
  not_a_url: "Not a server address.",
  plain_http: "Use https:// (http:// only for this computer).",
  query_or_fragment: "A server address has no ?… or #… part.",
};

export const requests = {
  "partners.forAccount": { request: z.object({ account: AccountOnPage }), from: "content" },
  "session.get": { request: z.object({}), from: "any" },
  "session.signIn": {
    request: z.object({
      /** Normalised here (see ./server-url), so the session stores the address in one form. */
      serverUrl: z.string().transform((value, context) => {
        const checked = checkServerUrl(value);
        if (checked.ok) return checked.address;
        context.addIssue({ code: "custom", message: SERVER_URL_PROBLEMS[checked.problem] });
        return z.NEVER;
      }),
      email: z.string().email(),
      password: z.string().min(1),
    }),
    from: "page",
  },
  "session.signOut": { request: z.object({}), from: "page" },
  "options.open": { request: z.object({}), from: "content" },
  "overlap.markWrong": {
    /** `reason` is optional: the partner never sees it, admins do. */
    request: z.object({ overlapId: z.string().uuid(), reason: z.string().trim().max(500).optional() }),
    from: "content",
  },
  "settings.get": { request: z.object({}), from: "any" },
  "settings.set": { request: z.object({ sidebarCollapsed: z.boolean() }), from: "any" },
  "sync.now": { request: z.object({}), from: "any" },
} as const satisfies Record<MessageName, { request: z.ZodType; from: "content" | "page" | "any" }>;

export type RequestOf<N extends MessageName> = z.infer<(typeof requests)[N]["request"]>;

export const Envelope = z.object({
  name: z.enum(Object.keys(requests) as [MessageName, ...MessageName[]]),
  payload: z.unknown(),
});
