import type { Failure } from "../../messages";

/**
 * What went wrong with a sign-in, said so the person can fix it. `address` is the server's address
 * as typed, normalised (../../server-url): with its path, since a wrong path is a wrong address.
 */
export function signInErrorMessage(failure: Pick<Failure, "code" | "message">, address: string): string {
  switch (failure.code) {
    case "invalid_credentials":
      return "Wrong email or password. Check both and try again.";
    case "unreachable":
      return `Can't reach a cosell-lens server at ${address}. Check the address and your connection.`;
    case "http_error":
      return `${address} answered, but not like a cosell-lens server. Check the address. (${failure.message})`;
    // A cosell-lens server answered, for a route it has not (a page of it, such as /reference) or
    // one that needs a token (under /v1): the address goes on past the server's, and the server's
    // own words ("No such endpoint.", "Sign in first: …") would not say so.
    case "not_found":
    case "unauthenticated":
      return `A cosell-lens server answered at ${address}, but that is not its address for signing in. Enter the address your admin gave you, without /v1, /reference or anything after it.`;
    default:
      return failure.message;
  }
}

/** The failure says no cosell-lens server answered at the address: it is down, or mistyped. */
export function noServerAnswered(failure: Pick<Failure, "code">): boolean {
  return failure.code === "unreachable" || failure.code === "http_error";
}
