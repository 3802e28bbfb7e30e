// npm start: build and serve the add-in at https://localhost:3000, then load it into Excel.
//  - Windows, macOS: office-addin-debugging starts the dev server and sideloads manifest.xml into
//    desktop Excel (the Yeoman-template workflow); `npm stop` undoes both.
//  - Elsewhere (Linux: no desktop Excel): run the dev server here, in the foreground, record its PID
//    in .scm-dev-server.pid for `npm stop`, and print how to upload manifest.xml to Excel on the web.
//    The server's output goes through scripts/dev-server-output.cjs: build progress, then "Ready"
//    once the page answers, instead of a minute of "wait until bundle finished" and asset listings.
import { spawn, spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PID_FILE = join(ROOT, ".scm-dev-server.pid");
const MANIFEST = join(ROOT, "manifest.xml");
const PORT = 3000;
const PAGE_URL = `https://localhost:${PORT}/taskpane.html`;
const READY_TIMEOUT_S = 300; // a first build on a busy 2-core machine can be slow
const require = createRequire(import.meta.url);
const { createDevServerOutput } = require("./dev-server-output.cjs");

if (process.platform === "win32" || process.platform === "darwin") {
  const cli = require.resolve("office-addin-debugging/cli.js");
  const args = [cli, "start", MANIFEST, "desktop", "--app", "excel"];
  const { status } = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
  process.exit(status ?? 1);
}

if (isDevServer(readPid())) {
  console.error(`The dev server is already running (PID ${readPid()}). Run \`npm stop\` first.`);
  process.exit(1);
}
if (await portInUse(PORT)) {
  console.error(`Port ${PORT} is in use by another program. Stop it, then run \`npm start\` again.`);
  process.exit(1);
}

const certs = await prepareCertificates();
const webpackCli = require.resolve("webpack-cli/bin/cli.js");
// --progress and --stats errors-warnings: what dev-server-output.cjs reads (percentages, the
// "compiled" line, errors and warnings) instead of every asset's size.
const serveArgs = [webpackCli, "serve", ...certs.webpackArgs, "--progress", "--stats", "errors-warnings"];
console.log("Building the add-in (the first build takes up to a minute)...");
const startedAt = Date.now();
const server = spawn(process.execPath, serveArgs, { cwd: ROOT, stdio: ["inherit", "pipe", "pipe"] });
writeFileSync(PID_FILE, `${server.pid}\n`);
const output = createDevServerOutput({ write: (text) => process.stdout.write(text), isTTY: Boolean(process.stdout.isTTY) });
for (const stream of [server.stdout, server.stderr]) createInterface({ input: stream, crlfDelay: Infinity }).on("line", output.line);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopping = true;
    server.kill("SIGTERM");
  });
}
server.on("exit", (code, signal) => {
  output.clear();
  if (readPid() === server.pid) rmSync(PID_FILE, { force: true });
  // Ctrl+C here, or `npm stop` (webpack-dev-server exits with code 0 after a graceful shutdown).
  const stoppedOnPurpose = stopping || signal === "SIGTERM" || code === 0;
  if (!stoppedOnPurpose) console.error(`The dev server exited (${signal ?? `code ${code}`}).`);
  else console.log("The dev server has stopped.");
  process.exit(stoppedOnPurpose ? 0 : code || 1);
});

if (await waitUntilServing(PAGE_URL, READY_TIMEOUT_S)) {
  output.clear();
  printWebInstructions(server.pid, certs, Math.round((Date.now() - startedAt) / 1000));
} else if (!stopping) {
  output.clear();
  console.error(`No answer from ${PAGE_URL} after ${READY_TIMEOUT_S} s; stopping the dev server.`);
  server.kill("SIGTERM");
}

// ---------------------------------------------------------------------------------------------

/**
 * Trusted certificates when office-addin-dev-certs has installed (or can install) its CA; on Linux
 * that needs sudo. Otherwise its self-signed certificates, untrusted, passed to webpack-dev-server
 * as CLI flags (in production mode: development mode in webpack.config.js insists on a trusted CA).
 * The fallback reuses existing files, so a CA the user imported into a browser stays valid.
 */
