import { describe, expect, it } from "vitest";
import { checkServerUrl } from "../../server-url";
import { signInErrorMessage } from "./sign-in-errors";

describe("checkServerUrl", () => {
  it.each([
    "http://127.0.0.1:8787",
    "http://localhost:8787",
    " https://cosell.example.com/ ",
    "https://cosell.example.com/base",
  ])("accepts %s", (value) => {
    const checked = checkServerUrl(value);
    expect(checked.ok && checked.url.origin).toBe(new URL(value.trim()).origin);
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
  it.each(["http://cosell.example.com", "http://10.0.0.5:8787", "http://127.0.0.2"])(
    "refuses plain http to %s, which is not this computer",
    (value) => {
      expect(checkServerUrl(value)).toEqual({ ok: false, problem: "plain_http" });
    },
  );
});

describe("signInErrorMessage", () => {
  const server = new URL("https://cosell.example.com");

  it("says the email or password is wrong, not which", () => {
    expect(signInErrorMessage({ code: "invalid_credentials", message: "x" }, server)).toBe(
      "Wrong email or password. Check both and try again.",
    );
  });

  it("names the server it could not reach", () => {
    expect(signInErrorMessage({ code: "unreachable", message: "x" }, server)).toBe(
      "Can't reach a cosell-lens server at https://cosell.example.com. Check the address and your connection.",
    );
  });

  it("says when something else answered at that address", () => {
    expect(signInErrorMessage({ code: "http_error", message: "The server answered 404." }, server)).toContain(
      "answered, but not like a cosell-lens server",
    );
  });

  it("passes the server's own explanation through otherwise", () => {
    expect(signInErrorMessage({ code: "too_many_attempts", message: "Too many attempts." }, server)).toBe(
      "Too many attempts.",
    );
  });
});
