/**
 * The documents a newcomer starts from stay true to the code:
 * - ARCHITECTURE.md is the design notes the code cites: every "ARCHITECTURE.md section N" in a comment
 *   or test name names a section that exists, no code cites a file outside the repository (the notes
 *   used to live in a design.md beside it), and every file path the notes name exists;
 * - the README opens with "Start here", and its Contents links every section, each link resolving.
 * (The README's function examples are evaluated by test/functions/readme.test.ts.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";

const ROOT = join(__dirname, "..");
const FOLDERS = ["src", "functions", "taskpane", "cli", "test", "bench", "scripts"];
const notes = readFileSync(join(ROOT, "ARCHITECTURE.md"), "utf8");

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|tsx|js|cjs|mjs|html|json)$/.test(name)) out.push(path);
  }
  return out;
}
const files = FOLDERS.flatMap((f) => sourceFiles(join(ROOT, f))).map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, "utf8"),
}));

/** The section numbers of ARCHITECTURE.md's headings: "8", "8.1", ... */
const sections = new Set([...notes.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]));

test("every ARCHITECTURE.md section the code cites exists", () => {
  expect(sections.size).toBeGreaterThan(10);
  const missing: string[] = [];
  for (const { path, text } of files) {
    for (const m of text.matchAll(/ARCHITECTURE\.md,? sections? (\d+(?:\.\d+)?)/g)) {
      if (!sections.has(m[1])) missing.push(`${path}: section ${m[1]}`);
    }
  }
  expect(missing).toEqual([]);
});

test("no code cites a file outside the repository", () => {
  const outside = /\bdesign\.md\b|reference-cases\.md|\.\.\/shared\/|\/work\/shared/;
  const hits = files.filter(({ path, text }) => path !== relative(ROOT, __filename) && outside.test(text)).map(({ path }) => path);
  expect(hits).toEqual([]);
});

test("every file path ARCHITECTURE.md names exists", () => {
  const paths = [...notes.matchAll(/`([\w.-]+\/[\w./-]*)`/g)]
    .map((m) => m[1])
    .filter((p) => !/^(dist|test-results)\//.test(p) && !/NAME|\*/.test(p));
  expect(paths.length).toBeGreaterThan(50);
  expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
});

/** GitHub's anchor of a heading: lower case, punctuation other than "-" and "_" dropped, spaces to "-". */
const anchor = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");

describe("README.md", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8").replace(/^```[\s\S]*?^```/gm, ""); // headings outside code
  const headings = [...readme.matchAll(/^(#{2,3}) (.+)$/gm)].map((m) => ({ level: m[1].length, text: m[2] }));
  const contents = /^## Contents\n([\s\S]*?)\n## /m.exec(readme)?.[1] ?? "";

  test("opens with Start here, then Contents", () => {
    expect(
      headings
        .filter((h) => h.level === 2)
        .slice(0, 3)
        .map((h) => h.text),
    ).toEqual(["Start here", "Contents", "Setup"]);
  });

  test("every link to a section resolves to a heading", () => {
    const anchors = new Set(headings.map((h) => anchor(h.text)));
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((a) => !anchors.has(a))).toEqual([]);
  });

  test("Contents links every section", () => {
    const linked = new Set([...contents.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]));
    const sections = headings.filter((h) => h.level === 2 && h.text !== "Contents").map((h) => anchor(h.text));
    expect(sections.filter((a) => !linked.has(a))).toEqual([]);
  });
});
