// ESLint flat config. Process boundaries are machine-checked here: which folder may import electron,
// Node builtins, React, or code from another process. Type-aware rules run only where they pay their way.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const ROOT = import.meta.dirname;

/** Relative imports that leave (or enter) folders they must not: resolved against the importing file. */
const boundaryRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports must stay inside the folders this process may use.' },
    schema: [
      {
        type: 'object',
        properties: {
          area: { type: 'string' },
          allow: { type: 'array', items: { type: 'string' } },
          deny: { type: 'array', items: { type: 'string' } },
          face: {
            type: 'object',
            properties: { folder: { type: 'string' }, entry: { type: 'string' } },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      outside: "'{{spec}}' resolves to {{target}}: {{area}} may import only from {{allowed}}.",
      denied: "'{{spec}}' resolves to {{target}}: {{area}} must not import from {{denied}}.",
      deep: "'{{spec}}' reaches inside {{folder}}: from {{area}} import it only through its face, {{entry}}.",
    },
  },
  create(context) {
    const { area = 'this folder', allow, deny = [], face } = context.options[0] ?? {};
    const within = (target, folder) => target === folder || target.startsWith(`${folder}/`);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !(spec.startsWith('.') || spec.startsWith('/'))) return;
      const abs = path.resolve(path.dirname(context.filename), spec);
      const target = path.relative(ROOT, abs).split(path.sep).join('/');
      const data = { spec, target, area };
      if (allow && !allow.some((folder) => within(target, folder))) {
        context.report({ node, messageId: 'outside', data: { ...data, allowed: allow.join(', ') } });
        return;
      }
      const hit = deny.find((folder) => within(target, folder));
      if (hit) {
        context.report({ node, messageId: 'denied', data: { ...data, denied: hit } });
        return;
      }
      const bare = target.replace(/\.(js|ts)$/, '');
      if (face && within(target, face.folder) && bare !== face.folder && bare !== face.entry)
        context.report({ node, messageId: 'deep', data: { ...data, folder: face.folder, entry: face.entry } });
    };
    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      'CallExpression[callee.name="require"][arguments.0.type="Literal"]': (node) =>
        check(node.arguments[0], node.arguments[0].value),
      TSExternalModuleReference: (node) => check(node.expression, node.expression.value),
    };
  },
};

const earshot = { meta: { name: 'earshot-boundaries' }, rules: { boundaries: boundaryRule } };

const ELECTRON = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }],
  patterns: [{ group: ['electron/*'], message: 'Only electron/main and electron/preload may import electron.' }],
};
const NODE = {
  paths: builtinModules.map((name) => ({ name, message: 'This code runs outside Node: no Node builtins.' })),
  patterns: [{ group: ['node:*'], message: 'This code runs outside Node: no node:* modules.' }],
};
const REACT = {
  paths: ['react', 'react-dom'].map((name) => ({ name, message: 'React belongs to the renderer only.' })),
  patterns: [{ group: ['react/*', 'react-dom/*'], message: 'React belongs to the renderer only.' }],
};

/** The core's one face: from outside electron/core, only this module may be imported. */
const CORE_FACE = { folder: 'electron/core', entry: 'electron/core/index' };

/** The pure steps (normalize, enrich, detect, incidents) take `now` as an input: no timers, no clock reads. */
const NO_CLOCK = [
  'error',
  ...['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask'].map((name) => ({
    name,
    message: 'The pure pipeline steps take time as an input: timers live in runtime/ and the connectors.',
  })),
];
const NO_CLOCK_SYNTAX = [
  'error',
  {
    selector: "MemberExpression[object.name='Date'][property.name='now']",
    message: 'The pure pipeline steps take `now` as an input: no Date.now().',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'The pure pipeline steps take `now` as an input: no new Date() without a time.',
  },
  {
    selector: "MemberExpression[object.name='performance'][property.name='now']",
    message: 'The pure pipeline steps take `now` as an input: no performance.now().',
  },
];

