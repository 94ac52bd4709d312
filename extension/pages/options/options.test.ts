import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "./sign-in-errors";

describe("signInErrorMessage", () => {
  const server = "https://intranet.example.com/cosell";

  it("says the email or password is wrong, not which", () => {
    expect(signInErrorMessage({ code: "invalid_credentials", message: "x" }, server)).toBe(
      "Wrong email or password. Check both and try again.",
    );
  });

  // With its path: on a host that publishes the API under a prefix, the path may be what is wrong.
  it("names the address it could not reach, path included", () => {
    expect(signInErrorMessage({ code: "unreachable", message: "x" }, server)).toBe(
      "Can't reach a cosell-lens server at https://intranet.example.com/cosell. Check the address and your connection.",
    );
  });

  it("says when something else answered at that address, naming it with its path", () => {
    expect(signInErrorMessage({ code: "http_error", message: "The server answered 404." }, server)).toBe(
      "https://intranet.example.com/cosell answered, but not like a cosell-lens server. Check the address. (The server answered 404.)",
    );
  });

  it("says an address where a cosell-lens server has no such route is one of its pages, not its address", () => {
    for (const code of ["not_found", "unauthenticated"]) {
      expect(signInErrorMessage({ code, message: "No such endpoint." }, `${server}/reference`)).toBe(
        "A cosell-lens server answered at https://intranet.example.com/cosell/reference, but that is not its address for signing in. Enter the address your admin gave you, without /v1, /reference or anything after it.",
      );
    }
  });

  it("passes the server's own explanation through otherwise", () => {
    expect(signInErrorMessage({ code: "too_many_attempts", message: "Too many attempts." }, server)).toBe(
      "Too many attempts.",
    );
  });
});
