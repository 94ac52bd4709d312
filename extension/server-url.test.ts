import { describe, expect, it } from "vitest";
import { apiUrl, checkServerUrl } from "./server-url";

describe("checkServerUrl", () => {
  it.each([
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787"],
    ["http://localhost:8787/", "http://localhost:8787"],
    [" https://cosell.example.com/ ", "https://cosell.example.com"],
    ["HTTPS://Cosell.Example.com:443", "https://cosell.example.com"],
    // Published behind a reverse proxy under a prefix: the path is part of the address.
    ["https://intranet.example.com/cosell", "https://intranet.example.com/cosell"],
    ["https://intranet.example.com/cosell/", "https://intranet.example.com/cosell"],
    ["https://intranet.example.com/tools/cosell//", "https://intranet.example.com/tools/cosell"],
    ["https://intranet.example.com/sales/../cosell", "https://intranet.example.com/cosell"],
    ["http://127.0.0.1:9000/cosell/", "http://127.0.0.1:9000/cosell"],
  ])("accepts %j as %s", (value, address) => {
    expect(checkServerUrl(value)).toEqual({ ok: true, address });
  });

  it.each([
    "",
    "cosell.example.com",
    "not a url",
    "ftp://cosell.example.com",
    "javascript:alert(1)",
    "https://",
  ])("rejects %j", (value) => {
    expect(checkServerUrl(value)).toEqual({ ok: false, problem: "not_a_url" });
  });

  // A password and tokens sent over plain http to another host can be read on the way.
  it.each([
    "http://cosell.example.com",
    "http://10.0.0.5:8787",
    "http://127.0.0.2",
    "http://10.0.0.5/cosell",
  ])("refuses plain http to %s, which is not this computer", (value) => {
    expect(checkServerUrl(value)).toEqual({ ok: false, problem: "plain_http" });
  });

  // Pasted from a browser's address bar: a link into the server, not its address.
  it.each([
    "https://intranet.example.com/cosell?team=emea",
    "https://intranet.example.com/cosell/#/reference",
    "https://intranet.example.com/cosell?",
    "https://intranet.example.com#",
    "http://127.0.0.1:8787/?x=1",
  ])("refuses %s, which has a query or a fragment", (value) => {
    expect(checkServerUrl(value)).toEqual({ ok: false, problem: "query_or_fragment" });
  });
});

describe("apiUrl", () => {
  it.each([
    ["https://intranet.example.com/cosell", "https://intranet.example.com/cosell/v1/sync?limit=2"],
    ["https://intranet.example.com/cosell/", "https://intranet.example.com/cosell/v1/sync?limit=2"],
    [
      "https://intranet.example.com/tools/cosell",
      "https://intranet.example.com/tools/cosell/v1/sync?limit=2",
    ],
    ["https://cosell.example.com", "https://cosell.example.com/v1/sync?limit=2"],
    ["https://cosell.example.com/", "https://cosell.example.com/v1/sync?limit=2"],
    // What sessions stored before addresses kept their path: the origin alone.
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787/v1/sync?limit=2"],
  ])("puts a route of the server at %s under its path", (address, url) => {
    expect(apiUrl(address, "/v1/sync?limit=2").href).toBe(url);
  });

  it("keeps what a route encodes, and reads no scheme into its first segment", () => {
    const id = encodeURIComponent("a/b:c");
    expect(apiUrl("https://x.example/cosell", `/v1/overlaps/${id}/not-a-match`).href).toBe(
      "https://x.example/cosell/v1/overlaps/a%2Fb%3Ac/not-a-match",
    );
    expect(apiUrl("https://x.example/cosell", "/v1:x").href).toBe("https://x.example/cosell/v1:x");
  });
});
