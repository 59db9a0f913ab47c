// The app on a Node HTTP server: listening on host:port, closed on request.
import { serve, type ServerType } from '@hono/node-server';
import type { ApiApp } from './server.deps.ts';

export interface RunningServer {
  /** `http://host:port` as bound (port 0 picks a free one). */
  url: string;
  close(): Promise<void>;
}

export async function listen(app: ApiApp, options: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            // Event streams stay open until their clients leave: end them with the server.
            if ('closeAllConnections' in server!) server.closeAllConnections();
            server!.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
    server.once('error', reject);
  });
}
