/**
 * A real HTTP server on 127.0.0.1 that hands requests to the app's route handlers, for tests
 * whose client must speak real HTTP (OpenTelemetry exporters, Prometheus, the simulator).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

async function readAll(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Serves `routes` ("METHOD /path" -> handler); anything else answers 404. */
export async function serveRoutes(routes: Record<string, Handler>): Promise<RouteServer> {
  const server: Server = createServer(async (incoming, outgoing) => {
    try {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const handler = routes[`${incoming.method} ${url.pathname}`];
      if (!handler) {
        outgoing.writeHead(404).end();
        return;
      }
      const body =
        incoming.method === "GET" || incoming.method === "HEAD"
          ? undefined
          : await readAll(incoming);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) headers.set(name, value.join(", "));
      }
      const response = await handler(
        new Request(`http://${incoming.headers.host}${incoming.url}`, {
          method: incoming.method,
          headers,
          body: body ? new Uint8Array(body) : undefined,
        }),
        { params: Promise.resolve({}) },
      );
      outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
