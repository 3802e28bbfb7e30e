/*
 * The production build for a hosting address: `npm run build -- --env url=https://example.org/scm`
 * (here into a temporary folder with webpack's --output-path, so dist/ is left alone) writes a
 * manifest whose every URL points at https://example.org/scm/ and at a file the build emits, and that
 * passes the same offline checks as manifest.xml. One real production build (about 20-30 s).
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describeManifest, ROOT, runWebpack } from "./support/manifestChecks";
import { DEV_BASE_URL, deployBaseUrl, rewriteManifest } from "./support/deployUrl";

const BASE_URL = "https://example.org/scm/";
let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "scm-deploy-"));
  runWebpack(["--env", "url=https://example.org/scm", "--output-path", out]); // no trailing "/": the build adds it
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("the production build with --env url", () => {
  test("leaves no localhost in dist/manifest.xml and keeps the rest of manifest.xml as is", () => {
    const deployed = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(deployed).not.toMatch(/localhost/i);
    const source = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    expect(deployed).toBe(source.split(DEV_BASE_URL).join(BASE_URL));
    expect(deployed.split(BASE_URL).length - 1).toBeGreaterThanOrEqual(10);
  });

  test("does not touch the functions and the task pane (they use relative URLs)", () => {
    for (const file of ["functions.js", "taskpane.js", "taskpane.html", "functions.json"]) {
      expect({ file, localhost: /localhost:3000/.test(readFileSync(join(out, file), "utf8")) }).toEqual({ file, localhost: false });
    }
  });
});

describeManifest("dist/manifest.xml built with --env url", () => ({ manifest: join(out, "manifest.xml"), dist: out, baseUrl: BASE_URL }));

describe("the hosting address (--env url)", () => {
  test.each([
    ["https://example.org/scm/", "https://example.org/scm/"],
    ["https://example.org/scm", "https://example.org/scm/"],
    ["https://example.org", "https://example.org/"],
    ["  https://Example.ORG:8443/a/b  ", "https://example.org:8443/a/b/"],
    ["https://contoso.sharepoint.com/sites/scm add-in/", "https://contoso.sharepoint.com/sites/scm%20add-in/"],
  ])("accepts %j as %j", (raw, expected) => {
    expect(deployBaseUrl(raw)).toBe(expected);
  });

  test.each([
    ["http://example.org/scm/", /must use https/],
    ["example.org/scm/", /not an absolute URL/],
    ["", /needs an address/],
    [true, /needs an address/], // `--env url` without a value
    ["https://user:secret@example.org/", /user name or password/],
    ["https://example.org/scm/?v=2", /query/],
    ["https://example.org/scm/#top", /fragment/],
  ])("rejects %j with a clear message", (raw, message) => {
    expect(() => deployBaseUrl(raw)).toThrow(message);
  });

  test("escapes the address for XML and refuses a manifest that would still mention localhost", () => {
    const xml = `<a href="${DEV_BASE_URL}x.html"/>`;
    expect(rewriteManifest(xml, "https://example.org/r&d/")).toBe('<a href="https://example.org/r&amp;d/x.html"/>');
    expect(() => rewriteManifest(`${xml}\n<b href="https://localhost:3000"/>`, BASE_URL)).toThrow(/line 2 still mentions localhost/);
  });

  test("an invalid address stops the build with the message, before compiling", () => {
    const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    const args = [webpackCli, "--mode", "production", "--env", "url=http://example.org/", "--output-path", join(out, "never")];
    let stderr = "";
    try {
      execFileSync(process.execPath, args, { cwd: ROOT, stdio: "pipe", encoding: "utf8" });
    } catch (err) {
      stderr = String((err as { stderr?: string }).stderr);
    }
    expect(stderr).toContain("--env url=http://example.org/ must use https://");
  });
});
