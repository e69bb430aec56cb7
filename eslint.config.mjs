// Lint rules. The layer rule (../STYLE.md "Layers"): src/core and src/webview never import
// `vscode` at run time (type imports are fine), and src/core never imports Node built-ins,
// so core runs unchanged in the desktop host, the web worker host and unit tests. src/engine.ts, the entry of the
// lazily loaded dist/engine.js, re-exports core only and is held to the same rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'util', 'url', 'http', 'https', 'net', 'stream', 'buffer', 'events']
  .flatMap(m => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'bench/corpus/**', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      '@typescript-eslint/naming-convention': ['error', { selector: 'interface', format: ['PascalCase'], custom: { regex: '^I[A-Z]', match: false } }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/engine.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure: no vscode at run time.', allowTypeImports: true }],
        patterns: [{ group: nodeBuiltins, message: 'src/core runs in the browser too: no Node built-ins.' }],
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Webview code runs in the browser: no vscode import.', allowTypeImports: true }],
        patterns: [{ group: nodeBuiltins, message: 'Webview code runs in the browser: no Node built-ins.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', window: 'readonly', document: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
