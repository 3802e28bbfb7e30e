/*
 * The requirement sets manifest.xml declares cover the Office APIs the code uses.
 *
 * The TypeScript checker resolves every name used in functions/ and taskpane/ to its declaration; the
 * Office type definitions (@types/office-js, custom-functions-runtime, office-runtime) tag each API
 * with "[Api set: NAME VERSION]". An enum without a tag of its own (CustomFunctions.ErrorCode, whose
 * values the functions cast from "#VALUE!", "#NUM!"...) counts as its lowest-tagged member. Names in
 * strings (range.load("values"), object literals given to set()) are not seen: the sets found are a
 * lower bound. Excel's own API (ExcelApi) may instead be checked at run time, as the task pane does
 * with isSetSupported("ExcelApi", EXCEL_API), so that the functions still load where the wizard cannot
 * build.
 * Custom-functions metadata features have their own sets (Microsoft, "Custom Functions requirement
 * sets"): @requiresParameterAddresses 1.3, allowCustomDataForDataTypeAny 1.4.
 */
import { readdirSync, readFileSync } from "fs";
import { join, resolve, sep } from "path";
import * as ts from "typescript";
import { declaredSets, parseXml, ROOT } from "./support/manifestChecks";

const OFFICE_TYPES = ["office-js", "custom-functions-runtime", "office-runtime"].map((p) => `${sep}@types${sep}${p}${sep}`);
const API_SET = /\[\s*Api set:\s*([A-Za-z]+)\s+(\d+(?:\.\d+)*)/;

/** Metadata features found as text in the functions' JSDoc or the build config. */
const METADATA_FEATURES: { pattern: RegExp; set: string; version: string; what: string }[] = [
  { pattern: /@requiresParameterAddresses\b/, set: "CustomFunctionsRuntime", version: "1.3", what: "@requiresParameterAddresses" },
  { pattern: /\ballowCustomDataForDataTypeAny\b/, set: "CustomFunctionsRuntime", version: "1.4", what: "allowCustomDataForDataTypeAny" },
];

interface Use {
  set: string;
  version: string;
  api: string; // the name used, for messages
  where: string; // file:line
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** 1.10 > 1.9: compares dotted versions part by part. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function tagOf(decl: ts.Declaration): { set: string; version: string } | undefined {
  const file = decl.getSourceFile();
  if (!OFFICE_TYPES.some((p) => resolve(file.fileName).includes(p))) return undefined;
  const doc = file.text.slice(decl.getFullStart(), decl.getStart());
  const m = API_SET.exec(doc);
  if (m) return { set: m[1], version: m[2] };
  if (ts.isEnumDeclaration(decl)) {
    const tags = decl.members.map(tagOf).filter((t): t is { set: string; version: string } => t !== undefined);
    tags.sort((x, y) => compareVersions(x.version, y.version));
    return tags[0];
  }
  return undefined;
}

/** Every tagged Office API the given files use. */
function officeApiUses(files: string[]): Use[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!parsed) throw new Error("cannot read tsconfig.json");
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const wanted = new Set(files.map((f) => resolve(f)));
  const uses: Use[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!wanted.has(resolve(sf.fileName))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const symbol = checker.getSymbolAtLocation(node);
        const aliased = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        for (const decl of aliased?.declarations ?? []) {
          const tag = tagOf(decl);
          if (tag) {
            const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
            uses.push({ ...tag, api: node.text, where: `${sf.fileName.slice(ROOT.length + 1)}:${line}` });
            break;
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

let declared: Record<string, string>;
let uses: Use[];
let taskpaneSource: string;

beforeAll(async () => {
  const root = await parseXml(readFileSync(join(ROOT, "manifest.xml"), "utf8"));
  declared = declaredSets(root);
  const files = [...sourceFiles(join(ROOT, "functions")), ...sourceFiles(join(ROOT, "taskpane"))];
  uses = officeApiUses(files);
  for (const file of [...sourceFiles(join(ROOT, "functions")), join(ROOT, "webpack.config.js")]) {
    const text = readFileSync(file, "utf8");
    for (const f of METADATA_FEATURES) {
      if (f.pattern.test(text)) uses.push({ set: f.set, version: f.version, api: f.what, where: file.slice(ROOT.length + 1) });
    }
  }
  taskpaneSource = readFileSync(join(ROOT, "taskpane", "taskpane.ts"), "utf8");
}, 120_000);

/** The highest version of `set` the code uses, with one use that needs it. */
function highest(set: string): Use | undefined {
  return uses.filter((u) => u.set === set).sort((a, b) => compareVersions(b.version, a.version))[0];
}

describe("requirement sets", () => {
  test("the scan sees the custom-functions APIs the functions use", () => {
    // CustomFunctions.Error (with a message for #VALUE! and #N/A): CustomFunctionsRuntime 1.2.
    expect(uses).toContainEqual(expect.objectContaining({ set: "CustomFunctionsRuntime", version: "1.2", api: "Error" }));
    // CustomFunctions.ErrorCode (the codes #VALUE!, #NUM!, #DIV/0!, #N/A): documented from 1.3.
    expect(uses).toContainEqual(expect.objectContaining({ set: "CustomFunctionsRuntime", version: "1.3", api: "ErrorCode" }));
    // The cancelable functions' invocation.onCanceled (functions/slices.ts): CustomFunctionsRuntime 1.1.
    expect(uses).toContainEqual(expect.objectContaining({ set: "CustomFunctionsRuntime", version: "1.1", api: "onCanceled" }));
    // The constructor is called with a message somewhere (the #VALUE! and #N/A messages).
    const errors = readFileSync(join(ROOT, "functions", "excelErrors.ts"), "utf8");
    expect(errors).toMatch(/new CustomFunctions\.Error\(\w+, \w+\)/);
  });

  test("manifest.xml declares every requirement set the code uses, at least at the version it needs (Excel's API aside)", () => {
    const sets = [...new Set(uses.map((u) => u.set))].filter((s) => s !== "ExcelApi");
    expect(sets).toContain("CustomFunctionsRuntime");
    for (const set of sets) {
      const need = highest(set)!;
      const have = declared[set];
      const ok = have !== undefined && compareVersions(have, need.version) >= 0;
      expect({ set, declared: have ?? "nothing", ok }).toEqual({
        set,
        declared: have ?? "nothing",
        ok: true,
        ...(ok ? {} : { needs: `${need.version} for ${need.api} (${need.where})` }),
      });
    }
  });

  test("the Excel API the task pane uses is declared in the manifest or checked at run time (EXCEL_API)", () => {
    const need = highest("ExcelApi");
    expect(need).toBeDefined(); // the writer uses Excel's API
    const guard = /export const EXCEL_API = "(\d+(?:\.\d+)*)"/.exec(taskpaneSource);
    expect(guard).not.toBeNull();
    expect(taskpaneSource).toMatch(/isSetSupported\("ExcelApi", EXCEL_API\)/);
    const covered = Math.max(compareVersions(guard![1], need!.version), compareVersions(declared.ExcelApi ?? "0", need!.version)) >= 0;
    expect({ EXCEL_API: guard![1], covered }).toEqual({
      EXCEL_API: guard![1],
      covered: true,
      ...(covered ? {} : { needs: `ExcelApi ${need!.version} for ${need!.api} (${need!.where})` }),
    });
  });

  test("compares versions part by part", () => {
    expect(compareVersions("1.10", "1.9")).toBe(1);
    expect(compareVersions("1.3", "1.3")).toBe(0);
    expect(compareVersions("1.1", "1.3")).toBe(-1);
    expect(compareVersions("1", "1.0")).toBe(0);
  });
});
