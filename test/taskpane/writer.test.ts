/*
 * The Excel writer (taskpane/excel/writer.ts) against the office-addin-mock stand-in: the calls it
 * makes for a plan, the number of syncs, rebuilds next to a user's sheets, name clashes, and the
 * clean-up after a failure.
 */
// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose main module pulls
// ESM-only packages that jest cannot load: give it the enum's own file (wherever npm put the package).
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"), { virtual: true });
jest.mock(
  "office-addin-mock/node_modules/office-addin-manifest",
  () => jest.requireActual("office-addin-mock/node_modules/office-addin-manifest/lib/officeApp"),
  { virtual: true },
);
import {
  applyPlan,
  BuildError,
  DEFAULT_MAX_PAYLOAD,
  EXCEL_WEB_REQUEST_LIMIT,
  freeSheetName,
  rectangles,
  utf8Length,
  widthPoints,
} from "../../taskpane/excel/writer";
import { STATE_NAMESPACE, stateFromXml, StoredState } from "../../taskpane/excel/storedState";
import { ExcelStandIn } from "./standin/excelStandIn";
import { planToXlsxBuffer } from "../../cli/xlsxWriter";
import { FIRST_ROW, handPlan } from "./fixtures/handPlan";
import { validateScenario } from "../../src/sim/validate";
import type { ScenarioInput } from "../../src/sim/types";
import { planWorkbook } from "../../src/workbook";
import { beerGameScenario, customSerialScenario, oneNScenario } from "../../taskpane/model/presets";
import { applyLever } from "../../taskpane/model/levers";
import { build } from "../../taskpane/app/build";
import { runVariants } from "../../taskpane/worker/runVariants";
import { collector, SimRunner, SimulationCancelled } from "../../taskpane/worker/simRunner";
import { recogniseColumns } from "../../src/plan/columns";
import { planSkus } from "../../src/plan/plan";
import { DEFAULT_POLICY } from "../../src/plan/policy";
import { PLAN_FIRST_ROW, planReplenishmentWorkbook } from "../../src/plan/sheet";
import { readSkus } from "../../src/plan/skus";
import { colLetter } from "../../src/workbook/a1";
import type { WorkbookPlan } from "../../src/workbook/plan";

function storedState(xl: ExcelStandIn): StoredState {
  const parts = xl.xmlParts.filter((p) => p.namespace === STATE_NAMESPACE);
  expect(parts).toHaveLength(1);
  const parsed = stateFromXml(parts[0].xml);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.state;
}

const userSheet = () => ({
  name: "My data",
  cells: { A1: "Week", B1: "Sales", A2: 1, B2: 40, A3: 2, B3: 44, C2: "=B2*2" } as Record<string, string | number>,
});

