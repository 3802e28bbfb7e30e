/*
 * The plan wizard's Excel side, with Excel mocked: the Excel stand-in built on office-addin-mock
 * (test/taskpane/standin/) in place of Excel. The table reader (the selection, a single cell standing
 * for its sheet's used range, the size checked before any value is read, values read in slices),
 * the settings part (saved, read back, never touching the simulation's part), and a whole build:
 * the plan computed, the Plan sheet written beside the planner's sheet, which is left as it was.
 */
// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose main module pulls
// ESM-only packages that jest cannot load: give it the enum's own file (wherever npm put the package).
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"), { virtual: true });
jest.mock(
  "office-addin-mock/node_modules/office-addin-manifest",
  () => jest.requireActual("office-addin-mock/node_modules/office-addin-manifest/lib/officeApp"),
  { virtual: true },
);
import { DEFAULT_POLICY } from "../../src/plan/policy";
import { PLAN_SHEET } from "../../src/plan/sheet";
import { colLetter } from "../../src/workbook/a1";
import { loadPlanSettings, PLAN_NAMESPACE, planSettingsFromXml, savePlanSettings } from "../../taskpane/excel/planStore";
import { emptyState, STATE_NAMESPACE, stateFromXml, stateToXml } from "../../taskpane/excel/storedState";
import { READ_CHUNK_CELLS, readSelectedTable, readTableAt } from "../../taskpane/excel/tableReader";
import { planSettings, readPlanSettings } from "../../taskpane/model/planSettings";
import { proposeMapping } from "../../taskpane/model/planTable";
import { buildPlan } from "../../taskpane/plan/planBuild";
import { computePlan } from "../../taskpane/worker/planCompute";
import { inPagePlanRunner, PlanCancelled } from "../../taskpane/worker/planRunner";
import { sampleCells, sampleTable } from "./fixtures/skuTable";
import { ExcelStandIn } from "./standin/excelStandIn";

const SKUS = 40;
/** The planner's sheet: a title above the table, the table from B3 (header) to DK43. */
function plannerSheet() {
  return { name: "My SKUs", cells: { A1: "Weekly SKU review", ...sampleCells(SKUS, 3, 2), A50: "=SUM(D4:D43)" } };
}
const TABLE = "'My SKUs'!B3:DK43";

