/**
 * The built custom-functions bundle, loaded the way Excel's runtime loads it: dist/functions.js run in
 * a fresh global context (node:vm) that provides only a `CustomFunctions` stand-in, whose
 * associate(id, fn) records each function, and setTimeout (which Excel's runtimes have: the
 * cancelable functions pause with it between slices). Calls run with a time limit, so a hang fails
 * the test instead of freezing it (the limit covers the synchronous part of a call: a cancelable
 * function's first slice).
 *
 * dist/ is used when it is newer than every source of the bundle (`npm test` builds first);
 * otherwise the functions entry is built with the project's own webpack.config.js into a temp dir.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";
import { ERROR_CODES, StandInError } from "./standIn";

const ROOT = path.resolve(__dirname, "../..");

export interface Bundle {
  dir: string;
  metadata: { allowErrorForDataTypeAny?: boolean; functions: MetadataFunction[] };
  associated: Map<string, unknown>;
  /** Calls function `id` inside the bundle's context; throws if it runs longer than timeoutMs. */
  call(id: string, args: unknown[], timeoutMs?: number): unknown;
  /** Removes the temporary build, if the test made one. */
  cleanup(): void;
}

export interface MetadataFunction {
  id: string;
  name: string;
  description?: string;
  parameters: { name: string; description?: string; dimensionality?: string; optional?: boolean; type?: string }[];
  options?: { cancelable?: boolean; stream?: boolean; volatile?: boolean };
  result: { dimensionality?: string; type?: string };
}

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(ROOT, "functions"));
  walk(path.join(ROOT, "src"));
  return Math.max(newest, fs.statSync(path.join(ROOT, "webpack.config.js")).mtimeMs);
}

function freshDist(): string | undefined {
  const dir = path.join(ROOT, "dist");
  const js = path.join(dir, "functions.js");
  const json = path.join(dir, "functions.json");
  if (!fs.existsSync(js) || !fs.existsSync(json)) return undefined;
  const built = Math.min(fs.statSync(js).mtimeMs, fs.statSync(json).mtimeMs);
  return built >= newestSource() ? dir : undefined;
}

/** Builds only the functions entry (same loaders and metadata plugin as `npm run build`). */
async function buildFunctionsOnly(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "scm-functions-"));

  const webpack = require("webpack");

  const configure = require(path.join(ROOT, "webpack.config.js"));
  const cwd = process.cwd();
  process.chdir(ROOT); // the config's paths are relative to the project root
  try {
    const config = await configure({}, { mode: "production" });
    config.mode = "production";
    config.context = ROOT;
    config.entry = { functions: config.entry.functions };
    config.output = { ...config.output, path: outDir };
    config.devtool = false;
    // Keep the metadata plugins (functions.json, then its allowErrorForDataTypeAny flag); the task pane
    // page and file copies are not needed here.
    const keep = ["CustomFunctionsMetadataPlugin", "AllowErrorInputsPlugin"];
    config.plugins = config.plugins.filter((p: object) => keep.includes(p.constructor.name));
    await new Promise<void>((resolve, reject) =>
      webpack(config, (err: Error | null, stats: { hasErrors(): boolean; toString(o: string): string }) => {
        if (err) reject(err);
        else if (stats.hasErrors()) reject(new Error(stats.toString("errors-only")));
        else resolve();
      }),
    );
  } finally {
    process.chdir(cwd);
  }
  return outDir;
}

export async function loadBundle(): Promise<Bundle> {
  const dist = freshDist();
  const dir = dist ?? (await buildFunctionsOnly());
  const code = fs.readFileSync(path.join(dir, "functions.js"), "utf8");
  const metadata = JSON.parse(fs.readFileSync(path.join(dir, "functions.json"), "utf8"));
  const associated = new Map<string, unknown>();
  const context = vm.createContext({
    CustomFunctions: {
      Error: StandInError,
      ErrorCode: ERROR_CODES,
      associate: (id: string, fn: unknown) => {
        associated.set(id, fn);
      },
    },
    setTimeout: (callback: () => void, ms?: number) => setTimeout(callback, ms),
  });
  vm.runInContext(code, context, { filename: "functions.js", timeout: 10000 });
  context.__associated = associated;
  return {
    dir,
    metadata,
    associated,
    call(id, args, timeoutMs = 20000) {
      context.__id = id;
      context.__args = args;
      return vm.runInContext("__associated.get(__id)(...__args)", context, { timeout: timeoutMs });
    },
    cleanup() {
      if (!dist) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
