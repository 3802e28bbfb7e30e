/** jest: TypeScript through ts-jest; office-addin-mock pulls ESM-only packages that must be transformed. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }],
    "^.+\\.m?js$": ["ts-jest", { tsconfig: { allowJs: true }, isolatedModules: true }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(office-addin-mock|office-addin-manifest|office-addin-usage-data)/)"],
  testTimeout: 120000,
};
