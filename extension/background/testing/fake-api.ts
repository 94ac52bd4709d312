/**
 * A small in-memory cosell-lens server behind a fake `fetch`, for unit tests of the background.
 * Its sync feed follows the contract in src/contract/sync.ts: a full sync pages through a snapshot
 * (`reset` on the first page), then deltas carry changed overlaps and tombstones; cursors are bound
 * to the user they were issued to.
 */
import type { Me } from "../../../src/contract/auth";
import type { AccountPartners } from "../../../src/contract/partners";
import type { SyncedOverlap, SyncResponse, UserSettings } from "../../../src/contract/sync";

export const SERVER_URL = "http://127.0.0.1:8787";

type Change = { seq: number } & ({ entity: "overlap"; id: string } | { entity: "settings"; userId: string });

interface User {
  email: string;
  password: string;
  me: Me;
}

interface FeedCursor {
  userId: string;
  seq: number;
  afterOverlap?: string;
}

/** A UUID that passes zod's check, numbered so tests can tell records apart. */
export function uuid(n: number, kind = 4): string {
  return `00000000-0000-${kind}000-8000-${n.toString(16).padStart(12, "0")}`;
}

export function syncedOverlap(n: number, crmId: string, partnerName = `Partner ${n}`): SyncedOverlap {
  return {
    overlapId: uuid(n),
    partner: { id: uuid(n, 1), name: partnerName },
    relationship: "customer",
    partnerAccountName: `Account ${crmId}`,
    owner: null,
    match: { method: "domain", confidence: 0.9, matchedOn: `${crmId}.example` },
    account: { id: uuid(n, 2), crmId, name: `Account ${crmId}`, industry: null, segment: null, region: null },
  };
}

/**
 * `address`: where the server is published. Under a path (`http://127.0.0.1:8787/cosell`) it
 * answers there alone, as behind a reverse proxy that strips the prefix; the rest of the host gets
 * the proxy's own 404 page. Its host is not checked: tests sign in under other names too.
 */