describe("reading the table", () => {
  test("the selection, header row included: values, and where the table is", async () => {
    const xl = new ExcelStandIn({ sheets: [plannerSheet()], selection: { sheet: "My SKUs", address: "B3:DK43" } });
    const read = await readSelectedTable(xl.run);
    if (!read.ok) throw new Error(read.problem);
    const expected = sampleTable(SKUS, { sheet: "My SKUs", headerRow: 3, firstCol: 2 });
    expect(read.table.address).toBe(TABLE);
    expect(read.table.where).toEqual({ sheet: "My SKUs", headerRow: 3, firstCol: 2, rows: SKUS });
    expect(read.table.headers).toEqual(expected.headers);
    // blank cells come back as "" (Excel's values), which the plan reads as blanks
    expect(read.table.rows.map((r) => r.map((v) => (v === "" ? null : v)))).toEqual(expected.rows);
    // reads only: nothing written
    expect(xl.ops).toEqual([]);
  });

  test("one selected cell stands for the used range of its sheet", async () => {
    const xl = new ExcelStandIn({ sheets: [{ name: "SKUs", cells: sampleCells(SKUS) }], selection: { sheet: "SKUs", address: "C7" } });
    const read = await readSelectedTable(xl.run);
    if (!read.ok) throw new Error(read.problem);
    expect(read.table.address).toBe("SKUs!A1:DJ41");
    expect(read.table.rows).toHaveLength(SKUS);
  });

  test("an empty sheet, no selection: a message that says what to select", async () => {
    const empty = new ExcelStandIn({ sheets: [{ name: "Sheet1" }], selection: { sheet: "Sheet1", address: "A1" } });
    expect(await readSelectedTable(empty.run)).toEqual({
      ok: false,
      problem: "The sheet is empty: select your SKU table with its header row.",
    });
    const none = new ExcelStandIn({ sheets: [{ name: "Sheet1" }] });
    const r = await readSelectedTable(none.run);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(/^Could not read the selection \(No cells are selected\.\): select one block of cells/);
  });

  test("whole columns selected: refused by their size before any value is read", async () => {
    const xl = new ExcelStandIn({
      sheets: [{ name: "SKUs", cells: sampleCells(5) }],
      selection: { sheet: "SKUs", address: "A1:DJ1048576" },
    });
    const r = await readSelectedTable(xl.run);
    expect(r).toEqual({
      ok: false,
      problem: expect.stringMatching(/^The selection has 1,048,575 rows below its header; a plan takes at most 20,000 SKUs\./),
    });
    // one sync: the address and the size; no values were asked for
    expect(xl.syncs).toBe(1);
    expect(xl.requests.every((q) => q.bytes < 2000)).toBe(true);
  });

  test("a big table is read in slices of rows, one sync each", async () => {
    const rows = 1200;
    const cols = 100;
    const cells: Record<string, string | number> = {};
    for (let c = 1; c <= cols; c++) cells[`${colLetter(c)}1`] = c === 1 ? "SKU" : `W${c - 1}`;
    for (let r = 2; r <= rows + 1; r++) for (let c = 1; c <= cols; c++) cells[`${colLetter(c)}${r}`] = c === 1 ? `S${r}` : (r * c) % 7;
    const xl = new ExcelStandIn({
      sheets: [{ name: "Big", cells }],
      selection: { sheet: "Big", address: `A1:${colLetter(cols)}${rows + 1}` },
    });
    const read = await readSelectedTable(xl.run);
    if (!read.ok) throw new Error(read.problem);
    expect(read.table.rows).toHaveLength(rows);
    expect(read.table.rows[rows - 1][cols - 1]).toBe(((rows + 1) * cols) % 7);
    const slices = Math.ceil(((rows + 1) * cols) / (Math.floor(READ_CHUNK_CELLS / cols) * cols));
    expect(slices).toBe(2);
    expect(xl.syncs).toBe(1 + slices);
  });

  test("the table at a stored address; a sheet that is gone says to select the table again", async () => {
    const xl = new ExcelStandIn({ sheets: [plannerSheet()] });
    const read = await readTableAt(xl.run, TABLE);
    expect(read.ok && read.table.rows.length).toBe(SKUS);
    expect(await readTableAt(xl.run, "Gone!A1:C4")).toEqual({
      ok: false,
      problem: "The workbook has no sheet \u201cGone\u201d any more: select the table again.",
    });
  });
});

