/**
 * A reverse proxy that publishes the API under a path and strips it, as an admin may set one up
 * (README): `<url>/cosell/v1/me` reaches the API as `/v1/me`. The rest of the host answers the
 * proxy's own 404 page, so a client that drops the path cannot reach the API by accident.
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface PrefixProxy {
  /** The address a user enters: the proxy's origin and the path, such as http://127.0.0.1:41234/cosell. */
  address: string;
  /** Every request path the proxy received, prefix included. */
  paths: string[];
  close(): Promise<void>;
}

export async function startPrefixProxy(target: string, prefix: string): Promise<PrefixProxy> {
  const paths: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? "/";
    paths.push(path);
    if (!path.startsWith(`${prefix}/`)) {
      outgoing.writeHead(404, { "content-type": "text/html" }).end("<h1>Not Found</h1>");
      return;
    }
    const forwarded = request(
      new URL(path.slice(prefix.length), target),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}${prefix}`,
    paths,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
