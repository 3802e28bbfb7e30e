/** Typed access to scripts/deploy-url.cjs (CommonJS, shared with webpack.config.js). */
export const { DEV_BASE_URL, deployBaseUrl, rewriteManifest } = require("../../scripts/deploy-url.cjs") as {
  DEV_BASE_URL: string;
  deployBaseUrl: (raw: unknown) => string;
  rewriteManifest: (xml: string, baseUrl: string) => string;
};