describe("the settings part", () => {
  test("saved beside the simulation's state part, which is left as it was; read back; duplicates removed", async () => {
    const simulation = stateToXml({ ...emptyState(), scenario: { name: "beer" } });
    const xl = new ExcelStandIn({ sheets: [plannerSheet()], xmlParts: [{ namespace: STATE_NAMESPACE, xml: simulation }] });
    expect(await loadPlanSettings(xl.run)).toEqual({ simulationStored: true });
    const t = sampleTable(SKUS, { sheet: "My SKUs", headerRow: 3, firstCol: 2 });
    const s = planSettings({ ...t, address: TABLE }, proposeMapping(t), DEFAULT_POLICY);
    await savePlanSettings(xl.run, s);
    await savePlanSettings(xl.run, { ...s, policy: { ...DEFAULT_POLICY, seasonLength: 12 } });
    xl.xmlParts.push({ ...xl.xmlParts.find((p) => p.namespace === PLAN_NAMESPACE)!, id: "{copy}" });
    await savePlanSettings(xl.run, s);
    expect(xl.xmlParts.filter((p) => p.namespace === PLAN_NAMESPACE)).toHaveLength(1);
    expect(xl.xmlParts.find((p) => p.namespace === STATE_NAMESPACE)!.xml).toBe(simulation);
    const loaded = await loadPlanSettings(xl.run);
    expect(loaded.simulationStored).toBe(true);
    expect(readPlanSettings(loaded.raw)).toEqual({
      table: TABLE,
      roles: s.roles,
      history: s.history,
      policy: DEFAULT_POLICY,
      ignored: [],
    });
  });

  test("a damaged part: the problem, and no settings", async () => {
    const xl = new ExcelStandIn({
      xmlParts: [{ namespace: PLAN_NAMESPACE, xml: `<scmPlan xmlns="${PLAN_NAMESPACE}"><settings>{</settings></scmPlan>` }],
    });
    expect(await loadPlanSettings(xl.run)).toEqual({
      problem: "the add-in's plan settings part does not hold valid JSON",
      simulationStored: false,
    });
    expect(planSettingsFromXml(`<scmPlan><settings>${"{}"}</settings></scmPlan>`)).toEqual({ ok: true, raw: {} });
  });
});

