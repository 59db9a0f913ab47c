// `echotrace serve`: the HTTP API over the configured store, until Ctrl-C. Thin: the app is
// packages/server's; this chooses the adapters, as every command does.
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp, listen } from '@echotrace/server';
import type { Command } from '../command.ts';
import { createFetcher } from '../acquisition.factory.ts';
import { systemClock } from '../system.clock.ts';
import { createAlertChannels } from '../alerts.factory.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the HTTP API for a team (users, roles, sessions, API tokens, audit log)',
  usage: 'serve [--port 8080] [--host 127.0.0.1] [--web DIR]',
  help: `
Serves /api/… (documented at /api/openapi.json and in docs/server.md) until Ctrl-C. Nobody can log
in until an admin exists: make one with \`echotrace users add NAME --role admin\`. The session
cookie is marked Secure unless the host is a loopback address; put a TLS proxy in front of any
other host.`,
  options: [
    {
      name: 'port',
      type: 'integer',
      min: 0,
      max: 65535,
      value: 'N',
      description: 'Port (default 8080; 0 picks a free one)',
    },
    { name: 'host', type: 'string', value: 'HOST', description: 'Address to listen on (default 127.0.0.1)' },
    {
      name: 'web',
      type: 'string',
      value: 'DIR',
      description: 'Also serve the web app built there (node packages/web/scripts/build.ts DIR)',
    },
  ],
  async run(context) {
    const host = (context.options.host as string | undefined) ?? '127.0.0.1';
    const port = (context.options.port as number | undefined) ?? 8080;
    const store = await context.openStore();
    const app = createApp({
      store,
      clock: systemClock,
      createFetcher: () => createFetcher(context.config),
      checkWebhookTarget: (url) => createAlertChannels(context.config).webhook.check(url),
      secureCookies: !LOOPBACK.test(host),
      clientAddress: (c) => getConnInfo(c).remote.address,
      webRoot: context.options.web as string | undefined,
    });
    const server = await listen(app, { host, port });
    const users = await store.accounts.listUsers();
    context.stdout.write(`Echotrace API on ${server.url}/api/ (OpenAPI: ${server.url}/api/openapi.json)\n`);
    if (context.options.web) context.stdout.write(`Web app on ${server.url}/\n`);
    if (!users.some((u) => u.role === 'admin' && !u.disabledAt))
      context.stdout.write('No admin yet: run `echotrace users add NAME --role admin` to make one.\n');
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    context.stdout.write('stopped\n');
    return 0;
  },
};
