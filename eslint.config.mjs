// `npm run lint`: the recommended JavaScript and typescript-eslint rules (not type-aware, so it stays
// fast; `npm run typecheck` does the type work), plus the rules of hooks for the admin.
import js from "@eslint/js"
import reactHooks from "eslint-plugin-react-hooks"
import globals from "globals"
import tseslint from "typescript-eslint"

export default tseslint.config(
  { ignores: [".medusa/", "node_modules/", "test-artifacts/", "examples/", "coverage/", "dist/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_name` marks a value left unused on purpose (a destructured field dropped, a required parameter)
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["src/admin/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat.recommended,
  },
  {
    // tests, benchmarks and scripts read loosely typed JSON answers and fixtures
    files: ["tests/**", "bench/**", "scripts/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // the demo storefront's pages run in the browser
    files: ["scripts/demo/storefront/public/**"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // scripts and CommonJS shims are loaded with require()
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
)
