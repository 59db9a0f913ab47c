// Lint configuration. The `layering` block is the architecture: which package may import which.
// core imports nothing of ours; stage packages (extract, entities, sanctions, quotes) import only core;
// adapters (storage, fetch, translate) import only core; app (use cases) imports core and the stages and
// receives adapters through ports; only entry points (cli) choose adapters.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = {
  core: [],
  extract: ['core'],
  entities: ['core'],
  sanctions: ['core'],
  quotes: ['core'],
  storage: ['core'],
  fetch: ['core'],
  translate: ['core'],
  app: ['core', 'extract', 'entities', 'sanctions', 'quotes'],
  cli: ['core', 'extract', 'entities', 'sanctions', 'quotes', 'storage', 'fetch', 'translate', 'app'],
  server: ['core', 'app'],
  narratives: ['core'],
  // The web app talks only to the HTTP API: it imports nothing of ours.
  web: [],
};
// The CLI's `serve` starts the server; nothing else of ours imports it.
layers.cli = [...layers.cli, 'server'];
// narratives is a stage package like quotes: app and cli may use it.
layers.app.push('narratives');
layers.cli.push('narratives');
// Tests are entry points too: app's tests choose real adapters (no mocks of our own storage).
const testLayers = {
  app: [...layers.app, 'storage', 'fetch', 'translate'],
  server: [...layers.server, 'storage', 'fetch'],
  web: ['core', 'app', 'server', 'storage', 'fetch'],
};
const all = Object.keys(layers);

function forbidden(pkg, allowed) {
  const group = all.filter((p) => p !== pkg && !allowed.includes(p)).map((p) => `@echotrace/${p}`);
  if (group.length === 0) return [];
  const may = allowed.length
    ? allowed.map((p) => '@echotrace/' + p).join(', ')
    : 'npm packages, nothing of ours';
  return [{ group, message: `packages/${pkg} may import only ${may} (see docs/architecture.md).` }];
}

const layering = [
  ...Object.entries(layers).map(([pkg, allowed]) => ({ files: [`packages/${pkg}/**/*.ts`], pkg, allowed })),
  ...Object.entries(testLayers).map(([pkg, allowed]) => ({
    files: [`packages/${pkg}/test/**/*.ts`],
    pkg,
    allowed,
  })),
].map(({ files, pkg, allowed }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden(pkg, allowed),
          {
            group: ['../../*', '**/packages/**'],
            message: 'Reach another package through its @echotrace/* name, never by a relative path.',
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', 'demo/corpus/**', 'bench/results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'packages/cli/bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // Adapters implement async ports with a synchronous driver: async without await is intended.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // node:test's describe/it return promises that the runner awaits itself.
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  ...layering,
);
