/**
 * Three projects: fast unit specs for pure code, integration specs against real Postgres, Redis and SMTP,
 * and end-to-end specs driving the built web app in Debian's Chromium against the real api and worker.
 */
const fs = require('node:fs');
const swcConfig = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

const shared = {
  // swc rewrites the @xietong/* aliases itself, so globalSetup (which runs outside jest's resolver) gets them too.
  transform: {
    '^.+\\.(ts|js|mjs)$': [
      '@swc/jest',
      {
        ...swcConfig,
        swcrc: false,
        jsc: { ...swcConfig.jsc, baseUrl: __dirname, paths: { '@xietong/*': ['libs/*/src'] } },
      },
    ],
  },
  // Nest 12 ships its packages as ES modules only. Node loads them from our CommonJS build through
  // require(esm), which Jest's module runtime cannot do before Node 24.9, so Jest compiles them with swc.
  // pdfjs-dist (the PDF reader) is ES modules only as well, in .mjs files, and so are file-type
  // (evidence sniffing) and its tokenizer packages.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|pdfjs-dist|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)',
  ],
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,seeds,bench}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-integration.setup.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/web/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-integration.setup.ts'],
    },
  ],
};
