/**
 * The one message protocol between the content script, the extension pages and the background.
 * Each message name maps to a response schema (`responses`, here) and to a request schema and who
 * may send it (`requests`, in ./requests); both ends are typed from these maps, and the background
 * parses every request with zod before acting on it. The requests are a module of their own because
 * only the background parses them: the sidebar, which checks the answers it gets, stays without
 * the request schemas and what they bring (the server address check of sign-in).
 *
 * Requests (content script or page → background), sent with `send(name, payload)` from ./send:
 * - `partners.forAccount {account}` → PartnersResult. Answers from the offline cache at once when
 *   it knows the account (`source: "cache"`), then checks with the server and pushes
 *   `partners.changed` if the answer changed; otherwise asks the server (`source: "server"`).
 * - `overlap.markWrong {overlapId, reason?}` → `{ok: true}` | Failure. Reports a wrong partner match; the
 *   overlap leaves the cache and the sidebars showing its account get `partners.changed`.
 * - `settings.get {}` / `settings.set {sidebarCollapsed}` → `{ok: true, settings}`. Stored at once
 *   in the background, then synced to the user's other browsers through the server.
 * - `sync.now {}` → `{ok: true, syncedAt}` | Failure. Runs a sync, or joins the one under way.
 * - `session.get {}` → the session or null; `session.signIn {serverUrl, email, password}` → the
 *   session | Failure; `session.signOut {}`: from the extension pages (see `from` in ./requests).
 * - `options.open {}`: opens the options page, from the sidebar's "Sign in".
 * A request the background refuses or fails on is answered with a Failure, which `send` throws as
 * a MessageFailure unless the message's response schema includes it.
 *
 * Pushes (background → one tab's content script), received with `onPush(handler, signal)` from
 * ./receive, which checks they come from this extension and parses them:
 * - `partners.changed {recordId, result}`: fresher data for the account the tab asked about last.
 * - `sidebar.focus {}`: the user pressed the extension's shortcut; the sidebar opens and takes focus.
 */
import * as z from "zod";
import { Me } from "../src/contract/auth";
import { AccountPartners } from "../src/contract/partners";
import { UserSettings } from "../src/contract/settings";

/**
 * The account record a tab shows, as its URL names it. The background looks partners up by id
 * only, so what the page renders (name, website) never needs to leave the tab, and the lookup can
 * start before the CRM has rendered the record.
 */
export const AccountOnPage = z.object({
  crm: z.enum(["salesforce-lightning", "salesforce-classic", "hubspot", "dynamics"]),
  recordId: z.string().min(1).max(255),
});
export type AccountOnPage = z.infer<typeof AccountOnPage>;

/**
 * A failure carried across contexts as data, since Error objects do not survive messaging. Codes
 * from the background: `signed_out` (no session, or the server ended it), `unreachable` (the server
 * could not be reached), `forbidden` (not allowed from this sender), `bad_message`, `bad_request`,
 * `internal`; otherwise the server's error code.
 */
export const Failure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() });
export type Failure = z.infer<typeof Failure>;

const Session = z.object({ serverUrl: z.string(), me: Me });
export type Session = z.infer<typeof Session>;

export const PartnersResult = z.discriminatedUnion("state", [
  z.object({
    state: z.literal("ready"),
    data: AccountPartners,
    /** Where the data came from: the local cache (maybe stale) or the server just now. */
    source: z.enum(["cache", "server"]),
    /** When the cache last heard from the server. */
    syncedAt: z.string().nullable(),
    /** True when the server could not be reached, so the sidebar says it shows saved data. */
    offline: z.boolean(),
  }),
  z.object({ state: z.literal("signed_out") }),
  z.object({ state: z.literal("error"), message: z.string() }),
]);
export type PartnersResult = z.infer<typeof PartnersResult>;

export const responses = {
  "partners.forAccount": PartnersResult,
  "session.get": z.object({ ok: z.literal(true), session: Session.nullable() }),
  "session.signIn": z.union([z.object({ ok: z.literal(true), session: Session }), Failure]),
  "session.signOut": z.object({ ok: z.literal(true) }),
  "options.open": z.object({ ok: z.literal(true) }),
  "overlap.markWrong": z.union([z.object({ ok: z.literal(true) }), Failure]),
  "settings.get": z.object({ ok: z.literal(true), settings: UserSettings }),
  "settings.set": z.object({ ok: z.literal(true), settings: UserSettings }),
  "sync.now": z.union([z.object({ ok: z.literal(true), syncedAt: z.string() }), Failure]),
} as const;

export type MessageName = keyof typeof responses;
export type ResponseOf<N extends MessageName> = z.infer<(typeof responses)[N]>;

/**
 * Pushed by the background to a tab's content script when fresher data for the account it shows
 * arrives (after a sync or a server lookup). The content script checks the sender is this extension.
 * `recordId` is the id the tab sent in `partners.forAccount`: a tab that has since moved to another
 * account ignores the push.
 */
export const PartnersChanged = z.object({
  name: z.literal("partners.changed"),
  payload: z.object({ recordId: z.string(), result: PartnersResult }),
});
export type PartnersChanged = z.infer<typeof PartnersChanged>;

/**
 * Pushed when the user presses the extension's keyboard shortcut (manifest `commands`) in a tab:
 * the sidebar opens and takes the focus. It sits after everything else on the page, so Tab alone
 * reaches it only after every control of the CRM.
 */
export const FocusSidebar = z.object({ name: z.literal("sidebar.focus"), payload: z.object({}) });

/** Every message the background pushes to content scripts. */
export const Push = z.discriminatedUnion("name", [PartnersChanged, FocusSidebar]);
export type Push = z.infer<typeof Push>;