export function createFakeApi({ address = SERVER_URL }: { address?: string } = {}) {
  const users: User[] = [];
  const tokens = new Map<string, User>();
  const overlaps = new Map<string, SyncedOverlap>();
  const knownAccounts = new Map<string, NonNullable<AccountPartners["account"]>>();
  const settings = new Map<string, UserSettings>();
  const changes: Change[] = [];
  let seq = 0;

  const api = {
    /** See createFakeApi; a test may move the server before its first request. */
    address,
    /** Every request, as "METHOD /path?query", the path with the address's prefix. */
    requests: [] as string[],
    /** Bodies of requests that had one, by "METHOD /path". */
    bodies: [] as { request: string; body: unknown }[],
    reachable: true,
    /** The most records the server puts in one page, whatever the client asks for. */
    pageSize: 5000,
    settingsSupported: true,
    /** A status to refuse settings uploads with, as a server that will not take them. */
    settingsRefusal: undefined as number | undefined,
    /** Runs before each request; returning "unreachable" drops the connection. */
    beforeRequest: undefined as undefined | ((url: URL) => "unreachable" | undefined),

    addUser(email: string, password: string, n = users.length + 1): Me {
      const me: Me = {
        user: { id: uuid(n, 3), email, name: `User ${n}` },
        organisation: { id: uuid(1, 5), slug: "acme", name: "Acme" },
        role: "rep",
        team: null,
      };
      users.push({ email, password, me });
      return me;
    },
    hasUser: (email: string) => users.some((user) => user.email === email),
    upsert(...records: SyncedOverlap[]): void {
      for (const record of records) {
        overlaps.set(record.overlapId, record);
        changes.push({ seq: ++seq, entity: "overlap", id: record.overlapId });
      }
    },
    remove(overlapId: string): void {
      overlaps.delete(overlapId);
      changes.push({ seq: ++seq, entity: "overlap", id: overlapId });
    },
    /** An account the server knows that has no partners. */
    addAccount(crmId: string, n: number): void {
      knownAccounts.set(crmId, { id: uuid(n, 2), crmId, name: `Account ${crmId}` });
    },
    changeSettings(userId: string, value: UserSettings): void {
      settings.set(userId, value);
      changes.push({ seq: ++seq, entity: "settings", userId });
    },
    settingsOf: (userId: string) => settings.get(userId),
    revokeAllTokens: () => tokens.clear(),
    count: (prefix: string) => api.requests.filter((request) => request.startsWith(prefix)).length,

    async fetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
      const url = new URL(String(input));
      const method = init.method ?? "GET";
      api.requests.push(`${method} ${url.pathname}${url.search}`);
      const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
      if (body !== undefined) api.bodies.push({ request: `${method} ${url.pathname}`, body });
      if (!api.reachable || api.beforeRequest?.(url) === "unreachable") throw new TypeError("fetch failed");
      const prefix = new URL(api.address).pathname.replace(/\/+$/, "");
      if (!url.pathname.startsWith(`${prefix}/`)) return new Response("<h1>Not Found</h1>", { status: 404 });
      const routed = new URL(url);
      routed.pathname = url.pathname.slice(prefix.length);
      return route(method, routed, body, new Headers(init.headers).get("authorization"));
    },
  };

  function route(method: string, url: URL, body: unknown, authorization: string | null): Response {
    if (method === "POST" && url.pathname === "/v1/auth/sign-in") {
      const { email, password } = body as { email: string; password: string };
      const user = users.find((candidate) => candidate.email === email && candidate.password === password);
      if (!user) return error(401, "invalid_credentials");
      const token = `token-${tokens.size + 1}-${email}`;
      tokens.set(token, user);
      return json({ token, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    }
    const user = tokens.get(authorization?.replace(/^Bearer /, "") ?? "");
    if (!user) return error(401, "unauthenticated");
    const userId = user.me.user.id;
    const notAMatch = url.pathname.match(/^\/v1\/overlaps\/([^/]+)\/not-a-match$/);
    if (method === "GET" && url.pathname === "/v1/me") return json(user.me);
    if (method === "POST" && url.pathname === "/v1/auth/sign-out") return new Response(null, { status: 204 });
    if (method === "GET" && url.pathname === "/v1/sync") return syncPage(url, userId);
    if (method === "GET" && url.pathname === "/v1/accounts/partners") {
      return json(accountPartners(url.searchParams.get("crmId") ?? ""));
    }
    if (method === "POST" && notAMatch) {
      const overlapId = decodeURIComponent(notAMatch[1] ?? "");
      if (!overlaps.has(overlapId)) return error(404, "not_found");
      api.remove(overlapId);
      return new Response(null, { status: 204 });
    }
    if (method === "PUT" && url.pathname === "/v1/me/settings" && api.settingsRefusal !== undefined) {
      return error(api.settingsRefusal, "invalid_request");
    }
    if (method === "PUT" && url.pathname === "/v1/me/settings" && api.settingsSupported) {
      api.changeSettings(userId, body as UserSettings);
      return json(body);
    }
    return error(404, "not_found");
  }

  function accountPartners(crmId: string): AccountPartners {
    const found = [...overlaps.values()].filter((overlap) => overlap.account.crmId === crmId);
    return {
      account: found[0]?.account ?? knownAccounts.get(crmId) ?? null,
      partners: found.map(({ account: _account, ...partner }) => partner),
    };
  }

  function syncPage(url: URL, userId: string): Response {
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 1000), api.pageSize);
    const text = url.searchParams.get("cursor");
    const cursor = text === null ? null : (JSON.parse(text) as FeedCursor);
    if (cursor && cursor.userId !== userId) return error(400, "invalid_request");
    const page: SyncResponse =
      cursor === null || cursor.afterOverlap !== undefined
        ? fullSyncPage(userId, cursor?.seq ?? seq, cursor?.afterOverlap, limit)
        : deltaPage(userId, cursor.seq, limit);
    return json(page);
  }

  function fullSyncPage(userId: string, at: number, after: string | undefined, limit: number): SyncResponse {
    const ids = [...overlaps.keys()].sort().filter((id) => after === undefined || id > after);
    const page = ids.slice(0, limit);
    const more = ids.length > limit;
    const last = page.at(-1);
    return {
      cursor: encode(more && last ? { userId, seq: at, afterOverlap: last } : { userId, seq: at }),
      hasMore: more || changes.some((change) => change.seq > at),
      reset: after === undefined,
      overlaps: page.map((id) => overlaps.get(id) as SyncedOverlap),
      deleted: [],
      settings: after === undefined ? (settings.get(userId) ?? { sidebarCollapsed: false }) : null,
      scoring: null,
    };
  }

  function deltaPage(userId: string, since: number, limit: number): SyncResponse {
    const pending = changes.filter(
      (change) => change.seq > since && (change.entity === "overlap" || change.userId === userId),
    );
    const page = pending.slice(0, limit);
    const overlapIds = [
      ...new Set(page.flatMap((change) => (change.entity === "overlap" ? [change.id] : []))),
    ];
    return {
      cursor: encode({ userId, seq: page.at(-1)?.seq ?? since }),
      hasMore: pending.length > limit,
      reset: false,
      overlaps: overlapIds.flatMap((id) => overlaps.get(id) ?? []),
      deleted: overlapIds.filter((id) => !overlaps.has(id)).map((id) => ({ entity: "overlap" as const, id })),
      settings: page.some((change) => change.entity === "settings") ? (settings.get(userId) ?? null) : null,
      scoring: null,
    };
  }

  return api;
}

export type FakeApi = ReturnType<typeof createFakeApi>;

function encode(cursor: FeedCursor): string {
  return JSON.stringify(cursor);
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function error(status: number, code: string): Response {
  return json({ error: { code, message: `Fake server: ${code}.` } }, status);
}
