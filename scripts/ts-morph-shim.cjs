'use strict';
// What the shipped CLI bundle gets for `import { ts } from 'ts-morph'` (scripts/build.mjs): the
// TypeScript compiler that ts-morph carries, and nothing else. Core reads compiler nodes only and
// never builds a ts-morph Project, so ts-morph's wrappers and @ts-morph/common's embedded lib .d.ts
// texts (4 MB of the bundle, compiled and initialised at every start) are left out. The same
// module object ts-morph re-exports (through getters), so the same enums and functions.
module.exports = { ts: require('@ts-morph/common/dist/typescript.js') };
