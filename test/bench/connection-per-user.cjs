/**
 * autocannon's setupClient for the API benchmark (api.bench.ts): each connection sends its own
 * user's request, so the server sees one token per connection, as it would from real users, and a
 * batch of token checks (server/auth/token-checks.ts) is no smaller than it would be for them.
 * Plain CommonJS because autocannon's worker thread loads it with require(); the requests come
 * from the environment, which the worker inherits.
 */
const requests = JSON.parse(process.env.COSELL_BENCH_REQUESTS ?? "[]");
let connections = 0;

module.exports = (client) => {
  if (requests.length === 0) return;
  const request = requests[connections++ % requests.length];
  client.setRequests([{ method: "GET", path: request.path, headers: request.headers }]);
};
