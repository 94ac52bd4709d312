import type { Runtime } from "webextension-polyfill";
import type { Failure, MessageName } from "../messages";
import { Envelope, requests } from "../requests";
import { handlers } from "./handlers";
import { senderAllowed } from "./senders";

/**
 * Handles one message: checks its shape and sender, parses the request, and answers with the
 * handler's result. Anything that goes wrong comes back as a Failure, since errors do not survive
 * messaging.
 */
export async function dispatch(
  message: unknown,
  sender: Runtime.MessageSender,
  self: { id: string; origin: string },
): Promise<unknown> {
  const envelope = Envelope.safeParse(message);
  if (!envelope.success) return failure("bad_message", "Unknown message.");
  const name: MessageName = envelope.data.name;
  if (!senderAllowed(name, sender, self))
    return failure("forbidden", `${name} is not allowed from this sender.`);
  const request = requests[name].request.safeParse(envelope.data.payload);
  if (!request.success) return failure("bad_request", request.error.message);
  const handler = handlers[name] as (request: unknown, sender: Runtime.MessageSender) => Promise<unknown>;
  try {
    return await handler(request.data, sender);
  } catch (error) {
    return failure("internal", error instanceof Error ? error.message : String(error));
  }
}

function failure(code: string, message: string): Failure {
  return { ok: false, code, message };
}
