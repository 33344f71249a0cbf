// Lets `node -r ./scripts/register-ts.js file.ts` run TypeScript with the ts-node + swc that Medusa already uses.
require("ts-node").register({ transpileOnly: true, swc: true, compilerOptions: { module: "commonjs" } })
