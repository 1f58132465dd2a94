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

/** @type {import('jest').Config} */
module.exports = {
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
  testMatch: ['<rootDir>/{libs,services,bench,infra,test}/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120000,
  // Integration and fault tests start processes and hold connections: keep workers few and honest.
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
  forceExit: false,
  detectOpenHandles: false,
};
