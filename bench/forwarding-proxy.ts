// A forwarding HTTP proxy on 127.0.0.1 in front of an upstream server, the
// shared part of the kill proxies: it passes each request on with the same
// method, path and headers (Host included, so URLs the upstream builds point
// back at the proxy) and pipes the answer back. A per-request hook may hold a
// request unanswered, or take the upstream answer for itself so the client
// never hears it.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** Receives the upstream answer in place of the client, which is left waiting. */
export type AnswerInterceptor = (answer: IncomingMessage) => void;

/** "hold": never forwarded nor answered; a function: forwarded, its answer goes to the function. */
export type ProxyDecision = "forward" | "hold" | AnswerInterceptor;

export interface ForwardingProxy {
  url: string;
  /**
   * Closes every client connection with whatever it sent that is not read
   * yet, including connections the kernel completed but the server has not
   * accepted (closing the listening socket resets them), then listens again
   * on the same port. A killed client's last requests, written just before
   * it died, are so never seen afterwards.
   */
  dropClients(): Promise<void>;
  close(): Promise<void>;
}

export async function startForwardingProxy(
  target: string,
  onRequest: (req: IncomingMessage) => ProxyDecision,
): Promise<ForwardingProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const decision = onRequest(req);
    if (decision === "hold") return;
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (decision !== "forward") {
          decision(answer);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as AddressInfo;
  const closeAll = (): Promise<void> =>
    new Promise<void>((closed) => {
      server.close(() => closed());
      for (const socket of sockets) socket.destroy();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    dropClients: async () => {
      await closeAll();
      await new Promise<void>((ready) => server.listen(port, "127.0.0.1", ready));
    },
    close: closeAll,
  };
}
