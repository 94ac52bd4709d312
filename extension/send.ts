import browser from "webextension-polyfill";
import { Failure, type MessageName, type ResponseOf, responses } from "./messages";
import type { RequestOf } from "./requests";

/** The background refused or failed to handle a message (see `Failure` in ./messages). */
export class MessageFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends a typed message to the background and validates its answer. A Failure that the message's
 * response does not include (a refused sender, a malformed request, a crash) is thrown.
 */
export async function send<N extends MessageName>(name: N, payload: RequestOf<N>): Promise<ResponseOf<N>> {
  const answer: unknown = await browser.runtime.sendMessage({ name, payload });
  const parsed = responses[name].safeParse(answer);
  if (parsed.success) return parsed.data as ResponseOf<N>;
  const failure = Failure.safeParse(answer);
  throw failure.success ? new MessageFailure(failure.data.code, failure.data.message) : parsed.error;
}
