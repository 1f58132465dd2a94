// One Jest run covers every project. Nest 12 and @nats-io v3 ship ESM, which Jest 30 on Node 20 cannot
// require(); @swc/jest compiles them (and our TypeScript, with decorator metadata) to CommonJS.
const esmPackages = [
  '@nestjs',
  '@nats-io',
  'jose',
  'file-type',
  'uid',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'cookie',
  'content-disposition',
];

// Three projects, one `npm test` running all of them (README, "Tests"). Which project a spec belongs to
// follows from where it lives:
//   unit         *.spec.ts outside any test/ folder (a project's src/, infra/checks, bench): pure code,
//                no Postgres, no NATS, no service; a connection to either fails the test (unit-setup.ts).
//   integration  libs/*/test, services/*/test, tools/test and test/: real Postgres and NATS.
//   system       test/system and libs/platform/test/faults: real processes, killed and restarted.
const system = ['<rootDir>/test/system/', '<rootDir>/libs/platform/test/faults/'];
const inTestFolder = ['<rootDir>/(libs|services)/[^/]+/test/', '<rootDir>/tools/test/', '<rootDir>/test/'];
const ignored = ['/node_modules/', '/dist/'];

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@cx/(contracts|platform|testing)$': '<rootDir>/libs/$1/src',
  },
  testTimeout: 120000,
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,tools,bench,infra}/**/*.spec.ts'],
      testPathIgnorePatterns: [...ignored, ...inTestFolder],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/unit-setup.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{libs,services}/*/test/**/*.spec.ts',
        '<rootDir>/tools/test/**/*.spec.ts',
        '<rootDir>/test/**/*.spec.ts',
      ],
      testPathIgnorePatterns: [...ignored, ...system],
    },
    {
      ...shared,
      displayName: 'system',
      testMatch: system.map((dir) => `${dir}**/*.spec.ts`),
      testPathIgnorePatterns: ignored,
    },
  ],
  testTimeout: 120000,
  // Integration and fault tests start processes and hold connections: keep workers few and honest.
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
  forceExit: false,
  detectOpenHandles: false,
};
