/**
 * `npm run workbook`: arguments, overwrite protection, the same messages and exit code as
 * `npm run simulate` for bad scenarios, and what the .xlsx file holds (storage prefixes, names,
 * validation, the chart list).
 */
import { readFileSync } from "fs";
import { join } from "path";
import ExcelJS from "../../cli/exceljs";
import { main as simulateMain } from "../../cli/simulate";
import { main as workbookMain, type WorkbookIo } from "../../cli/workbook";
import { toFileFormula } from "../../cli/xlsxWriter";

const beerGame = join(__dirname, "..", "..", "scenarios", "beer-game-benchmark.json");

/** Files in memory: what the command reads and writes, without the disk (the disk is test/cli's). */
function memoryIo(files: Record<string, string> = {}) {
  const written = new Map<string, Uint8Array>();
  let out = "";
  let err = "";
  const io: WorkbookIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => {
      if (p in files) return files[p];
      return readFileSync(p, "utf8");
    },
    exists: (p) => written.has(p) || p in files,
    outProblem: () => null,
    progress: () => undefined,
    writeFile: (p, d) => void written.set(p, d),
  };
  return { io, written, out: () => out, err: () => err };
}

describe("npm run workbook", () => {
  test("writes the workbook; refuses to overwrite it without --force", async () => {
    const m = memoryIo();
    expect(await workbookMain(["--scenario", beerGame, "--out", "beer.xlsx"], m.io)).toBe(0);
    expect(m.written.get("beer.xlsx")!.length).toBeGreaterThan(10000);
    expect(m.out()).toMatch(/wrote beer\.xlsx: 7 sheets \(Inputs, Summary, 1 Retailer, 2 Wholesaler, 3 Distributor, 4 Factory, Scenario\)/);
    const first = m.written.get("beer.xlsx");

    expect(await workbookMain(["--scenario", beerGame, "--out", "beer.xlsx"], m.io)).toBe(2);
    expect(m.err()).toBe("workbook: beer.xlsx already exists; pass --force to overwrite it\n");
    expect(m.written.get("beer.xlsx")).toBe(first);

    expect(await workbookMain(["--scenario", beerGame, "--out=beer.xlsx", "--force"], m.io)).toBe(0);
    expect(m.written.get("beer.xlsx")).not.toBe(first);
  });

  test.each([
    [[], "--scenario FILE is required"],
    [["--scenario", "a.json"], "--out FILE.xlsx is required"],
    [["--scenario", "a.json", "--out", "a.csv"], "--out must name an .xlsx file; got a.csv"],
    [["--scenario", "a.json", "--out", "a.xlsx", "--replications", "3"], "unknown argument --replications"],
  ])("bad arguments %j: exit 2 and a usage line", async (argv, message) => {
    const m = memoryIo();
    expect(await workbookMain(argv as string[], m.io)).toBe(2);
    expect(m.err()).toBe(`workbook: ${message}\nusage: npm run workbook -- --scenario FILE --out FILE.xlsx [--force]\n`);
    expect(m.written.size).toBe(0);
  });

  const bad: Record<string, string> = {
    "bad-schema.json": JSON.stringify({ name: "x", network: "serial", demand: { distribution: "normal", mean: -1, sd: 1 }, stages: [] }),
    "bad-rules.json": JSON.stringify({
      name: "x",
      network: "serial",
      periods: 10,
      warmup: 9,
      demand: { distribution: "series", values: [1, 2] },
      stages: [{ name: "a", leadTime: 1, initialInventory: 0, holdingCost: 1, backlogCost: 1, policy: { type: "base-stock", level: 3 }, orderPhase: 2 }],
    }),
    "not-json.json": "{ name: ",
  };

  test.each(Object.keys(bad))("bad scenario %s: the messages and exit code of npm run simulate", async (file) => {
    const w = memoryIo(bad);
    const code = await workbookMain(["--scenario", file, "--out", "x.xlsx"], w.io);
    let simErr = "";
    const simCode = await simulateMain(["--scenario", file], {
      stdout: () => undefined,
      stderr: (t) => void (simErr += t),
      stderrIsTTY: false,
      readFile: (p) => bad[p],
      now: () => 0,
      yield: () => Promise.resolve(),
    });
    expect(code).toBe(2);
    expect(simCode).toBe(2);
    expect(w.err()).toBe(simErr.replace(/^simulate:/, "workbook:"));
    expect(w.err()).toMatch(/^workbook: /);
    expect(w.written.size).toBe(0);
  });

  test("the file stores newer functions with _xlfn., SCM functions as _xldudf_, names, validation and the chart list", async () => {
    const m = memoryIo();
    await workbookMain(["--scenario", beerGame, "--out", "beer.xlsx"], m.io);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(m.written.get("beer.xlsx")!);
    const summary = wb.getWorksheet("Summary")!;
    expect(summary.getCell("B5").formula).toMatch(/^_xlfn\.VAR\.S\(INDEX\('1 Retailer'!\$\w+\$6:\$\w+\$41,SCM_Warmup\+1\):INDEX/);
    expect(summary.getCell("C5").formula).toMatch(/^_xldudf_SCM_BULLWHIP_RATIO\('1 Retailer'!\$\w+\$6:\$\w+\$41,'1 Retailer'!\$B\$6:\$B\$41,"variance",SCM_Warmup\)$/);
    const texts: string[] = [];
    summary.eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" && texts.push(c.value))));
    expect(texts).toContain("Charts (added by the add-in; a file written from the command line has none):");
    expect(texts).toEqual(expect.arrayContaining(["Orders by stage", "On hand and backlog", "Bullwhip ratio by stage", "Cost by stage"]));
    expect(wb.definedNames.getRanges("SCM_LeadTime_2").ranges).toEqual(["Inputs!$D$17"]);
    const inputs = wb.getWorksheet("Inputs")!;
    expect(inputs.getCell("D17").value).toBe(2);
    expect(inputs.getCell("D17").dataValidation).toMatchObject({ type: "whole", operator: "between", formulae: [1, 12] });
    const stage = wb.getWorksheet("2 Wholesaler")!;
    expect(stage.getCell("C6").formula).toBe("INDEX($W6:$AH6,SCM_LeadTime_2)");
  });
});

describe("toFileFormula", () => {
  test.each([
    ["VAR.S(A1:A9)/VAR.S(B1:B9)", "_xlfn.VAR.S(A1:A9)/_xlfn.VAR.S(B1:B9)"],
    ["IF(Z=0,0,NORM.S.INV(C5))+STDEV.S(X1:X4)", "IF(Z=0,0,_xlfn.NORM.S.INV(C5))+_xlfn.STDEV.S(X1:X4)"],
    ['SCM.BULLWHIP_RATIO(A1:A9,B1:B9,"variance",SCM_Warmup)', '_xldudf_SCM_BULLWHIP_RATIO(A1:A9,B1:B9,"variance",SCM_Warmup)'],
    ['"VAR.S(x) and SCM.EOQ(y)"&VAR(A1:A2)', '"VAR.S(x) and SCM.EOQ(y)"&VAR(A1:A2)'],
    ["INDEX($C$6:$C$57,A7)+AVERAGE(INDEX(X7:Z7,1):INDEX(X7:Z7,2))", "INDEX($C$6:$C$57,A7)+AVERAGE(INDEX(X7:Z7,1):INDEX(X7:Z7,2))"],
  ])("%s", (formula, stored) => {
    expect(toFileFormula(formula)).toBe(stored);
  });
});
