// ESLint (flat config), run by `npm run lint` through office-addin-lint, which uses this file when it
// exists (else its own default). Microsoft's rules for Office add-ins (eslint-plugin-office-addins,
// "recommended": ESLint's recommended rules, the office-addins rules, Prettier as a rule), as the
// Yeoman templates use them, extended to this layout:
//  - .tsx files get the same rules plus React's (the plugin's "react" config; the templates' own
//    default config leaves .tsx without the office-addins rules);
//  - TypeScript files get typescript-eslint's eslint-recommended adjustments (no-undef and other core
//    rules that the TypeScript compiler already checks are off: `npm run typecheck` does it);
//  - JavaScript files (configs, scripts/) are Node.js code with its globals.
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tseslint from "typescript-eslint";

const TS = ["**/*.{ts,tsx,mts,cts}"];

/** The plugin's recommended block (parser, plugins, rules) applied to more files. */
const recommendedBlock = officeAddins.configs.recommended.find((c) => c.rules?.["office-addins/call-sync-after-load"]);

export default [
  { ignores: ["dist/", "build-tsc/", "coverage/", "test-results/", "out/", "node_modules/"] },
  ...officeAddins.configs.recommended,
  { ...recommendedBlock, files: ["**/*.tsx"] },
  ...officeAddins.configs.react.filter((c) => c.plugins?.react).map((c) => ({ ...c, files: ["**/*.tsx"] })),
  {
    files: ["**/*.tsx"],
    rules: {
      // The automatic JSX runtime (tsconfig "jsx": "react-jsx"): no React import needed in scope.
      "react/react-in-jsx-scope": "off",
      "react/jsx-uses-react": "off",
      // Props are typed by TypeScript.
      "react/prop-types": "off",
    },
  },
  { ...tseslint.configs.eslintRecommended, files: TS },
  {
    // The TypeScript parser for every file, as office-addin-lint's own default config sets it (the
    // plugin's recommended block names it, but its CommonJS build loses it: ESLint would use espree).
    languageOptions: { parser: tseslint.parser },
  },
  {
    // Modern syntax (the plugin's config says ecmaVersion 6, older than tsconfig's ES2020 target) and
    // Node.js globals for the JavaScript files (in TypeScript files tsc checks names instead).
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.node } },
  },
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      // Unused arguments named _x, and rest siblings used to omit properties, are intentional.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    rules: {
      // Control characters in regular expressions are deliberate here: the CLI, the sheet names and
      // the tests reject or strip them from user input and file contents.
      "no-control-regex": "off",
    },
  },
  {
    // The office-addins rules model Office.js proxy objects (load, context.sync); outside the task
    // pane and the functions there is no Office.js, and ExcelJS calls (cli/, test/) look like it.
    files: ["src/**", "cli/**", "bench/**", "test/**", "scripts/**"],
    rules: Object.fromEntries(
      Object.keys(recommendedBlock.rules)
        .filter((r) => r.startsWith("office-addins/"))
        .map((r) => [r, "off"]),
    ),
  },
];
