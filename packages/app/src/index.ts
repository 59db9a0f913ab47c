// The public surface of app: use cases as plain functions over the ports. Entry points (cli, the
// worker, a future HTTP server) choose the adapters and pass them in; nothing here opens a store or
// a socket by itself.
export {};