describe("applyPlan: what it writes for a plan", () => {
  const plan = handPlan({ periods: 12, stages: 3 });
  let xl: ExcelStandIn;
  let report: Awaited<ReturnType<typeof applyPlan>>;

  beforeAll(async () => {
    xl = new ExcelStandIn({ sheets: [userSheet()] });
    report = await applyPlan(xl.run, plan, { group: "model", scenario: { name: "hand plan" }, wizard: { step: 5 } });
  });

  test("creates the planned sheets after the user's, the scenario sheet hidden", () => {
    expect(xl.sheets.map((s) => s.name)).toEqual(["My data", "Inputs", "Stage 1", "Stage 2", "Stage 3", "Summary", "Scenario"]);
    expect(xl.sheet("Scenario")!.visibility).toBe("Hidden");
    expect(xl.sheet("Inputs")!.visibility).toBe("Visible");
    expect(report.sheets.every((s) => s.created)).toBe(true);
    expect(report.clashes).toEqual([]);
  });

  test("writes values, formulas with '=' and number formats where the plan puts them", () => {
    const s1 = xl.sheet("Stage 1")!.cells;
    const s2 = xl.sheet("Stage 2")!.cells;
    expect(s1.get(`A${FIRST_ROW + 3}`)).toMatchObject({ value: 3, numberFormat: "0" });
    expect(s2.get(`B${FIRST_ROW}`)).toMatchObject({ formula: `='Stage 1'!C${FIRST_ROW}`, numberFormat: "0.0" });
    expect(s2.get(`C${FIRST_ROW + 1}`)!.formula).toBe(`=MAX(0,B${FIRST_ROW + 1}+(B${FIRST_ROW + 1}-B${FIRST_ROW})*SCM_LeadTime_2)`);
    expect(xl.sheet("Summary")!.cells.get("B6")!.formula).toBe(
      `=VAR.S('Stage 2'!C${FIRST_ROW}:C${FIRST_ROW + 11})/VAR.S('Stage 1'!B${FIRST_ROW}:B${FIRST_ROW + 11})`,
    );
    // text that Excel would take for a formula stays text
    expect(xl.sheet("Inputs")!.cells.get("A9")).toMatchObject({ value: "=not a formula" });
    expect(xl.sheet("Inputs")!.cells.get("C8")).toMatchObject({ value: 0.95, numberFormat: "0.0%" });
    // every planned cell was written, and nothing else
    for (const sp of plan.sheets) {
      const cells = xl.sheet(sp.name)!.cells;
      const withContent = [...cells.entries()].filter(([, c]) => c.formula !== undefined || c.value !== undefined).map(([a]) => a);
      expect(withContent.sort()).toEqual(sp.cells.map((c) => c.ref).sort());
    }
  });

  test("applies styles, column widths and freeze panes", () => {
    const inputs = xl.sheet("Inputs")!;
    expect(inputs.cells.get("A1")).toMatchObject({ bold: true, fontColor: "#1E6B52" });
    expect(inputs.cells.get("B4")).toMatchObject({ bold: true, fill: "#E2EFDA", borderBottom: "Continuous", hAlign: "Center", wrap: true });
    expect(inputs.cells.get("C5")).toMatchObject({ fill: "#FFF2CC" });
    expect(inputs.cells.get("A2")).toMatchObject({ italic: true });
    expect(inputs.columnWidths.get("A")).toBe(widthPoints(18));
    expect(inputs.freeze).toEqual({ rows: 4, cols: 0 });
    expect(xl.sheet("Stage 2")!.freeze).toEqual({ rows: 4, cols: 1 });
  });

  test("defines the names, validations and the table", () => {
    expect(xl.names).toEqual(
      expect.arrayContaining([
        { name: "SCM_LeadTime_1", formula: "=Inputs!$C$5", comment: "lead time of Stage 1" },
        { name: "SCM_ServiceLevel", formula: "=Inputs!$C$8", comment: undefined },
      ]),
    );
    const v = xl.sheet("Inputs")!.validations;
    expect(v.get("C5:C7")).toMatchObject({
      rule: { wholeNumber: { formula1: 1, formula2: 8, operator: "Between" } },
      prompt: { showPrompt: true, message: "Lead time in periods, 1 to 8." },
      errorAlert: { showAlert: true, style: "Stop", message: "A lead time is a whole number of periods from 1 to 8." },
    });
    expect(v.get("C8")).toMatchObject({ rule: { decimal: { formula1: 0.5, formula2: 0.999, operator: "Between" } } });
    expect(xl.snapshot().tables).toEqual([{ name: "SCM_Summary", sheet: "Summary", address: "A4:B7" }]);
  });

  test("adds native charts bound to the sheet ranges", () => {
    const charts = xl.sheet("Summary")!.charts;
    expect(charts.map((c) => [c.name, c.type, c.title])).toEqual([
      ["orders", "Line", "Orders by stage"],
      ["bullwhip", "ColumnClustered", "Bullwhip ratio by stage"],
    ]);
    const last = FIRST_ROW + 11;
    expect(charts[0].series).toEqual(
      [1, 2, 3].map((k) => ({
        name: `Stage ${k}`,
        values: `'Stage ${k}'!C${FIRST_ROW}:C${last}`,
        xValues: `'Stage ${k}'!A${FIRST_ROW}:A${last}`,
      })),
    );
    expect(charts[0]).toMatchObject({ xTitle: "Period", yTitle: "Units", position: ["D4", "L21"] });
    expect(charts[1].series).toEqual([{ name: "Bullwhip ratio", values: "Summary!B5:B7", xValues: "Summary!A5:A7" }]);
  });

  test("stores the scenario and the created sheets by id in its custom XML part", () => {
    const state = storedState(xl);
    expect(state.scenario).toEqual({ name: "hand plan" });
    expect(state.wizard).toEqual({ step: 5 });
    expect(state.sheets.map((s) => s.name)).toEqual(["Inputs", "Stage 1", "Stage 2", "Stage 3", "Summary", "Scenario"]);
    expect(state.sheets.map((s) => s.id)).toEqual(xl.sheets.slice(1).map((s) => s.id));
    expect(state.sheets[1].key).toBe("model:simulation:1");
    expect(state.names.map((n) => n.name)).toContain("SCM_ServiceLevel");
    expect(xl.snapshot().activeSheet).toBe("Inputs");
  });

  test("suspends calculation for every write, recalculates in full at the end, and leaves the user's sheet alone", () => {
    const last = xl.syncs;
    const writes = xl.ops.filter((o) => o.sync < last && /Range\.|Worksheet|Chart|Table|NamedItem|DataValidation/.test(o.location));
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((o) => o.calcSuspended)).toBe(true);
    // The last request saves the state and recalculates, not suspended (the docs leave recalculation to us).
    expect(xl.ops.filter((o) => o.sync === last).map((o) => [o.location, o.calcSuspended])).toEqual([
      ["CustomXmlPartCollection.add", false],
      ["Worksheet.activate", false],
      ["Application.calculate", false],
    ]);
    expect(xl.needsRecalc).toBe(false);
    expect(Object.fromEntries(xl.sheet("My data")!.cells)).toEqual({
      A1: { value: "Week" },
      B1: { value: "Sales" },
      A2: { value: 1 },
      B2: { value: 40 },
      A3: { value: 2 },
      B3: { value: 44 },
      C2: { formula: "=B2*2" },
    });
  });
});

