import http from "node:http";
import https from "node:https";

/**
 * How long an idle connection to the Bot API is kept for reuse. Without a `timeout` Node's agent
 * (grammY's default, keepAlive on) ignores the server's Keep-Alive hint and keeps an idle socket
 * until the server closes it, so a request written just as the server closes it fails with
 * ECONNRESET. For a send that outcome is unknown and it is not repeated (transient-retry.ts): the
 * answer is lost. Closing first removes that race: 4 s is under the 5 s Node servers keep an idle
 * connection by default (nginx keeps 75 s), and a server announcing a shorter time is believed,
 * less the 1 s margin Node's agent takes. A new connection after 4 s of silence costs a handshake.
 */
export const IDLE_SOCKET_MS = 4_000;

/** The agent grammY's client sends through: keep-alive, closing idle sockets before the server does. */
export function botApiAgent(apiRoot: string): http.Agent {
  const options = { keepAlive: true, timeout: IDLE_SOCKET_MS };
  return apiRoot.startsWith("https:") ? new https.Agent(options) : new http.Agent(options);
}
