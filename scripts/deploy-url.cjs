/*
 * The address where dist/ is hosted, for the production manifest (`npm run build -- --env url=...`):
 * webpack.config.js rewrites every dev-server URL of manifest.xml to it. CommonJS, so that both
 * webpack.config.js and the jest tests can require it (.cjs: jest loads it untransformed).
 */

/** The dev server's base URL: manifest.xml points every URL at it. */
const DEV_BASE_URL = "https://localhost:3000/";

/**
 * `raw` as the base URL of the hosted add-in: an absolute https:// URL that ends with "/" (added if
 * missing), without query, fragment or credentials. Throws an Error that says what is wrong otherwise.
 */
function deployBaseUrl(raw) {
  const usage = "Usage: npm run build -- --env url=https://your.host/path/ (the https:// address where dist/ will be hosted)";
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new Error(`--env url needs an address. ${usage}`);
  }
  const text = raw.trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--env url=${text} is not an absolute URL. ${usage}`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`--env url=${text} must use https:// (Office loads add-ins over HTTPS only). ${usage}`);
  }
  if (url.username || url.password) throw new Error(`--env url=${text} must not contain a user name or password.`);
  if (url.search || url.hash || /[?#]/.test(text)) throw new Error(`--env url=${text} must not have a query (?) or fragment (#).`);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.href;
}

/** Escapes a value for an XML attribute or text node. */
function xmlEscape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/**
 * manifest.xml with every dev-server URL pointing at `baseUrl` instead (a result of deployBaseUrl).
 * Throws if "localhost" remains anywhere afterwards (a URL written without the trailing "/", another
 * port, a comment...): a manifest half pointing at a developer's machine must not be deployed.
 */
function rewriteManifest(xml, baseUrl) {
  const out = xml.split(DEV_BASE_URL).join(xmlEscape(baseUrl));
  const line = out.split("\n").findIndex((l) => /localhost/i.test(l));
  if (line >= 0) {
    throw new Error(
      `manifest.xml line ${line + 1} still mentions localhost after replacing ${DEV_BASE_URL} by ${baseUrl}: write its URLs as ${DEV_BASE_URL}...`,
    );
  }
  return out;
}

module.exports = { DEV_BASE_URL, deployBaseUrl, rewriteManifest, xmlEscape };