async function prepareCertificates() {
  const devCerts = require("office-addin-dev-certs");
  const dir = join(homedir(), ".office-addin-dev-certs");
  const files = { ca: join(dir, "ca.crt"), cert: join(dir, "localhost.crt"), key: join(dir, "localhost.key") };
  const trusted = { trusted: true, files, webpackArgs: ["--mode", "development"] };
  if (devCerts.verifyCertificates()) return trusted;
  if (process.platform !== "linux" || commandExists("sudo")) {
    try {
      await devCerts.ensureCertificatesAreInstalled();
      return trusted;
    } catch (err) {
      console.warn(`Could not install the localhost CA certificate: ${firstLine(err)}`);
    }
  } else {
    console.warn("Cannot install the localhost CA certificate here (installing it needs sudo).");
  }
  console.warn("Serving with an untrusted self-signed certificate instead (see the steps printed below).");
  if (!usable(files)) await devCerts.generateCertificates(files.ca, files.cert, files.key);
  const flags = ["--server-type", "https", "--server-options-key", files.key, "--server-options-cert", files.cert];
  // Not minified, like the development mode of the trusted case: minifying is half the first build
  // (Terser, about 10 of 17 s on 2 cores) and buys nothing on localhost.
  return { trusted: false, files, webpackArgs: ["--mode", "production", "--no-optimization-minimize", ...flags] };
}

/** The certificate files exist and the localhost certificate is valid for at least another day. */
function usable(files) {
  if (![files.ca, files.cert, files.key].every((f) => existsSync(f))) return false;
  const validTo = Date.parse(new X509Certificate(readFileSync(files.cert)).validTo);
  return validTo - Date.now() > 24 * 3600 * 1000;
}

function commandExists(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function printWebInstructions(pid, certs, seconds) {
  const trustStep = certs.trusted
    ? "The localhost certificate is trusted by this machine (office-addin-dev-certs installed its CA)."
    : [
        `Trust the localhost certificate in the browser you use for Excel: import the CA certificate`,
        `     ${certs.files.ca}`,
        `     as a certificate authority (Chrome/Edge: Settings > Privacy and security > Security > Manage`,
        `     certificates > Authorities > Import; Firefox: Settings > Privacy & Security > Certificates >`,
        `     View Certificates > Authorities > Import), or at least open ${PAGE_URL}`,
        `     once and accept the warning. (\`npx office-addin-dev-certs install\` trusts it system-wide; needs sudo.)`,
      ].join("\n");
  console.log(`
========================================================================================
 Ready: ${PAGE_URL} (after ${seconds} s) — now upload manifest.xml to Excel on the web:
 (Dev server PID ${pid}, in .scm-dev-server.pid. No desktop Excel on ${process.platform}.)

  1. ${trustStep}
  2. Open a workbook in Excel on the web (https://www.office.com > Excel).
  3. Insert > Add-ins > My Add-ins > Upload My Add-in (on some layouts: Home > Add-ins >
     More Add-ins > My Add-ins), choose
     ${MANIFEST}
     and select Upload.
  4. The Home tab gains an "SCM Analysis" button (opens the task pane), and cells accept
     =SCM.EOQ(...), =SCM.SAFETY_STOCK(...) and the other SCM functions.
 Keep this server running while you use the add-in. Stop it with \`npm stop\` (or Ctrl+C).
========================================================================================
`);
}

function readPid() {
  if (!existsSync(PID_FILE)) return undefined;
  const pid = Number.parseInt(readFileSync(PID_FILE, "utf8"), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Running, and (where /proc tells) really a webpack dev server, not a process that reused the PID. */
function isDevServer(pid) {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0); // signal 0: existence check only
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, "utf8").includes("webpack");
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "localhost" });
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/** True when the URL answers 200; the certificate is not checked (it may be our self-signed one). */
function answers(url) {
  return new Promise((resolve) => {
    const request = https.get(url, { rejectUnauthorized: false, timeout: 5000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

async function waitUntilServing(url, timeoutSeconds) {
  for (let waited = 0; waited < timeoutSeconds && !stopping; waited++) {
    if (await answers(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
}

function firstLine(err) {
  return (
    String(err instanceof Error ? err.message : err)
      .split("\n")
      .find((line) => line.trim() !== "") ?? "unknown error"
  );
}