describe("a build", () => {
  // A season of 52 over 104 weeks: the automatic method fits no seasonal model, and 40 SKUs take a fraction of a second.
  const policy = { ...DEFAULT_POLICY, reviewPeriod: 2, orderRule: { kind: "eoq-cases" as const } };

  async function built(xl: ExcelStandIn) {
    const read = await readSelectedTable(xl.run);
    if (!read.ok) throw new Error(read.problem);
    const mapping = proposeMapping(read.table);
    const phases: string[] = [];
    const outcome = await buildPlan(
      xl.run,
      inPagePlanRunner,
      { table: read.table, mapping, policy, builtAt: "2026-11-29 14:05" },
      { onPhase: (p) => phases.push(p), onCancellable: () => undefined },
    );
    return { outcome, phases, table: read.table, mapping };
  }

  test("writes the Plan sheet of live formulas over the planner's table, which is left untouched, and stores the settings", async () => {
    const xl = new ExcelStandIn({ sheets: [plannerSheet()], selection: { sheet: "My SKUs", address: "B3:DK43" } });
    const before = structuredClone(xl.snapshot().sheets[0]);
    const { outcome, phases, table, mapping } = await built(xl);
    expect(phases).toEqual(["reading", "computing", "writing"]);
    if (outcome.status !== "built") throw new Error("not built");
    expect(outcome.summary.skus).toBe(SKUS);
    expect(outcome.summary.planned + outcome.summary.problems).toBe(SKUS);
    const snap = xl.snapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual(["My SKUs", PLAN_SHEET]);
    expect(outcome.planSheet).toEqual({ id: snap.sheets[1].id, name: PLAN_SHEET });
    // the planner's sheet is as it was
    expect(snap.sheets[0]).toEqual(before);
    // the Plan sheet is the engine's plan for this table, formula for formula
    const expected = computePlan({
      type: "plan",
      rows: table.rows,
      mapping,
      policy,
      where: table.where,
      builtAt: "2026-11-29 14:05",
    }).workbook;
    const written = snap.sheets[1].cells;
    const formulas = expected.sheets[0].cells.filter((c) => c.formula !== undefined);
    expect(formulas.length).toBeGreaterThan(SKUS * 15);
    for (const c of formulas) expect([c.ref, written[c.ref]?.formula]).toEqual([c.ref, `=${c.formula}`]);
    expect(written.A16.formula).toBe("='My SKUs'!$B4&\"\"");
    // the settings part: the table, the mapping with its headers, the policy
    const part = snap.xmlParts.find((p) => p.namespace === PLAN_NAMESPACE)!;
    const parsed = planSettingsFromXml(part.xml);
    expect(parsed.ok && readPlanSettings(parsed.raw)).toMatchObject({ table: TABLE, policy, ignored: [] });
    // the Plan sheet is tracked by id in the state part, as group "plan"
    const state = stateFromXml(snap.xmlParts.find((p) => p.namespace === STATE_NAMESPACE)!.xml);
    expect(state.ok && state.state.sheets).toEqual([{ id: snap.sheets[1].id, name: PLAN_SHEET, key: "plan:plan:1", group: "plan" }]);
    expect(state.ok && state.state.scenario).toBeUndefined();
  });

  test("a rebuild updates the same Plan sheet (found by id, even renamed); a sheet of the planner's named Plan is left alone", async () => {
    const xl = new ExcelStandIn({
      sheets: [plannerSheet(), { name: "Plan", cells: { A1: "my own plan" } }],
      selection: { sheet: "My SKUs", address: "B3:DK43" },
    });
    const first = await built(xl);
    if (first.outcome.status !== "built") throw new Error("not built");
    expect(first.outcome.planSheet.name).toBe("Plan (2)");
    expect(first.outcome.clashes).toEqual([{ kind: "sheet", planned: "Plan", used: "Plan (2)" }]);
    xl.sheets.find((s) => s.name === "Plan (2)")!.name = "Reorder";
    const again = await built(xl);
    if (again.outcome.status !== "built") throw new Error("not built");
    expect(again.outcome.planSheet.id).toBe(first.outcome.planSheet.id);
    expect(xl.sheets.map((s) => s.name)).toEqual(["My SKUs", "Plan", "Plan (2)"]);
    expect(xl.sheets[1].cells.get("A1")).toEqual({ value: "my own plan" });
  });

  test("the table is read again at Build: today's stock counts; headers changed meanwhile stop the build", async () => {
    const xl = new ExcelStandIn({ sheets: [plannerSheet()], selection: { sheet: "My SKUs", address: "B3:DK43" } });
    const read = await readSelectedTable(xl.run);
    if (!read.ok) throw new Error(read.problem);
    const mapping = proposeMapping(read.table);
    const hooks = { onPhase: () => undefined, onCancellable: () => undefined };
    // Every SKU's on hand (column D) pasted as 0 after the wizard read the table: all of them are to order.
    for (let r = 4; r <= 43; r++) xl.sheets[0].cells.set(`D${r}`, { value: 0 });
    const outcome = await buildPlan(xl.run, inPagePlanRunner, { table: read.table, mapping, policy, builtAt: "now" }, hooks);
    if (outcome.status !== "built") throw new Error("not built");
    expect(outcome.table.rows.every((r) => r[2] === 0)).toBe(true);
    expect(outcome.summary.orderNow).toBe(outcome.summary.planned);
    // A column inserted before Lead time: the mapping would read the wrong columns.
    xl.sheets[0].cells.set("G3", { value: "Supplier" });
    await expect(buildPlan(xl.run, inPagePlanRunner, { table: read.table, mapping, policy, builtAt: "now" }, hooks)).rejects.toThrow(
      "The headers of 'My SKUs'!B3:DK43 changed since the wizard read the table: press Use the selected table again and check the columns. Nothing was written.",
    );
  });

  test("cancelled while computing: nothing is written", async () => {
    const xl = new ExcelStandIn({ sheets: [plannerSheet()] });
    const t = sampleTable(SKUS, { sheet: "My SKUs", headerRow: 3, firstCol: 2 });
    const outcome = await buildPlan(
      xl.run,
      (req) => {
        const r = inPagePlanRunner(req);
        r.cancel();
        return r;
      },
      { table: t, mapping: proposeMapping(t), policy, builtAt: "now" },
      { onPhase: () => undefined, onCancellable: () => undefined },
    );
    expect(outcome).toEqual({ status: "cancelled" });
    expect(xl.ops).toEqual([]);
    expect(() => {
      throw new PlanCancelled();
    }).toThrow("The plan was cancelled.");
  });
});
