// The public surface of server: the app factory and the Node listener. Entry points (the CLI's
// `serve`) choose the store and call these.
export * from './app.factory.ts';
export * from './http.errors.ts';
export * from './node.listener.ts';
export type { ServerDeps } from './server.deps.ts';
