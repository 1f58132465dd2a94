// Nx 23 loads a .ts generator only through @swc-node/register or ts-node (neither is installed here) or
// Node's own type stripping (Node 22.6+): this entry compiles it with the swc hook the tests use.
require('../../../libs/testing/register.cjs');
module.exports = require('./generator.ts');