describe("applyPlan: the number of syncs", () => {
  async function syncsFor(periods: number, stages: number, maxPayloadBytes?: number) {
    const xl = new ExcelStandIn();
    const report = await applyPlan(xl.run, handPlan({ periods, stages }), { group: "model", maxPayloadBytes });
    return { xl, report };
  }

  test("is the same for 52 and 520 periods, and for 2 and 8 stages", async () => {
    const a = await syncsFor(52, 4);
    const b = await syncsFor(520, 4);
    const c = await syncsFor(52, 2);
    const d = await syncsFor(520, 8);
    // first build: read sheets/names/tables/state part, one write, save the state
    expect(a.xl.syncs).toBe(3);
    for (const x of [b, c, d]) expect(x.xl.syncs).toBe(a.xl.syncs);
    for (const x of [a, b, c, d]) expect(x.report.syncs).toBe(x.xl.syncs);
    expect(d.report.writeChunks).toBe(1);
    // the 520 x 8 payload is far above what a naive cell-by-cell write would send, yet one request
    expect(Math.max(...d.xl.payloads)).toBeLessThan(DEFAULT_MAX_PAYLOAD);
  });

  test("adds one sync per chunk when a write would pass the request limit", async () => {
    const whole = await syncsFor(520, 8);
    const biggest = Math.max(...whole.xl.payloads);
    // A stand-in with a limit a third of that write: the writer must split it, and never exceed it.
    const limit = Math.floor(biggest / 3);
    const xl = new ExcelStandIn({ payloadLimit: limit });
    const report = await applyPlan(xl.run, handPlan({ periods: 520, stages: 8 }), {
      group: "model",
      maxPayloadBytes: Math.floor(limit * 0.8),
    });
    expect(report.writeChunks).toBeGreaterThanOrEqual(3);
    expect(report.writeChunks).toBeLessThanOrEqual(6);
    expect(xl.syncs).toBe(whole.xl.syncs + report.writeChunks - 1);
    expect(Math.max(...xl.payloads)).toBeLessThanOrEqual(limit);
    // the chunked result is the same workbook
    expect(xl.snapshot().sheets.map((s) => s.cells)).toEqual(whole.xl.snapshot().sheets.map((s) => s.cells));
    // calculation is suspended again in every chunk
    const writeSyncs = new Set(xl.ops.filter((o) => o.location.startsWith("Range.")).map((o) => o.sync));
    expect(writeSyncs.size).toBe(report.writeChunks);
    expect(xl.ops.filter((o) => o.location.startsWith("Range.")).every((o) => o.calcSuspended)).toBe(true);
  });

  test("measures requests in UTF-8 bytes: non-ASCII stage names make each chunk carry fewer rows", async () => {
    // Stage names whose UTF-8 is longer than their UTF-16 length, and ASCII twins of the same length.
    const names = ["Entrepôt Île-de-France ✓", "Dépôt régional Zürich", "東京倉庫 ✓", "Склад Москва ✓"];
    const twins = names.map((n) => n.replace(/[^\x00-\x7f]/g, "x"));
    expect(twins.map((n) => n.length)).toEqual(names.map((n) => n.length));
    expect(names.map(utf8Length)).not.toEqual(twins.map(utf8Length));
    const limit = 64 * 1024;
    const write = async (stageNames: string[]) => {
      const plan = handPlan({ periods: 520, stages: stageNames.length, names: stageNames });
      // the writer's limit is the stand-in's: its estimate must not fall short of the bytes sent
      const xl = new ExcelStandIn({ payloadLimit: limit });
      const report = await applyPlan(xl.run, plan, { group: "model", maxPayloadBytes: limit });
      const rowsPerSync = new Map<number, number>();
      for (const o of xl.ops.filter((o) => o.location === "Range.formulas")) {
        rowsPerSync.set(o.sync, (rowsPerSync.get(o.sync) ?? 0) + (o.args[0] as unknown[]).length);
      }
      return { plan, xl, report, rowsPerSync: [...rowsPerSync.values()] };
    };
    const utf = await write(names);
    const ascii = await write(twins);
    for (const w of [utf, ascii]) {
      expect(w.report.writeChunks).toBeGreaterThanOrEqual(3);
      expect(Math.max(...w.xl.payloads)).toBeLessThanOrEqual(limit);
    }
    // Counted in characters, both plans would be cut at the same rows. In bytes the rows that carry a
    // non-ASCII name weigh more, so by the end of each request the non-ASCII plan has written no more
    // rows than its twin, and at some point fewer.
    const cumulative = (xs: number[]) => xs.map((_, i) => xs.slice(0, i + 1).reduce((a, b) => a + b, 0));
    const [u, a] = [cumulative(utf.rowsPerSync), cumulative(ascii.rowsPerSync)];
    const common = Math.min(u.length, a.length) - 1; // the last request of each holds the rest
    for (let i = 0; i < common; i++) expect(u[i]).toBeLessThanOrEqual(a[i]);
    expect(u.slice(0, common).some((x, i) => x < a[i])).toBe(true);
    expect(utf.report.writeChunks).toBeGreaterThanOrEqual(ascii.report.writeChunks);
    // and the chunked workbook is the one a single request writes, names and all
    const whole = new ExcelStandIn();
    await applyPlan(whole.run, utf.plan, { group: "model" });
    expect(utf.xl.snapshot().sheets).toEqual(whole.snapshot().sheets);
    expect(utf.xl.sheet(names[1])!.cells.get(`B${FIRST_ROW}`)!.formula).toBe(`='${names[0]}'!C${FIRST_ROW}`);
  });

  test("utf8Length counts what TextEncoder encodes", () => {
    const enc = new TextEncoder();
    for (const s of [
      "",
      "plain ASCII",
      "Entrepôt Île-de-France ✓",
      "東京倉庫",
      "Склад",
      "box 📦 and 🇫🇷",
      "lone \ud800 high",
      "lone \udc00 low",
      "end \ud83d",
    ]) {
      expect(utf8Length(s)).toBe(enc.encode(s).length);
    }
    expect(utf8Length("Entrepôt Île-de-France ✓")).toBeGreaterThan("Entrepôt Île-de-France ✓".length);
  });

  test("the stand-in does reject a request over 5 MB, so the limit above is a real constraint", async () => {
    const xl = new ExcelStandIn();
    await expect(
      xl.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x".repeat(EXCEL_WEB_REQUEST_LIMIT)]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(xl.sheet("Sheet1")!.cells.size).toBe(0);
  });
});

describe("applyPlan: rebuilds", () => {
  test("update the add-in's sheets in place (same ids) and never touch the user's", async () => {
    const xl = new ExcelStandIn({ sheets: [userSheet()] });
    const first = await applyPlan(xl.run, handPlan({ periods: 10, stages: 4 }), { group: "model", scenario: { v: 1 } });
    const userBefore = structuredClone(xl.snapshot().sheets[0]);
    // the user renames one of our sheets and types into another; adds a sheet of their own
    xl.sheet("Stage 2")!.name = "Wholesaler (mine)";
    xl.sheet("Summary")!.cells.set("Z1", { value: "scribble" });
    xl.sheets.push({ ...xl.newSheet("Stage 5") });
    xl.sheet("Stage 5")!.cells.set("A1", { value: "user's own Stage 5" });

    const second = await applyPlan(xl.run, handPlan({ periods: 20, stages: 5 }), { group: "model", scenario: { v: 2 } });
    // the same sheets (by id) carry the planned names again
    const ids = (r: typeof first) => Object.fromEntries(r.sheets.map((s) => [s.key, s.id]));
    expect(ids(second)).toMatchObject(ids(first));
    expect(second.sheets.filter((s) => s.created).map((s) => s.name)).toEqual(["Stage 5 (2)"]);
    expect(second.clashes).toEqual([{ kind: "sheet", planned: "Stage 5", used: "Stage 5 (2)" }]);
    expect(xl.sheet(first.sheets[2].id)!.name).toBe("Stage 2");
    // rewritten, not appended: old content gone, new length
    expect(xl.sheet("Summary")!.cells.has("Z1")).toBe(false);
    expect(xl.sheet("Stage 1")!.cells.get(`A${FIRST_ROW + 19}`)).toMatchObject({ value: 19 });
    expect(xl.sheet("Summary")!.charts).toHaveLength(2);
    expect(xl.tables).toHaveLength(1);
    expect(xl.names.filter((n) => n.name === "SCM_LeadTime_1")).toHaveLength(1);
    // the user's sheets are exactly as they were
    expect(xl.snapshot().sheets[0]).toEqual(userBefore);
    expect(Object.fromEntries(xl.sheet("Stage 5")!.cells)).toEqual({ A1: { value: "user's own Stage 5" } });
    // formulas that point at the renamed stage sheet follow its new name
    expect(xl.sheet("Stage 5 (2)")!.cells.get(`B${FIRST_ROW}`)!.formula).toBe(`='Stage 4'!C${FIRST_ROW}`);
    expect(storedState(xl).scenario).toEqual({ v: 2 });
  });

  test("remove the add-in's sheets that the new plan no longer has", async () => {
    const xl = new ExcelStandIn({ sheets: [userSheet()] });
    await applyPlan(xl.run, handPlan({ periods: 10, stages: 6 }), { group: "model" });
    const report = await applyPlan(xl.run, handPlan({ periods: 10, stages: 2 }), { group: "model" });
    expect(report.removed).toEqual(["Stage 3", "Stage 4", "Stage 5", "Stage 6"]);
    expect(xl.sheets.map((s) => s.name)).toEqual(["My data", "Inputs", "Stage 1", "Stage 2", "Summary", "Scenario"]);
    expect(storedState(xl).sheets).toHaveLength(5);
    expect(xl.names.map((n) => n.name).sort()).toEqual(["SCM_LeadTime_1", "SCM_LeadTime_2", "SCM_ServiceLevel"]);
    // the rebuild reads the earlier sheets' charts and tables once: still a constant count
    expect(report.syncs).toBe(5);
  });

  test("give a planned sheet, name or table that the user already has a new name, and rewrite the references", async () => {
    const xl = new ExcelStandIn({
      sheets: [{ name: "Inputs", cells: { A1: "the user's inputs" } }, { name: "summary" }],
      names: [{ name: "SCM_LeadTime_1", formula: "=Inputs!$A$1" }],
      tables: [{ name: "SCM_Summary", sheet: "summary", address: "A1:B3" }],
    });
    const report = await applyPlan(xl.run, handPlan({ periods: 8, stages: 2 }), { group: "model" });
    expect(report.clashes).toEqual([
      { kind: "sheet", planned: "Inputs", used: "Inputs (2)" },
      { kind: "sheet", planned: "Summary", used: "Summary (2)" },
      { kind: "name", planned: "SCM_LeadTime_1", used: "SCM_LeadTime_1_2" },
      { kind: "table", planned: "SCM_Summary", used: "SCM_Summary_2" },
    ]);
    expect(xl.sheet("Inputs")!.cells.get("A1")).toEqual({ value: "the user's inputs" });
    expect(xl.names.find((n) => n.name === "SCM_LeadTime_1")!.formula).toBe("=Inputs!$A$1");
    expect(xl.names.find((n) => n.name === "SCM_LeadTime_1_2")!.formula).toBe("='Inputs (2)'!$C$5");
    expect(xl.sheet("Stage 1")!.cells.get(`C${FIRST_ROW}`)!.formula).toContain("*SCM_LeadTime_1_2)");
    expect(xl.sheet("Summary (2)")!.charts[1].series[0].values).toBe("'Summary (2)'!B5:B6");
    expect(
      xl
        .snapshot()
        .tables.map((t) => t.name)
        .sort(),
    ).toEqual(["SCM_Summary", "SCM_Summary_2"]);
    // a rebuild keeps our renamed sheets (tracked by id) and does not rename again
    const again = await applyPlan(xl.run, handPlan({ periods: 8, stages: 2 }), { group: "model" });
    expect(again.sheets.map((s) => s.name)).toEqual(report.sheets.map((s) => s.name));
    expect(again.sheets.every((s) => !s.created)).toBe(true);
  });
});

describe("applyPlan: failures", () => {
  test("removes the sheets and names the build created and says what failed", async () => {
    let charts = 0;
    const xl = new ExcelStandIn({
      sheets: [userSheet()],
      failWhen: (op) => op.location === "ChartCollection.add" && ++charts === 2,
    });
    const before = structuredClone(xl.snapshot());
    const error = await applyPlan(xl.run, handPlan({ periods: 10, stages: 3 }), { group: "model" }).catch((e) => e);
    expect(error).toBeInstanceOf(BuildError);
    const e = error as BuildError;
    expect(e.message).toMatch(/^The build failed while writing the workbook: GeneralException: .*\(at ChartCollection\.add\)\./);
    expect(e.message).toContain("None of your own sheets was changed.");
    expect(e.removedSheets.sort()).toEqual(["Inputs", "Scenario", "Stage 1", "Stage 2", "Stage 3", "Summary"]);
    const after = xl.snapshot();
    expect(after.sheets).toEqual(before.sheets);
    expect(after.names).toEqual([]);
    expect(after.tables).toEqual([]);
    expect(after.xmlParts).toEqual([]);
  });

  test("a rebuild that fails after renaming the earlier build's sheets gives them their names back", async () => {
    const xl = new ExcelStandIn({ sheets: [userSheet()] });
    await applyPlan(xl.run, handPlan({ periods: 10, stages: 3, names: ["North", "South", "East"] }), { group: "model" });
    const before = xl.sheets.map((s) => [s.id, s.name]);
    // The new plan swaps two stage names and drops one: the writer moves them through temporary names.
    xl.failWhen = (op) => op.location === "Chart.setPosition";
    const error = await applyPlan(xl.run, handPlan({ periods: 10, stages: 2, names: ["South", "North"] }), { group: "model" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(BuildError);
    expect(xl.ops.some((o) => o.location === "Worksheet.name" && /^~scm/.test(String(o.args[0])))).toBe(true);
    expect(xl.sheets.map((s) => [s.id, s.name])).toEqual(before);
  });

  test("on a rebuild, keeps the earlier build's sheets and removes only the new ones", async () => {
    const xl = new ExcelStandIn({ sheets: [userSheet()] });
    await applyPlan(xl.run, handPlan({ periods: 10, stages: 2 }), { group: "model", scenario: { v: 1 } });
    const kept = xl.sheets.map((s) => s.id);
    xl.failWhen = (op) => op.location === "Chart.setPosition";
    const error = await applyPlan(xl.run, handPlan({ periods: 10, stages: 4 }), { group: "model", scenario: { v: 2 } }).catch((e) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).removedSheets.sort()).toEqual(["Stage 3", "Stage 4"]);
    expect(xl.sheets.map((s) => s.id)).toEqual(kept);
    expect(xl.sheet("My data")!.cells.get("C2")).toEqual({ formula: "=B2*2" });
    // the stored state still describes the earlier build
    const state = storedState(xl);
    expect(state.scenario).toEqual({ v: 1 });
    expect(state.sheets.map((s) => s.id)).toEqual(kept.slice(1));
  });

  test("a failure while reading changes nothing", async () => {
    const xl = new ExcelStandIn({
      sheets: [userSheet()],
      xmlParts: [{ namespace: STATE_NAMESPACE, xml: "<scmWorkbook><state>{not json</state></scmWorkbook>" }],
    });
    const error = await applyPlan(xl.run, handPlan({ periods: 10, stages: 2 }), { group: "model" }).catch((e) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toMatch(/does not hold valid JSON.*Nothing was changed/);
    expect(xl.sheets.map((s) => s.name)).toEqual(["My data"]);
  });
});

/** The planner's table on a sheet of the user's ("SKUs") and the wizard's replenishment plan over it (no table sheet). */
function replenishment(skus: number) {
  const weeks = 12;
  const headers = ["SKU", "On hand", "On order", "Lead time", "Unit cost", "Order cost", "Holding rate"];
  for (let w = 1; w <= weeks; w++) headers.push(`W${w}`);
  const rows = Array.from({ length: skus }, (_, i) => [
    `S-${i + 1}`,
    10 + (i % 7) * 5,
    i % 3 === 0 ? 8 : 0,
    1 + (i % 4),
    2 + i,
    50,
    0.25,
    ...Array.from({ length: weeks }, (_, t) => 5 + ((i * 3 + t * 7) % 11)),
  ]);
  const cells: Record<string, string | number> = {};
  [headers, ...rows].forEach((row, r) => row.forEach((v, c) => (cells[`${colLetter(c + 1)}${r + 1}`] = v)));
  const mapping = recogniseColumns(headers, rows.slice(0, 20));
  const policy = { ...DEFAULT_POLICY, seasonLength: 1 };
  const computed = planSkus(readSkus(rows, mapping), policy);
  const where = { sheet: "SKUs", headerRow: 1, firstCol: 1, rows: skus };
  const plan = planReplenishmentWorkbook(where, mapping, policy, computed, { builtAt: "2026-01-05 09:30" });
  return { plan, sheet: { name: "SKUs", cells }, lastRow: PLAN_FIRST_ROW + skus - 1 };
}

describe("applyPlan: the replenishment plan's conditional formats, list from a range and hidden columns", () => {
  test("writes them on the Plan sheet; the formats read the user's SKUs sheet; the SKU in E12 passes its list", async () => {
    const { plan, sheet, lastRow } = replenishment(5);
    const xl = new ExcelStandIn({ sheets: [sheet] });
    await applyPlan(xl.run, plan, { group: "plan" });
    const ws = xl.sheet("Plan")!;
    expect(ws.conditionalFormats.map((f) => [f.address, f.formula])).toEqual(
      plan.conditionalFormats!.map((c) => [c.range, `=${c.formula}`]),
    );
    expect(ws.conditionalFormats[0]).toMatchObject({ address: `N16:N${lastRow}`, fill: "#F8CBAD", fontColor: "#9C0006", bold: true });
    expect(ws.conditionalFormats[1].formula).toBe("=AND(ISNUMBER($Q16),$Q16<=$AC16)"); // the lead time, copied to a hidden column
    expect(xl.snapshot().sheets.find((s) => s.name === "Plan")!.hiddenColumns).toEqual(["U", "V", "W", "X", "Y", "Z", "AA", "AB", "AC"]);
    expect(ws.validations.get("E12")!.rule).toEqual({ list: { inCellDropDown: true, source: `=Plan!$A$16:$A$${lastRow}` } });
    expect(xl.validationViolations()).toEqual([]);
    expect(xl.sheet("SKUs")!.conditionalFormats).toEqual([]);
  });

  test("a rebuild replaces the formats (no duplicates) and unhides columns the new plan does not hide", async () => {
    const { plan, sheet } = replenishment(5);
    const xl = new ExcelStandIn({ sheets: [sheet] });
    await applyPlan(xl.run, plan, { group: "plan" });
    const unhidden: WorkbookPlan = {
      ...plan,
      sheets: plan.sheets.map((s) => ({ ...s, columns: (s.columns ?? []).map((c) => ({ ...c, hidden: c.col === "U" || undefined })) })),
    };
    const report = await applyPlan(xl.run, unhidden, { group: "plan" });
    expect(report.sheets.every((s) => !s.created)).toBe(true);
    expect(xl.sheet("Plan")!.conditionalFormats).toHaveLength(2);
    expect([...xl.sheet("Plan")!.hiddenColumns]).toEqual(["U"]);
  });

  test("a Plan sheet of the user's: ours is renamed and the list source and the formats follow it", async () => {
    const { plan, sheet, lastRow } = replenishment(3);
    const xl = new ExcelStandIn({ sheets: [sheet, { name: "Plan", cells: { A1: "the user's plan" } }] });
    const report = await applyPlan(xl.run, plan, { group: "plan" });
    expect(report.clashes).toEqual([{ kind: "sheet", planned: "Plan", used: "Plan (2)" }]);
    expect(xl.sheet("Plan (2)")!.validations.get("E12")!.rule).toEqual({
      list: { inCellDropDown: true, source: `='Plan (2)'!$A$16:$A$${lastRow}` },
    });
    expect(xl.sheet("Plan (2)")!.conditionalFormats).toHaveLength(2);
    expect(xl.sheet("Plan")!.conditionalFormats).toEqual([]);
    expect(xl.validationViolations()).toEqual([]);
  });

  test("the same number of syncs for 5 and 300 SKUs", async () => {
    const syncs = async (n: number) => {
      const { plan, sheet } = replenishment(n);
      const xl = new ExcelStandIn({ sheets: [sheet] });
      return (await applyPlan(xl.run, plan, { group: "plan" })).syncs;
    };
    expect(await syncs(300)).toBe(await syncs(5));
  });

  test.each([
    ["a list with both items and a source", (p: WorkbookPlan) => (p.validations[0] = { ...p.validations[0], source: "Plan!$A$1:$A$2" })],
    ["a list source of two columns", (p: WorkbookPlan) => (p.validations.find((v) => v.source)!.source = "Plan!$A$16:$B$20")],
    ["a conditional format formula with '='", (p: WorkbookPlan) => (p.conditionalFormats![0].formula = "=$N16>0")],
    ["a conditional format that changes nothing", (p: WorkbookPlan) => (p.conditionalFormats![0].style = {})],
  ])("refuses a plan with %s before changing anything (both writers refuse it)", async (_what, spoil) => {
    const { plan, sheet } = replenishment(3);
    const bad = structuredClone(plan);
    spoil(bad);
    const xl = new ExcelStandIn({ sheets: [sheet] });
    const error = await applyPlan(xl.run, bad, { group: "plan" }).catch((e) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toMatch(/^The build cannot start: .*\. Nothing was changed\.$/);
    expect(xl.runs).toBe(0);
    await expect(planToXlsxBuffer(bad)).rejects.toThrow(/the workbook plan cannot be written/);
  });
});

describe("helpers", () => {
  test("freeSheetName keeps Excel's 31 characters", () => {
    const taken = new Set(["inputs", "inputs (2)"]);
    expect(freeSheetName("Inputs", taken)).toBe("Inputs (3)");
    const long = "A very long sheet name of 31 ch";
    expect(long).toHaveLength(31);
    expect(freeSheetName(long, new Set())).toBe("A very long sheet name of 3 (2)");
  });

  test("rectangles cover exactly the cells", () => {
    const pts = [
      { row: 1, col: 1 },
      { row: 2, col: 1 },
      { row: 1, col: 2 },
      { row: 2, col: 2 },
      { row: 4, col: 2 },
    ];
    expect(rectangles(pts)).toEqual([
      { r1: 1, r2: 2, c1: 1, c2: 2 },
      { r1: 4, r2: 4, c1: 2, c2: 2 },
    ]);
  });
});

describe("the real workbook plan (src/workbook)", () => {
  const planFor = (s: ScenarioInput) => {
    const v = validateScenario(s);
    if (!v.ok) throw new Error(v.errors.join("; "));
    return planWorkbook(v.scenario).plan;
  };

  test.each([
    ["beer game", beerGameScenario()],
    ["1-N, 4 stores", oneNScenario(4)],
  ])("%s: every planned cell, name, table and chart is in the workbook", async (_name, s) => {
    const plan = planFor(s);
    const xl = new ExcelStandIn({ sheets: [userSheet()] });
    await applyPlan(xl.run, plan, { group: "model" });
    for (const sp of plan.sheets) {
      const cells = xl.sheet(sp.name)!.cells;
      for (const c of sp.cells) {
        const got = cells.get(c.ref);
        if (c.formula !== undefined) expect(got?.formula).toBe(`=${c.formula}`);
        else expect(got?.value).toBe(c.value);
      }
    }
    expect(xl.names.map((n) => n.name).sort()).toEqual(plan.names.map((n) => n.name).sort());
    expect(xl.snapshot().tables.map((t) => t.name)).toEqual(plan.tables.map((t) => t.name));
    expect(xl.sheets.flatMap((sh) => sh.charts.map((c) => c.name))).toEqual(plan.charts.map((c) => c.id));
  });

  test.each([
    ["beer game", beerGameScenario()],
    ["serial chain of 3 (order-up-to: service levels)", customSerialScenario(3)],
    ["1-N, 4 stores", oneNScenario(4)],
  ])("%s: every validation is Excel's rule of its kind, and every planned input passes its own rule", async (_name, s) => {
    const plan = planFor(s);
    const xl = new ExcelStandIn({ sheets: [userSheet()] });
    await applyPlan(xl.run, plan, { group: "model" });
    const kind = { whole: "wholeNumber", decimal: "decimal", list: "list", custom: "custom" } as const;
    const written = [...xl.sheet("Inputs")!.validations.values()].map((v) => Object.keys(v.rule as object)[0]);
    expect(new Set(written)).toEqual(new Set(plan.validations.map((v) => kind[v.type])));
    expect(xl.validationViolations()).toEqual([]);
  });

  test("the service-level validation is a custom rule that accepts 0.97 and refuses 1 (Excel refused both before)", async () => {
    const plan = planFor(customSerialScenario(3));
    const custom = plan.validations.find((v) => v.type === "custom")!;
    expect(custom.formula).toMatch(/^AND\(ISNUMBER\(/);
    const xl = new ExcelStandIn();
    await applyPlan(xl.run, plan, { group: "model" });
    const cell = xl.sheet("Inputs")!.cells.get(custom.range)!;
    cell.value = 0.97;
    expect(xl.validationViolations()).toEqual([]);
    cell.value = 1;
    expect(xl.validationViolations()).toEqual([expect.stringContaining(`Inputs!${custom.range}`)]);
  });

  test("the largest plans the wizard allows stay under 5 MB a request, the stored state included", async () => {
    // 1-N with 50 stores over 365 periods (the wizard's largest network on sheets)
    const oneN = new ExcelStandIn();
    const big = planFor({ ...oneNScenario(50), periods: 365 });
    const o = await applyPlan(oneN.run, big, { group: "model", scenario: { ...oneNScenario(50), periods: 365 } });
    expect(o.writeChunks).toBeGreaterThan(1);
    expect(Math.max(...oneN.payloads)).toBeLessThanOrEqual(EXCEL_WEB_REQUEST_LIMIT);
    // a demand series at the schema's limit, stored in the scenario and again in the wizard's settings
    const values = Array.from({ length: 100_000 }, (_, i) => 1000 + ((i * 7919) % 997) + 0.125);
    const series: ScenarioInput = { ...customSerialScenario(4), periods: 52, demand: { distribution: "series", values } };
    const xl = new ExcelStandIn();
    await applyPlan(xl.run, planFor(series), {
      group: "model",
      scenario: series,
      wizard: { history: { address: "Data!A1:A100000", values } },
    });
    expect(storedState(xl).scenario).toEqual(series);
    expect(xl.payloads[xl.payloads.length - 1]).toBeGreaterThan(1024 * 1024); // the state part is counted: over 1 MB here
    expect(Math.max(...xl.payloads)).toBeLessThanOrEqual(EXCEL_WEB_REQUEST_LIMIT);
  }, 120_000);

  test("the beer game over 52 and 520 periods takes the same number of syncs", async () => {
    const counts: number[] = [];
    for (const periods of [52, 520]) {
      const xl = new ExcelStandIn();
      await applyPlan(xl.run, planFor({ ...beerGameScenario(), periods }), { group: "model" });
      counts.push(xl.syncs);
      expect(Math.max(...xl.payloads)).toBeLessThan(EXCEL_WEB_REQUEST_LIMIT);
    }
    expect(counts).toEqual([3, 3]);
  });

  test("the README's figures: the beer game over 520 periods is one write of about 3.5 MB, the 1-N case with 20 stores over 365 periods 5 chunks", async () => {
    const MB = 1024 * 1024; // as in the 5 MB limit (EXCEL_WEB_REQUEST_LIMIT) and the 4 MB chunks
    expect(EXCEL_WEB_REQUEST_LIMIT).toBe(5 * MB);
    expect(DEFAULT_MAX_PAYLOAD).toBe(4 * MB);
    const beer = new ExcelStandIn();
    const b = await applyPlan(beer.run, planFor({ ...beerGameScenario(), periods: 520 }), { group: "model" });
    expect(b.writeChunks).toBe(1);
    expect(Math.max(...beer.payloads) / MB).toBeCloseTo(3.5, 1);
    const oneN = new ExcelStandIn();
    const o = await applyPlan(oneN.run, planFor({ ...oneNScenario(20), periods: 365 }), { group: "model" });
    expect(o.writeChunks).toBe(5);
    expect(o.syncs).toBe(b.syncs + 4);
    expect(Math.max(...oneN.payloads)).toBeLessThanOrEqual(EXCEL_WEB_REQUEST_LIMIT);
  });
});

describe("build: model, simulation, results", () => {
  const form = () => {
    const s = customSerialScenario(3);
    s.replications = 4;
    return s;
  };

  test("writes the model and a Results sheet comparing the variants", async () => {
    const xl = new ExcelStandIn({ sheets: [userSheet()] });
    const s = form();
    const variants = [
      { label: "Baseline", scenario: s },
      { label: "Share demand information", scenario: applyLever(s, "informationSharing", null) },
    ];
    const phases: string[] = [];
    const out = await build(
      xl.run,
      inlineRunner,
      { scenario: s, wizard: { x: 1 }, variants, replications: 4 },
      {
        onPhase: (p) => phases.push(p),
        onProgress: () => undefined,
        onCancellable: () => undefined,
      },
    );
    expect(phases).toEqual(["writing", "simulating", "results"]);
    expect(out).toMatchObject({ status: "built", compared: ["Baseline", "Share demand information"] });
    expect(xl.sheet("Results")!.charts[0].series.map((x) => x.name)).toEqual(["Baseline", "Share demand information"]);
    const state = storedState(xl);
    expect(state.sheets.filter((t) => t.group === "results").map((t) => t.name)).toEqual(["Results"]);
    expect(state.wizard).toEqual({ x: 1 });
  });

  test("a failure writing the results removes the model sheets this build created too", async () => {
    // The model's table (SCM_Summary) is the first table added, the Results table the second: fail there.
    const xl = new ExcelStandIn({ sheets: [userSheet()], failAt: { location: "WorksheetTableCollection.add", nth: 2 } });
    const s = form();
    const error = await build(
      xl.run,
      inlineRunner,
      { scenario: s, wizard: {}, variants: [{ label: "Baseline", scenario: s }], replications: 2 },
      {
        onPhase: () => undefined,
        onProgress: () => undefined,
        onCancellable: () => undefined,
      },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toMatch(/^The build failed while writing the results: /);
    expect((error as BuildError).removedSheets).toEqual(expect.arrayContaining(["Results", "Inputs", "Summary"]));
    expect(xl.sheets.map((sh) => sh.name)).toEqual(["My data"]);
    expect(xl.names).toEqual([]);
    expect(storedState(xl).sheets).toEqual([]);
  });

  test("cancel keeps the model sheets and writes no results", async () => {
    const xl = new ExcelStandIn();
    const s = form();
    let cancel: (() => void) | null = null;
    const pending = build(
      xl.run,
      (req, onProgress) => {
        const c = collector(onProgress);
        cancel = () => c.reject(new SimulationCancelled());
        return { results: c.promise, cancel: () => cancel!() };
      },
      { scenario: s, wizard: {}, variants: [{ label: "Baseline", scenario: s }], replications: 2 },
      {
        onPhase: (p) => p === "simulating" && setTimeout(() => cancel!(), 0),
        onProgress: () => undefined,
        onCancellable: () => undefined,
      },
    );
    const out = await pending;
    expect(out.status).toBe("cancelled");
    expect(xl.sheet("Results")).toBeUndefined();
    expect(xl.sheet("Inputs")).toBeDefined();
  });
});

/** Runs the variants in this thread (the worker's body), for tests. */
const inlineRunner: SimRunner = (req, onProgress) => {
  const c = collector(onProgress);
  setTimeout(() => runVariants(req, c.handle), 0);
  return { results: c.promise, cancel: () => c.reject(new SimulationCancelled()) };
};
