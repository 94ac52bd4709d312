/**
 * The API reference page works wherever the server is published: at the root, or under a path
 * behind a reverse proxy that strips it. A browser resolves the page's URLs against the page's
 * own address, so they must not start at the host's root.
 */
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "./testing/database";
import { testApp } from "./testing/fixtures";

const database = useTestDatabase();

/** What the page asks the browser to load: its script, and the OpenAPI document the script reads. */
function referencesOf(html: string): { script: string; document: string } {
  const script = html.match(/<script src="([^"]+)"/)?.[1];
  const document = html.match(/"url": "([^"]+)"/)?.[1];
  if (!script || !document) throw new Error(`No script or document URL in the page:\n${html}`);
  return { script, document };
}

describe.each([
  { where: "at the root", origin: "https://cosell.example.com", prefix: "" },
  {
    where: "under a path, behind a proxy that strips it",
    origin: "https://intranet.example.com",
    prefix: "/cosell",
  },
])("the API reference page, published $where", ({ origin, prefix }) => {
  /** A request for `url` as the proxy forwards it: only under the prefix, without it. */
  async function throughProxy(url: URL): Promise<Response> {
    expect(url.origin).toBe(origin);
    expect(url.pathname.startsWith(`${prefix}/`), `${url.pathname} is under ${prefix}/`).toBe(true);
    return testApp(database).app.request(url.pathname.slice(prefix.length) + url.search);
  }

  it("loads its script and the OpenAPI document from beside the page", async () => {
    const pageUrl = new URL(`${origin}${prefix}/reference`);
    const page = await throughProxy(pageUrl);
    expect(page.status).toBe(200);
    const { script, document } = referencesOf(await page.text());

    const scriptResponse = await throughProxy(new URL(script, pageUrl));
    expect(scriptResponse.status).toBe(200);
    expect(scriptResponse.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const documentResponse = await throughProxy(new URL(document, pageUrl));
    expect(documentResponse.status).toBe(200);
    expect(((await documentResponse.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });
});
