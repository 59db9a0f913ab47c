// A real HTTP server on 127.0.0.1 serving a fixture site for CLI acquisition tests.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface FixtureSite {
  url(path: string): string;
  seen: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  routes: Map<string, Route>;
  close(): Promise<void>;
}

export async function startFixtureSite(routes: Record<string, Route> = {}): Promise<FixtureSite> {
  const seen: FixtureSite['seen'] = [];
  const table = new Map(Object.entries(routes));
  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    seen.push({ path, headers: request.headers });
    const route = table.get(path);
    if (route) route(request, response);
    else response.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    seen,
    routes: table,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
