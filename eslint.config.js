// The layers of docs/architecture.md, enforced: each folder of src/ may import only the layers listed for it.
// `npm test` runs this (npm run lint); a new import across a boundary fails before any test runs.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Import patterns (gitignore-style, matched against the import string) that reach a layer's folder. */
const layer = (name) => [`**/${name}`, `**/${name}/**`, `src/${name}/**`];
const node = ['node:*', 'fs', 'path', 'os', 'child_process', 'better-sqlite3'];

/** A boundary: files under `files` must not import `forbidden`; `why` is the message a developer reads. */
const boundary = (files, forbidden, why) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: why, caseSensitive: true }] }],
  },
});

/**
 * SQL lives in src/app/store only, behind repository functions named for what they do: the store is one seam, the
 * place a second store (a database server for an office that outgrows one machine) would plug in. Elsewhere no code
 * prepares a statement, reads a pragma, or runs SQL, a transaction or a backup on a database connection. `exec` and
 * the others are matched by their receiver (`db`, `workbook.db`, `this.db`, `database`) because RegExp#exec is
 * everywhere; `prepare` and `pragma` have no other meaning here. Tests may read the file with SQL to check it.
 */
const SQL_OUTSIDE_STORE = 'SQL belongs in src/app/store: call (or add) a repository function named for what it does.';
const sqlOnlyInStore = {
  files: ['src/**/*.ts', 'src/**/*.tsx'],
  ignores: ['src/app/store/**'],
  rules: {
    'no-restricted-syntax': [
      'error',
      { selector: 'CallExpression[callee.property.name=/^(prepare|pragma)$/]', message: SQL_OUTSIDE_STORE },
      {
        selector: 'CallExpression[callee.property.name=/^(exec|transaction|backup)$/][callee.object.name=/^(db|database)$/]',
        message: SQL_OUTSIDE_STORE,
      },
      {
        selector: 'CallExpression[callee.property.name=/^(exec|transaction|backup)$/][callee.object.property.name=/^(db|database)$/]',
        message: SQL_OUTSIDE_STORE,
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', 'test-output/**', 'src/types/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    rules: {
      // a callback given to AG Grid or React is often (event) => void; an unused argument is named, not deleted
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // the React rules the page relies on (a missing dependency is a stale closure)
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  sqlOnlyInStore,
  boundary(
    ['src/shared/**'],
    [
      ...layer('core'),
      ...layer('app'),
      ...layer('main'),
      ...layer('renderer'),
      ...layer('cli'),
      ...layer('headless'),
      'electron',
      'react',
      ...node,
    ],
    'shared/ is the contract between the page and the application: it imports nothing but itself (and zod).',
  ),
  boundary(
    ['src/core/**'],
    [...layer('app'), ...layer('main'), ...layer('renderer'), ...layer('cli'), ...layer('headless'), 'electron', 'react', ...node],
    'core/ is pure logic used by the page, the application and the CLI: no I/O, no Electron, no DOM, no React.',
  ),
  boundary(
    ['src/renderer/**'],
    [...layer('app'), ...layer('main'), ...layer('cli'), ...layer('headless'), 'electron', ...node],
    'The page reaches the application only through the channels of shared/contract.ts (services/api.ts).',
  ),
  boundary(
    ['src/app/**'],
    [...layer('main'), ...layer('renderer'), ...layer('cli'), ...layer('headless'), 'electron'],
    'app/ runs without Electron (CLI, tests, the harness); Electron belongs in main/, which passes what app/ needs in.',
  ),
  boundary(
    ['src/main/**'],
    [...layer('renderer'), ...layer('cli'), ...layer('headless')],
    'main/ is the Electron shell around app/: it does not reach into the page, the CLI or the harness.',
  ),
  boundary(
    ['src/preload/**'],
    [...layer('core'), ...layer('app'), ...layer('main'), ...layer('renderer'), ...layer('cli'), ...layer('headless'), ...node],
    'The preload only bridges channel names (shared/) to ipcRenderer; it is bundled alone into a sandbox.',
  ),
  boundary(
    ['src/cli/**'],
    [...layer('main'), ...layer('renderer'), 'electron'],
    'The CLI is the application without Electron: app/, core/, shared/ (and headless/ for printed reports).',
  ),
  boundary(
    ['src/headless/**'],
    [...layer('renderer'), ...layer('cli'), 'electron', '**/main/**', '!**/main/app-protocol'],
    'The harness serves the built page over app/: from main/ it shares only the app:// protocol (app-protocol.ts).',
  ),
);
