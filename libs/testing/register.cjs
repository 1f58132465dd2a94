// Lets a child process of a test run our TypeScript directly: `node -r libs/testing/register.cjs file.ts`.
// Fault tests use it to start relays and consumers as real processes they can kill by pid.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const aliases = {
  '@cx/contracts': path.join(root, 'libs/contracts/src/index.ts'),
  '@cx/platform': path.join(root, 'libs/platform/src/index.ts'),
  '@cx/testing': path.join(root, 'libs/testing/src/index.ts'),
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, aliases[request] ?? request, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
