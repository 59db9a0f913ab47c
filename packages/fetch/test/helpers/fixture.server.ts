// A real HTTP server on 127.0.0.1 for fetch tests. Each test installs the routes it needs; the
// server records every request it saw so tests can assert what was (not) sent.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (request: IncomingMessage, response: ServerResponse, hit: number) => void;

export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

export class FixtureServer {
  readonly seen: SeenRequest[] = [];
  readonly routes = new Map<string, Handler>();
  #inFlight = 0;
  maxInFlight = 0;
  readonly #server = http.createServer((request, response) => this.#handle(request, response));

  static async start(): Promise<FixtureServer> {
    const server = new FixtureServer();
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Requests for one path, in order. */
  hits(path: string): SeenRequest[] {
    return this.seen.filter((request) => request.path === path);
  }

  route(path: string, handler: Handler): this {
    this.routes.set(path, handler);
    return this;
  }

  reset(): void {
    this.seen.length = 0;
    this.routes.clear();
    this.maxInFlight = 0;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const path = request.url ?? '/';
    this.seen.push({ path, headers: request.headers, at: Date.now() });
    this.#inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    response.on('close', () => this.#inFlight--);
    const handler = this.routes.get(path);
    if (!handler) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    handler(request, response, this.hits(path).length);
  }
}

/** A handler answering with fixed status, headers and body. */
export function respond(
  status: number,
  body: string | Uint8Array = '',
  headers: Record<string, string> = {},
): Handler {
  return (_request, response) => {
    response.writeHead(status, headers).end(body);
  };
}
