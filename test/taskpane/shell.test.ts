/*
 * The built task pane page (dist/taskpane.html): accessible skeleton, office.js before the bundles of
 * the shared runtime, the wizard's mount point, and help for every function in functions.json. The
 * script itself (the wizard, the help filter, the page outside Office) runs in a real browser in
 * test/e2e/wizard.test.ts.
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { join, resolve } from "path";

const ROOT = resolve(__dirname, "../..");
const DIST = join(ROOT, "dist");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

function ensureBuilt(): void {
  if (existsSync(join(DIST, "taskpane.html")) && existsSync(join(DIST, "functions.json"))) return;
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  execFileSync(process.execPath, [webpackCli, "--mode", "production"], { cwd: ROOT, stdio: "pipe" });
}

let html: string;

beforeAll(() => {
  ensureBuilt();
  html = readFileSync(join(DIST, "taskpane.html"), "utf8");
});

/** The help list as written in the page: function name -> its one-line text. */
function helpItems(): Map<string, string> {
  const items = new Map<string, string>();
  for (const m of html.matchAll(/<li data-function="([A-Z0-9_.]+)">([\s\S]*?)<\/li>/g)) {
    items.set(
      m[1],
      m[2]
        .replace(/<[^>]+>/g, "")
        .replace(/\s+/g, " ")
        .trim(),
    );
  }
  return items;
}

describe("taskpane.html", () => {
  test("has the accessible skeleton: language, viewport, one h1, section headings, a labelled input", () => {
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<meta name="viewport" content="width=device-width,\s*initial-scale=1"\s*\/?>/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect((html.match(/<h2[\s>]/g) ?? []).length).toBeGreaterThanOrEqual(2);
    const inputs = [...html.matchAll(/<input id="([^"]+)"/g)].map((m) => m[1]);
    expect(inputs.length).toBeGreaterThan(0);
    for (const id of inputs) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain('role="status"');
    expect(html).toContain("prefers-color-scheme: dark");
  });

  test("loads office.js from Microsoft's CDN before the functions and task pane bundles", () => {
    const sources = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(sources[0]).toBe(OFFICE_JS);
    // the worker is loaded by the script (new Worker), not by the page
    expect(sources.slice(1).sort()).toEqual(["functions.js", "taskpane.js"]);
    expect(html.indexOf(OFFICE_JS)).toBeLessThan(html.indexOf('src="functions.js"'));
  });

  test("lists every function of functions.json, one line each", () => {
    const metadata = JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8")) as { functions: { id: string }[] };
    const items = helpItems();
    expect([...items.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    for (const [id, text] of items) {
      expect(text.startsWith(`SCM.${id} `)).toBe(true);
      expect(text.length).toBeGreaterThan(`SCM.${id} `.length + 20); // says what it does
    }
  });

  test("the forecasting functions' help shows one example formula each, of the function itself", () => {
    const items = [...html.matchAll(/<li data-function="([A-Z0-9_.]+)">([\s\S]*?)<\/li>/g)];
    const examples = new Map(
      items.map((m) => [m[1], [...m[2].matchAll(/<span class="example">[\s\S]*?<code>([^<]*)<\/code>/g)].map((e) => e[1])]),
    );
    for (const id of ["FORECAST", "FORECAST_FIT", "FORECAST_SAFETY_STOCK"]) {
      expect([id, examples.get(id)?.length]).toEqual([id, 1]);
      expect(examples.get(id)![0]).toMatch(new RegExp(`^=SCM\\.${id}\\(.+\\)$`));
    }
    for (const [id, list] of examples) for (const formula of list) expect(formula.startsWith(`=SCM.${id}(`)).toBe(true);
  });

  test("mounts the wizard before the function help", () => {
    expect(html).toMatch(/<div id="wizard"/);
    expect(html.indexOf('id="wizard"')).toBeLessThan(html.indexOf('id="function-list"'));
  });
});
