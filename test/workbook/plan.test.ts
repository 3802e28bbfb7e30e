/**
 * The workbook plan as data: the formula rules of the issue (native, non-volatile, nothing refers
 * to a later period), names and validation on every input, the stored scenario, large networks.
 * The numbers themselves are verified in LibreOffice (libreoffice.test.ts).
 */
import { DomainError } from "../../src/errors";
import { simulate, validateScenario, type Scenario, type ScenarioInput } from "../../src/sim";
import { quoteSheet, colLetter, safeSheetName } from "../../src/workbook/a1";
import { chunkText, CHUNK_CHARS } from "../../src/workbook/scenarioSheet";
import {
  FIRST_ROW,
  INPUTS_SHEET,
  letter,
  planWorkbook,
  readStoredScenario,
  SCENARIO_SHEET,
  START_ROW,
  SUMMARY_SHEET,
  type CellPlan,
  type WorkbookPlan,
} from "../../src/workbook";
import { SCENARIOS } from "./scenarios";

const valid = (input: ScenarioInput): Scenario => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.errors.join("; "));
  return v.scenario;
};

const formulas = (plan: WorkbookPlan) =>
  plan.sheets.flatMap((sh) => sh.cells.filter((c) => c.formula !== undefined).map((c) => ({ sheet: sh.name, cell: c })));

