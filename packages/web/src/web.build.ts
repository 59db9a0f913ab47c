// Builds the web app with Vite into a folder (`echotrace serve --web DIR` serves it; the browser test
// builds into a temp folder). No plugin: the app has no JSX, and Vite bundles TypeScript and CSS.
import path from 'node:path';
import { build } from 'vite';

export const WEB_ROOT = path.resolve(import.meta.dirname, '..');

export async function buildWebApp(outDir: string): Promise<void> {
  await build({
    root: WEB_ROOT,
    logLevel: 'warn',
    configFile: false,
    build: { outDir, emptyOutDir: true },
  });
}
