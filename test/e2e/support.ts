/**
 * End-to-end support: the built add-in (dist/, or a fresh build when dist/ is older than the
 * sources), the Excel stand-in bundled for the browser, a static server on 127.0.0.1, and Debian's
 * chromium driven by playwright-core. No network beyond loopback: every other request is aborted.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import { chromium, type BrowserContext } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
export const SHOTS = path.join(ROOT, "test-results", "e2e");

const PAGE_FILES = ["taskpane.html", "taskpane.js", "functions.js", "simWorker.js", "planWorker.js"];

function newestSource(): number {
  let newest = fs.statSync(path.join(ROOT, "webpack.config.js")).mtimeMs;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(tsx?|html|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of ["taskpane", "src", "functions", "scenarios"]) if (fs.existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d));
  return newest;
}

/** Runs a Node script in a child process (webpack cannot run inside jest's module sandbox). */
function node(args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

/** dist/ when it is up to date (`npm test` builds first), else a production build in a temp dir. */
export async function builtAddIn(): Promise<{ dir: string; temporary: boolean }> {
  const dist = path.join(ROOT, "dist");
  const fresh =
    PAGE_FILES.every((f) => fs.existsSync(path.join(dist, f))) &&
    Math.min(...PAGE_FILES.map((f) => fs.statSync(path.join(dist, f)).mtimeMs)) >= newestSource();
  if (fresh) return { dir: dist, temporary: false };
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "scm-e2e-dist-"));
  node([require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] }), "--mode", "production", "--output-path", out, "--no-devtool"]);
  return { dir: out, temporary: true };
}

/** The stand-in (test/e2e/standinEntry.ts) as one browser script. */
export async function standInScript(): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "scm-e2e-standin-"));
  try {
    node([path.join(__dirname, "bundleStandIn.js"), path.join(out, "standin.js")]);
    return fs.readFileSync(path.join(out, "standin.js"), "utf8");
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** Serves `dir` on 127.0.0.1 (a free port). */
export async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent((req.url ?? "/").split("?")[0]).replace(/^\/+/, "");
    const file = path.resolve(dir, rel || "taskpane.html");
    if (!file.startsWith(path.resolve(dir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Debian's chromium, headless, with a fresh profile; office.js is answered with the stand-in. */
export async function launch(standIn: string): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium), as .ci/run does.`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "scm-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 350, height: 900 },
  });
  // Routes run newest first: office.js gets the stand-in; anything not on loopback is refused.
  await context.route(
    (url) => !/^http:\/\/127\.0\.0\.1[:/]/.test(url.href),
    (route) => route.abort(),
  );
  await context.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: standIn }));
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
