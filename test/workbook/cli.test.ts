/**
 * `npm run workbook`: arguments, overwrite protection, the same messages and exit code as
 * `npm run simulate` for bad scenarios, and what the .xlsx file holds (storage prefixes, names,
 * validation, the native charts, the Monte Carlo columns).
 */
import { readFileSync } from "fs";
import { join } from "path";
import ExcelJS from "../../cli/exceljs";
import { main as simulateMain } from "../../cli/simulate";
import { FLAGS, main as workbookMain, parseArgs, type WorkbookIo } from "../../cli/workbook";
import { toFileFormula } from "../../cli/xlsxWriter";
import { sheetsNamed } from "../../src/workbook/planCheck";
import { simulate, validateScenario } from "../../src/sim";
import { monteCarloMeanHeader, planWorkbook } from "../../src/workbook";
import { comparable, plannedCharts, readCharts } from "../support/xlsxCharts";

const beerGame = join(__dirname, "..", "..", "scenarios", "beer-game-benchmark.json");
const baseline = join(__dirname, "..", "..", "scenarios", "baseline-serial.json");

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
    expect(m.err()).toBe(
      `workbook: ${message}\nusage: npm run workbook -- --scenario FILE --out FILE.xlsx [--force]\nnpm run workbook -- --help describes every flag\n`,
    );
    expect(m.written.size).toBe(0);
  });

  test.each([["--help"], ["-h"], ["--scenario", "a.json", "--out", "a.csv", "--help"]])(
    "%j prints the usage and every flag with what it does on stdout, exit 0, nothing written",
    async (...argv) => {
      const m = memoryIo();
      expect(await workbookMain(argv, m.io)).toBe(0);
      expect(m.err()).toBe("");
      expect(m.written.size).toBe(0);
      const out = m.out();
      expect(out).toMatch(/^usage: npm run workbook -- --scenario FILE --out FILE.xlsx \[--force\]\n/);
      expect(out).toMatch(/^ {2}--scenario FILE +scenario JSON file, as for npm run simulate \(required; at most 16 MB\)$/m);
      expect(out).toMatch(/^ {2}--out FILE.xlsx +workbook to write \(required; .xlsx, in a folder that exists; all or nothing\)$/m);
      expect(out).toMatch(/^ {2}--force +overwrite --out if it exists \(default: refuse with exit code 2\)$/m);
      expect(out).toMatch(/^ {2}-h, --help +print this help and exit/m);
      expect(out).toMatch(/^Size: serial chains up to 8 stages and DCs with up to 50 stores, at most 1,000,000 cells/m);
      for (const line of out.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
    },
  );

  test("the help lists exactly the flags parseArgs accepts", () => {
    const sample: Record<string, string> = { FILE: "a.json", "FILE.xlsx": "a.xlsx" };
    const required = ["--scenario", "a.json", "--out", "a.xlsx"];
    for (const f of FLAGS) {
      const [flag, placeholder] = f.flag.split(" ");
      expect(() => parseArgs([...required, ...(placeholder ? [flag, sample[placeholder]] : [flag])])).not.toThrow();
    }
    expect(FLAGS.map((f) => f.flag.split(" ")[0]).sort()).toEqual(["--force", "--out", "--scenario"]);
  });

  const bad: Record<string, string> = {
    "bad-schema.json": JSON.stringify({ name: "x", network: "serial", demand: { distribution: "normal", mean: -1, sd: 1 }, stages: [] }),
    "bad-rules.json": JSON.stringify({
      name: "x",
      network: "serial",
      periods: 10,
      warmup: 9,
      demand: { distribution: "series", values: [1, 2] },
      stages: [
        {
          name: "a",
          leadTime: 1,
          initialInventory: 0,
          holdingCost: 1,
          backlogCost: 1,
          policy: { type: "base-stock", level: 3 },
          orderPhase: 2,
        },
      ],
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

  test("the file stores newer functions with _xlfn., SCM functions as _xldudf_ (optional: IFERROR), names, validation", async () => {
    const m = memoryIo();
    await workbookMain(["--scenario", beerGame, "--out", "beer.xlsx"], m.io);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(m.written.get("beer.xlsx")!);
    const summary = wb.getWorksheet("Summary")!;
    expect(summary.getCell("B5").formula).toMatch(/^_xlfn\.VAR\.S\(INDEX\('1 Retailer'!\$\w+\$6:\$\w+\$41,SCM_Warmup\+1\):INDEX/);
    expect(summary.getCell("C5").formula).toMatch(
      /^IFERROR\(_xldudf_SCM_BULLWHIP_RATIO\('1 Retailer'!\$\w+\$6:\$\w+\$41,'1 Retailer'!\$B\$6:\$B\$41,"variance",SCM_Warmup\),"needs the SCM add-in"\)$/,
    );
    expect(wb.definedNames.getRanges("SCM_LeadTime_2").ranges).toEqual(["Inputs!$D$17"]);
    const inputs = wb.getWorksheet("Inputs")!;
    expect(inputs.getCell("D17").value).toBe(2);
    expect(inputs.getCell("D17").dataValidation).toMatchObject({ type: "whole", operator: "between", formulae: [1, 12] });
    const stage = wb.getWorksheet("2 Wholesaler")!;
    expect(stage.getCell("C6").formula).toBe("INDEX($X6:$AI6,SCM_LeadTime_2)");
  });

  test("the file holds the plan's native charts (ExcelJS still reads it) and the Monte Carlo means of simulate; no chart list", async () => {
    const m = memoryIo();
    await workbookMain(["--scenario", baseline, "--out", "base.xlsx"], m.io);
    expect(m.out()).toMatch(/; 4 charts; the Summary shows replication 0 live and the means of 200 replications \(seed 1\) beside it\n$/);
    expect(m.out()).not.toMatch(/added by the add-in/);
    const data = m.written.get("base.xlsx")!;
    const v = validateScenario(JSON.parse(readFileSync(baseline, "utf8")));
    if (!v.ok) throw new Error(v.errors.join("; "));
    const result = simulate(v.scenario);
    const { plan } = planWorkbook(v.scenario, { monteCarlo: result });
    const charts = await readCharts(data);
    expect(charts.map(comparable)).toEqual(plannedCharts(plan.charts));
    expect(charts.map((c) => c.name)).toEqual(plan.charts.map((c) => c.id));
    expect(charts.map((c) => c.title)).toEqual([
      "Orders by stage",
      "On hand and backlog",
      "Bullwhip ratio by stage (replication 0)",
      "Cost per period by stage (replication 0)",
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data);
    const summary = wb.getWorksheet("Summary")!;
    const texts: string[] = [];
    summary.eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" && texts.push(c.value))));
    expect(texts.filter((t) => /chart/i.test(t))).toEqual([]);
    // the Monte Carlo table: the DC's bullwhip mean over the 200 replications, beside replication 0
    const head = texts.indexOf(monteCarloMeanHeader(result));
    expect(head).toBeGreaterThan(0);
    let found = false;
    summary.eachRow((row) => {
      if (row.getCell(1).value === `2 ${result.stages[1].name}` && row.getCell(2).value === "Bullwhip ratio") {
        expect(row.getCell(3).formula).toBe("B6");
        expect(row.getCell(4).value).toBe(result.stages[1].bullwhip.mean);
        expect([row.getCell(5).value, row.getCell(6).value]).toEqual(result.stages[1].bullwhip.ci95);
        found = true;
      }
    });
    expect(found).toBe(true);
  });
});

describe("toFileFormula", () => {
  test.each([
    ["VAR.S(A1:A9)/VAR.S(B1:B9)", "_xlfn.VAR.S(A1:A9)/_xlfn.VAR.S(B1:B9)"],
    ["IF(Z=0,0,NORM.S.INV(C5))+STDEV.S(X1:X4)", "IF(Z=0,0,_xlfn.NORM.S.INV(C5))+_xlfn.STDEV.S(X1:X4)"],
    ['SCM.BULLWHIP_RATIO(A1:A9,B1:B9,"variance",SCM_Warmup)', '_xldudf_SCM_BULLWHIP_RATIO(A1:A9,B1:B9,"variance",SCM_Warmup)'],
    ['"VAR.S(x) and SCM.EOQ(y)"&VAR(A1:A2)', '"VAR.S(x) and SCM.EOQ(y)"&VAR(A1:A2)'],
    ["INDEX($C$6:$C$57,A7)+AVERAGE(INDEX(X7:Z7,1):INDEX(X7:Z7,2))", "INDEX($C$6:$C$57,A7)+AVERAGE(INDEX(X7:Z7,1):INDEX(X7:Z7,2))"],
    // what the replenishment plan's sheet writes (src/plan/sheet.ts): Excel 2007's functions stay as they are
    ["IF(ISERROR(U16),IF(ERROR.TYPE(U16)=5,Y16,U16),U16)", "IF(ISERROR(U16),IF(ERROR.TYPE(U16)=5,Y16,U16),U16)"],
    [
      'IF($S16="",IF(OR(COUNT(SKUs!$K2:$DJ2)<2,SUM(SKUs!$K2:$DJ2)=0),"",IF(STDEV(SKUs!$K2:$DJ2)/AVERAGE(SKUs!$K2:$DJ2)<0.5,"X","Y")),"")',
      'IF($S16="",IF(OR(COUNT(SKUs!$K2:$DJ2)<2,SUM(SKUs!$K2:$DJ2)=0),"",IF(STDEV(SKUs!$K2:$DJ2)/AVERAGE(SKUs!$K2:$DJ2)<0.5,"X","Y")),"")',
    ],
    ['(SUMIF($B$16:$B$315,">"&B16)+B16*COUNTIF($B$15:B15,B16))', '(SUMIF($B$16:$B$315,">"&B16)+B16*COUNTIF($B$15:B15,B16))'],
    ["IFERROR(LARGE($B$16:$B$315,3),0)+ROUNDUP(2.5,0)+N(SKUs!$C2)", "IFERROR(LARGE($B$16:$B$315,3),0)+ROUNDUP(2.5,0)+N(SKUs!$C2)"],
    ["IFERROR(INDEX($G$16:$G$315,MATCH($E$12,$A$16:$A$315,0)),NA())", "IFERROR(INDEX($G$16:$G$315,MATCH($E$12,$A$16:$A$315,0)),NA())"],
    [
      "MAX(0,AVERAGE(SCM.FORECAST(SKUs!$K2:$DJ2,MAX(1,ROUNDUP((SKUs!$F2+SCM_Plan_ReviewPeriod),0)),SCM_Plan_Method,SCM_Plan_SeasonLength)))",
      "MAX(0,AVERAGE(_xldudf_SCM_FORECAST(SKUs!$K2:$DJ2,MAX(1,ROUNDUP((SKUs!$F2+SCM_Plan_ReviewPeriod),0)),SCM_Plan_Method,SCM_Plan_SeasonLength)))",
    ],
    [
      "INDEX(SCM.DEMAND_CLASS(h),1,3)&INDEX(SCM.FORECAST_FIT(h),1,1)",
      "INDEX(_xldudf_SCM_DEMAND_CLASS(h),1,3)&INDEX(_xldudf_SCM_FORECAST_FIT(h),1,1)",
    ],
    ["SCM.FORECAST_SAFETY_STOCK(h,2,0.95)", "_xldudf_SCM_FORECAST_SAFETY_STOCK(h,2,0.95)"],
  ])("%s", (formula, stored) => {
    expect(toFileFormula(formula)).toBe(stored);
  });
});

describe("sheetsNamed: the sheets a conditional format's formula reads (those go to the x14 extension)", () => {
  test.each([
    ['$N16="Order now"', []],
    ["AND(ISNUMBER($Q16),$Q16<=SKUs!$F2)", ["SKUs"]],
    ["'Stage 1'!B6+'It''s'!A1+Inputs!C5", ["Stage 1", "It's", "Inputs"]],
    ['A1="SKUs!F2"&SCM.FORECAST(x)', []],
  ])("%s", (formula, sheets) => {
    expect(sheetsNamed(formula)).toEqual(sheets);
  });
});
