import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/** ESLint flat config: Next's recommended rules plus the house rules from STYLE.md. */
const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-test/**",
      ".next-*/**",
      ".data/**",
      "lib/generated/**",
      "test-results/**",
      "test-results-*/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      eqeqeq: ["error", "always"],
      curly: ["error", "all"],
      "no-console": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Command-line entry points and test harnesses talk to the terminal on purpose.
    files: ["scripts/**", "bench/**", "e2e/**", "**/*.test.ts", "**/*.fixture.ts"],
    rules: { "no-console": "off" },
  },
];

export default config;