/** One no-restricted-imports setting from several ban lists (a later flat-config block replaces, never merges). */
function bans(...lists) {
  return ['error', { paths: lists.flatMap((l) => l.paths), patterns: lists.flatMap((l) => l.patterns) }];
}

/** Globs of TypeScript files that belong to tsconfig.node.json, tsconfig.web.json or tsconfig.dom-tests.json. */
const TYPED = [
  'shared/**/*.ts',
  'electron/**/*.ts',
  'renderer/**/*.{ts,tsx}',
  'test/**/*.{ts,tsx}',
  'scripts/**/*.ts',
  '*.config.ts',
];
const UNTYPED = ['test/e2e/**/*.tsx'];

/**
 * Type information exists only for files on disk that a tsconfig includes. Unsaved editor buffers and
 * lintText() probes of paths that do not exist yet get the syntactic rules only, instead of a parse error.
 */
const onDisk = (file) => existsSync(file);

const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'AbortController',
    'AbortSignal',
    'fetch',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'TextEncoder',
    'TextDecoder',
    '__dirname',
    '__filename',
    'require',
    'module',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'release/', '.tmp/', 'out/', 'coverage/', 'test-results/', '.earshot-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { earshot },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-restricted-imports': bans(ELECTRON),
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: TYPED.map((glob) => [glob, onDisk]),
    ignores: UNTYPED,
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.dom-tests.json'],
        tsconfigRootDir: ROOT,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },
  {
    files: ['shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': bans(ELECTRON, NODE, REACT),
      'earshot/boundaries': ['error', { area: 'shared/', allow: ['shared'] }],
    },
  },
  {
    files: ['renderer/**'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': bans(ELECTRON, NODE),
      'earshot/boundaries': ['error', { area: 'renderer/', deny: ['electron', 'scripts', 'bin'] }],
    },
  },
  {
    files: ['electron/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': bans(ELECTRON, REACT),
      'earshot/boundaries': ['error', { area: 'electron/', deny: ['renderer'], face: CORE_FACE }],
    },
  },
  {
    files: ['electron/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': bans(ELECTRON, REACT),
      'earshot/boundaries': [
        'error',
        {
          area: 'electron/core/',
          deny: ['electron/main', 'electron/preload', 'electron/headless', 'electron/cli', 'renderer'],
        },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['electron/core/pipeline/**', 'electron/core/detect/**', 'electron/core/incidents/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': bans(ELECTRON, REACT, NODE),
      'no-restricted-globals': NO_CLOCK,
      'no-restricted-syntax': NO_CLOCK_SYNTAX,
    },
  },
  {
    files: ['electron/main/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': bans(REACT),
      'earshot/boundaries': [
        'error',
        { area: 'electron/main/', deny: ['renderer', 'electron/headless', 'electron/cli'], face: CORE_FACE },
      ],
    },
  },
  {
    files: ['electron/headless/**'],
    rules: {
      'earshot/boundaries': [
        'error',
        {
          area: 'electron/headless/',
          deny: ['renderer', 'electron/main', 'electron/preload', 'electron/cli'],
          face: CORE_FACE,
        },
      ],
    },
  },
  {
    files: ['scripts/**'],
    rules: { 'earshot/boundaries': ['error', { area: 'scripts/', face: CORE_FACE }] },
  },
  {
    // Tests of the Electron host run in plain Node: they may use electron's types, never its runtime.
    files: ['test/unit/main/**', 'test/unit/preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ELECTRON.paths.map((p) => ({ ...p, allowTypeImports: true })),
          patterns: ELECTRON.patterns.map((p) => ({ ...p, allowTypeImports: true })),
        },
      ],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': bans(NODE, REACT),
      'earshot/boundaries': ['error', { area: 'electron/preload/', allow: ['electron/preload', 'shared'] }],
    },
  },
);