/** Cell or range references in a formula: [sheet or null, first column, first row, last row]. */
function refs(formula: string): { sheet: string | null; col: string; row: number; lastRow: number }[] {
  const re = /(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?![A-Za-z0-9_(])/g;
  const out: { sheet: string | null; col: string; row: number; lastRow: number }[] = [];
  const noStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
  for (const m of noStrings.matchAll(re)) {
    // Skip the digits inside a defined name (SCM_LeadTime_1): a reference is not preceded by a word character.
    const before = noStrings[m.index! - 1];
    if (before !== undefined && /[A-Za-z0-9_.]/.test(before)) continue;
    const sheet = m[1] ? m[1].replace(/^'|'$/g, "").replace(/''/g, "'") : null;
    out.push({ sheet, col: m[2], row: Number(m[3]), lastRow: Number(m[5] ?? m[3]) });
  }
  return out;
}

describe.each(Object.keys(SCENARIOS))("plan of %s", (id) => {
  const scenario = valid(SCENARIOS[id]);
  const { plan, layout } = planWorkbook(scenario);

  test("native, non-volatile formulas only (no OFFSET, INDIRECT, volatile or Excel-365-only functions)", () => {
    const banned = /\b(OFFSET|INDIRECT|NOW|TODAY|RAND|RANDBETWEEN|CELL|INFO|LET|LAMBDA|SEQUENCE|FILTER)\(/i;
    const sim = formulas(plan).filter((f) => plan.sheets.find((s) => s.name === f.sheet)!.role === "simulation");
    expect(sim.length).toBeGreaterThan(scenario.periods * scenario.stages.length * 10);
    expect(formulas(plan).filter(({ cell }) => banned.test(cell.formula!))).toEqual([]);
    // SCM functions only on the Summary, never in the simulation itself.
    expect(formulas(plan).filter(({ sheet, cell }) => sheet !== SUMMARY_SHEET && /SCM\./.test(cell.formula!))).toEqual([]);
  });

  test("no simulation formula refers to a later period, except the customer-demand values", () => {
    const stageSheets = new Map(layout!.stages.map((st) => [st.sheet, st]));
    const later: string[] = [];
    let checked = 0;
    for (const { sheet, cell } of formulas(plan)) {
      const own = stageSheets.get(sheet);
      if (!own) continue;
      const row = Number(/\d+$/.exec(cell.ref)![0]);
      for (const r of refs(cell.formula!)) {
        const target = stageSheets.get(r.sheet ?? sheet);
        if (!target) continue; // Inputs
        checked++;
        if (r.lastRow <= row) continue;
        // Allowed: a fixed range over the stage's own column of customer-demand values, which depend on nothing.
        if (target.index === own.index && own.mode === "customers" && r.col === letter(target, "customerDemand")) continue;
        later.push(`${sheet}!${cell.ref}: ${cell.formula}`);
      }
    }
    expect(checked).toBeGreaterThan(scenario.periods * scenario.stages.length * 10);
    expect(later).toEqual([]);
  });

  test("every workbook name used is defined, and every input has a name and validation", () => {
    const defined = new Set(plan.names.map((n) => n.name));
    const used = new Set(formulas(plan).flatMap(({ cell }) => [...cell.formula!.matchAll(/\bSCM_[A-Za-z]+(?:_\d+)?\b/g)].map((m) => m[0])));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((n) => !defined.has(n))).toEqual([]);
    const inputs = plan.sheets.find((s) => s.name === INPUTS_SHEET)!;
    const inputCells = inputs.cells.filter((c) => c.style === "input");
    expect(inputCells.length).toBeGreaterThan(10);
    for (const c of inputCells) {
      expect(plan.names.some((n) => n.ref === `${INPUTS_SHEET}!$${c.ref.replace(/(\d+)/, "$$$1")}`)).toBe(true);
      expect(plan.validations.some((v) => v.sheet === INPUTS_SHEET && v.range === c.ref)).toBe(true);
    }
  });

  test("lead times are whole numbers from 1 to the register width; service levels in (0, 1)", () => {
    const inputs = plan.sheets.find((s) => s.name === INPUTS_SHEET)!;
    scenario.stages.forEach((st, k) => {
      const name = plan.names.find((n) => n.name === `SCM_LeadTime_${k + 1}`)!;
      const ref = name.ref.split("!")[1].replace(/\$/g, "");
      const cell = inputs.cells.find((c) => c.ref === ref) as CellPlan;
      expect(cell.value).toBe(st.leadTime);
      const v = plan.validations.find((x) => x.range === ref)!;
      expect(v).toMatchObject({ type: "whole", min: 1, max: layout!.stages[k].transit.width });
      expect(v.max).toBeGreaterThanOrEqual(Math.min(2 * st.leadTime, scenario.periods));
      const sl = plan.names.find((n) => n.name === `SCM_ServiceLevel_${k + 1}`);
      if (sl) {
        const slRef = sl.ref.split("!")[1].replace(/\$/g, "");
        expect(plan.validations.find((x) => x.range === slRef)).toMatchObject({ type: "custom", formula: `AND(ISNUMBER(${slRef}),${slRef}>0,${slRef}<1)` });
      }
    });
  });

  test("one row per period on every stage sheet, the start row above period 0", () => {
    for (const st of layout!.stages) {
      const sheet = plan.sheets.find((s) => s.name === st.sheet)!;
      const periodCells = sheet.cells.filter((c) => c.ref.startsWith("A") && typeof c.value === "number" && Number(c.ref.slice(1)) >= FIRST_ROW);
      expect(periodCells.map((c) => c.value)).toEqual(Array.from({ length: scenario.periods }, (_, t) => t));
      expect(sheet.cells.find((c) => c.ref === `A${START_ROW}`)!.value).toBe("start");
    }
  });

  test("the stored scenario reads back as the validated scenario", () => {
    const sheet = plan.sheets.find((s) => s.name === SCENARIO_SHEET)!;
    const chunks = sheet.cells.filter((c) => c.numFmt === "@").map((c) => c.value);
    expect(readStoredScenario(chunks)).toEqual(scenario);
    expect(validateScenario(readStoredScenario(chunks))).toEqual({ ok: true, scenario });
  });

  test("every formula fits Excel's 8,192-character limit", () => {
    expect(formulas(plan).filter(({ cell }) => cell.formula!.length > 8192)).toEqual([]);
  });

  test("the plan is plain, deterministic data", () => {
    expect(JSON.stringify(planWorkbook(scenario).plan)).toBe(JSON.stringify(plan));
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});

describe("larger networks and long scenarios", () => {
  // 60 stores: above the 50 laid out on sheets. A long demand series makes the JSON span several cells.
  const values = Array.from({ length: 6000 }, (_, i) => 10 + ((i * 7919) % 1000) / 97.3);
  const big: ScenarioInput = {
    name: "60 stores",
    network: "distribution",
    periods: 30,
    replications: 20,
    demand: { distribution: "series", values },
    stages: [
      { name: "DC", leadTime: 2, initialInventory: 500, holdingCost: 0.1, backlogCost: 1, policy: { type: "base-stock", level: 900 } },
      ...Array.from({ length: 60 }, (_, i) => ({
        name: `Store ${i + 1}`,
        leadTime: 1,
        initialInventory: 20,
        holdingCost: 0.5,
        backlogCost: 2,
        policy: { type: "order-up-to" as const, window: 3 },
      })),
    ],
  };
  const scenario = valid(big);
  const { plan, layout } = planWorkbook(scenario);

  test("no stage sheets: the Summary holds the engine's Monte Carlo results and says so", () => {
    expect(layout).toBeNull();
    expect(plan.sheets.map((s) => s.role)).toEqual(["inputs", "summary", "scenario"]);
    const summary = plan.sheets.find((s) => s.name === SUMMARY_SHEET)!;
    const note = String(summary.cells.find((c) => c.ref === "A2")!.value);
    expect(note).toMatch(/60 stores, more than the 50 laid out on sheets/);
    expect(note).toMatch(/Monte Carlo results over 20 replication/);
    const result = simulate(scenario);
    const mean = summary.cells.find((c) => c.ref === "C5")!.value;
    expect(mean).toBe(result.stages[0].bullwhip.mean);
    expect(summary.cells.every((c) => c.formula === undefined)).toBe(true);
  });

  test("the scenario JSON is cut into cells below Excel's limit and reads back", () => {
    const chunks = plan.sheets.find((s) => s.name === SCENARIO_SHEET)!.cells.filter((c) => c.numFmt === "@").map((c) => String(c.value));
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(32767);
    expect(readStoredScenario(chunks)).toEqual(scenario);
  });

  test("50 stores, the most laid out on sheets: one sheet per stage, the DC sums all 50 within Excel's limits", () => {
    const fifty = valid({ ...big, stages: big.stages.slice(0, 51) });
    const p = planWorkbook(fifty);
    expect(p.layout!.stages.length).toBe(51);
    expect(p.plan.sheets.filter((sh) => sh.role === "simulation").length).toBe(51);
    const dc = p.plan.sheets.find((sh) => sh.name === "1 DC")!;
    const demand = dc.cells.find((c) => c.ref === `${letter(p.layout!.stages[0], "demand")}${FIRST_ROW}`)!;
    expect(demand.formula!.split("+").length).toBe(50);
    expect(Math.max(...formulas(p.plan).map(({ cell }) => cell.formula!.length))).toBeLessThanOrEqual(8192);
  });

  test("a 9-stage serial chain is refused by validation before any plan", () => {
    const nine: ScenarioInput = { ...SCENARIOS["ma-decentralised"], stages: Array.from({ length: 9 }, () => SCENARIOS["ma-decentralised"].stages[0]) };
    expect(() => planWorkbook(nine as Scenario)).toThrow(DomainError);
    expect(() => planWorkbook(nine as Scenario)).toThrow(/at most 8 stages/);
  });
});

describe("chunkText", () => {
  test("pieces never start with a formula or prefix character and join back to the text", () => {
    const text = '{"a":"=x","b":"+1","c":"-2","d":"@e","f":"\'g"}'.repeat(50);
    for (const size of [5, 7, 13, 64]) {
      const chunks = chunkText(text, size);
      expect(chunks.join("")).toBe(text);
      for (const c of chunks) {
        expect(c.length).toBeLessThanOrEqual(size);
        expect(c[0]).not.toMatch(/[=+\-@'\s]/);
      }
    }
    expect(CHUNK_CHARS).toBeLessThan(32767);
  });
});

describe("A1 helpers", () => {
  test("column letters and sheet quoting follow Excel's rules", () => {
    expect([1, 26, 27, 52, 703, 16384].map(colLetter)).toEqual(["A", "Z", "AA", "AZ", "AAA", "XFD"]);
    expect(quoteSheet("Inputs")).toBe("Inputs");
    expect(quoteSheet("1 Retailer")).toBe("'1 Retailer'");
    expect(quoteSheet("Joe's")).toBe("'Joe''s'");
    expect(quoteSheet("A1")).toBe("'A1'");
    expect(quoteSheet("R2C3")).toBe("'R2C3'");
    expect(safeSheetName("1 a/b:c*d?[e]'")).toBe("1 a b c d  e");
    expect(safeSheetName("x".repeat(40)).length).toBe(31);
  });
});
