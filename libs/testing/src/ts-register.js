/* Lets child processes started by integration tests (workers to kill, for instance) run the
   TypeScript sources directly: `node -r libs/testing/src/ts-register.js apps/worker/src/main.ts`. */
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../..');
const swc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
const options = {
  ...swc,
  swcrc: false,
  jsc: { ...swc.jsc, baseUrl: root, paths: { '@xietong/*': ['libs/*/src'] } },
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
