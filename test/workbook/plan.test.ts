/**
 * The workbook plan as data: the formula rules of the issue (native, non-volatile, nothing refers
 * to a later period), names and validation on every input, the stored scenario, large networks.
 * The numbers themselves are verified in LibreOffice (libreoffice.test.ts).
 */
import { DomainError } from "../../src/errors";
import { simulate, validateScenario, type Scenario, type ScenarioInput, type Stat } from "../../src/sim";
import { quoteSheet, colLetter, safeSheetName } from "../../src/workbook/a1";
import { chunkText, CHUNK_CHARS } from "../../src/workbook/scenarioSheet";
import {
  ADDIN_COLUMN,
  FIRST_ROW,
  INPUTS_SHEET,
  letter,
  planWorkbook,
  readStoredScenario,
  SCENARIO_SHEET,
  START_ROW,
  SUMMARY_COLUMNS,
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
        // Allowed: a fixed range over a column of customer-demand values (the stage's own, or the
        // retailer's that a pushing stage plans from), which depend on nothing.
        if (target.mode === "customers" && r.col === letter(target, "customerDemand")) continue;
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
        expect(plan.validations.find((x) => x.range === slRef)).toMatchObject({
          type: "custom",
          formula: `AND(ISNUMBER(${slRef}),${slRef}>0,${slRef}<1)`,
        });
      }
    });
  });

  test("one row per period on every stage sheet, the start row above period 0", () => {
    for (const st of layout!.stages) {
      const sheet = plan.sheets.find((s) => s.name === st.sheet)!;
      const periodCells = sheet.cells.filter(
        (c) => c.ref.startsWith("A") && typeof c.value === "number" && Number(c.ref.slice(1)) >= FIRST_ROW,
      );
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
    const chunks = plan.sheets
      .find((s) => s.name === SCENARIO_SHEET)!
      .cells.filter((c) => c.numFmt === "@")
      .map((c) => String(c.value));
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
    const nine: ScenarioInput = {
      ...SCENARIOS["ma-decentralised"],
      stages: Array.from({ length: 9 }, () => SCENARIOS["ma-decentralised"].stages[0]),
    };
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

describe("the Summary and Inputs a colleague reads without the add-in", () => {
  const scenario = valid({ ...SCENARIOS["one-to-n"], replications: 30 });
  const result = simulate(scenario);
  const withMc = planWorkbook(scenario, { monteCarlo: result }).plan;
  const without = planWorkbook(scenario).plan;
  const sheetOf = (plan: WorkbookPlan, name: string) => plan.sheets.find((s) => s.name === name)!;
  const cellsOf = (plan: WorkbookPlan, name: string) => new Map(sheetOf(plan, name).cells.map((c) => [c.ref, c]));
  const summary = cellsOf(withMc, SUMMARY_SHEET);
  const head = (plan: WorkbookPlan, table: string) => plan.tables.find((t) => t.name === table);

  test("the Summary says which replication its live formulas show", () => {
    for (const plan of [withMc, without]) {
      expect(String(cellsOf(plan, SUMMARY_SHEET).get("A2")!.value)).toMatch(
        /ONE replication, replication 0 of seed 5 \(the customer demand on the stage sheets\)/,
      );
    }
    expect(String(cellsOf(without, SUMMARY_SHEET).get("A2")!.value)).toMatch(
      /means over all replications, with 95% confidence intervals: on the Results sheet/,
    );
    expect(head(without, "SCM_MonteCarlo")).toBeUndefined();
  });

  test("given the engine's run, the Monte Carlo means and 95% CIs sit beside the live figures, as values labelled with the replications and the seed", () => {
    expect(String(summary.get("A2")!.value)).toMatch(
      /the means over all 30 replications \(seed 5\) with 95% confidence intervals, as values/,
    );
    const table = head(withMc, "SCM_MonteCarlo")!;
    expect(table.columns).toEqual([
      "Stage",
      "Measure",
      "Replication 0 (live, from the table above)",
      "Mean of 30 replications (seed 5)",
      "95% CI low",
      "95% CI high",
      "Replications",
    ]);
    const top = Number(/^A(\d+):/.exec(table.ref)![1]);
    expect(summary.get(`A${top - 2}`)!.value).toBe("Monte Carlo: 30 replications, seed 5 (values from the simulation engine)");
    table.columns.forEach((h, i) => expect(summary.get(`${colLetter(i + 1)}${top}`)!.value).toBe(h));
    const live = (col: string, k: number) => `${colLetter(SUMMARY_COLUMNS.indexOf(col as never) + 1)}${5 + k}`;
    const expected: [string, (k: number) => Stat][] = [
      ["Bullwhip ratio", (k) => result.stages[k].bullwhip],
      ["Fill rate", (k) => result.stages[k].fillRate],
      ["Average on hand", (k) => result.stages[k].avgOnHand],
      ["Average backlog", (k) => result.stages[k].avgBacklog],
      ["Average in transit", (k) => result.stages[k].avgInTransit],
      ["Holding cost per period", (k) => result.stages[k].costPerPeriod.holding],
      ["Backlog cost per period", (k) => result.stages[k].costPerPeriod.backlog],
      ["In-transit holding cost per period", (k) => result.stages[k].costPerPeriod.inTransit],
      ["Total cost per period", (k) => result.stages[k].costPerPeriod.total],
      ["Holding cost over N measured periods", (k) => result.stages[k].cost.holding],
      ["Backlog cost over N measured periods", (k) => result.stages[k].cost.backlog],
      ["In-transit holding cost over N measured periods", (k) => result.stages[k].cost.inTransit],
      ["Total cost over N measured periods", (k) => result.stages[k].cost.total],
    ];
    let r = top + 1;
    scenario.stages.forEach((st, k) => {
      for (const [measure, stat] of expected) {
        expect([summary.get(`A${r}`)!.value, summary.get(`B${r}`)!.value]).toEqual([`${k + 1} ${st.name}`, measure]);
        expect(summary.get(`C${r}`)!.formula).toBe(live(measure, k));
        const s = stat(k);
        expect(summary.get(`D${r}`)!.value).toBe(s.mean);
        expect([summary.get(`E${r}`)!.value, summary.get(`F${r}`)!.value]).toEqual(s.ci95);
        expect(summary.get(`G${r}`)!.value).toBe(s.n);
        r++;
      }
    });
    const totalRow = 5 + scenario.stages.length;
    expect([summary.get(`B${r}`)!.value, summary.get(`C${r}`)!.formula, summary.get(`D${r}`)!.value]).toEqual([
      "Total cost per period",
      live("Total cost per period", totalRow - 5),
      result.totalCostPerPeriod.mean,
    ]);
    expect([summary.get(`B${r + 1}`)!.value, summary.get(`C${r + 1}`)!.formula, summary.get(`D${r + 1}`)!.value]).toEqual([
      "Total cost over N measured periods",
      live("Total cost over N measured periods", totalRow - 5),
      result.totalCost.mean,
    ]);
    expect(table.ref).toBe(`A${top}:G${r + 1}`);
    // only the live column holds formulas
    for (let row = top + 1; row <= r + 1; row++) for (const c of "ABDEFG") expect(summary.get(`${c}${row}`)?.formula).toBeUndefined();
    // a run of another scenario is refused
    expect(() => planWorkbook(scenario, { monteCarlo: simulate(valid({ ...SCENARIOS["one-to-n"], periods: 40 })) })).toThrow(
      /not a run of the scenario/,
    );
  });

  test('the add-in\'s twin is optional: IFERROR(SCM.BULLWHIP_RATIO(...), "needs the SCM add-in") under a header that says so', () => {
    const col = colLetter(SUMMARY_COLUMNS.indexOf(ADDIN_COLUMN) + 1);
    expect(ADDIN_COLUMN).toMatch(/optional: needs the SCM add-in/);
    expect(summary.get(`${col}4`)!.value).toBe(ADDIN_COLUMN);
    scenario.stages.forEach((_, k) => {
      const f = summary.get(`${col}${5 + k}`)!.formula!;
      expect(f).toMatch(/^IFERROR\(SCM\.BULLWHIP_RATIO\(.*,"variance",SCM_Warmup\),"needs the SCM add-in"\)$/);
    });
  });

  test("costs per period and over the N measured periods, labelled; N is live", () => {
    expect(summary.get("A3")!.value).toBe("N, measured periods");
    expect(summary.get("B3")!.formula).toBe(`${scenario.periods}-SCM_Warmup`);
    const col = (h: string) => colLetter(SUMMARY_COLUMNS.indexOf(h as never) + 1);
    for (const part of ["Holding", "Backlog", "In-transit holding", "Total"]) {
      expect(summary.get(`${col(`${part} cost per period`)}5`)!.formula).toBe(`${col(`${part} cost over N measured periods`)}5/$B$3`);
    }
    expect(summary.get(`${col("Holding cost over N measured periods")}5`)!.formula).toMatch(/^SCM_HoldingCost_1\*SUM\(/);
    expect(summary.get(`${col("In-transit holding cost over N measured periods")}5`)!.formula).toMatch(
      /^SCM_InTransitHoldingCost_1\*SUM\(/,
    );
    const totalRow = 5 + scenario.stages.length;
    expect(summary.get(`A${totalRow}`)!.value).toBe("Network total");
    for (const total of [col("Total cost per period"), col("Total cost over N measured periods")])
      expect(summary.get(`${total}${totalRow}`)!.formula).toBe(`SUM(${total}5:${total}${totalRow - 1})`);
  });

  test("units: whole values without decimals, fractional quantities with one; inputs as typed", () => {
    const all = withMc.sheets.flatMap((s) => s.cells.map((c) => ({ sheet: s.name, c })));
    expect(all.filter(({ c }) => c.numFmt === "0.00")).toEqual([]);
    const inputs = cellsOf(withMc, INPUTS_SHEET);
    const named = (n: string) => {
      const ref = withMc.names
        .find((x) => x.name === n)!
        .ref.split("!")[1]
        .replace(/\$/g, "");
      return inputs.get(ref)!;
    };
    expect(named("SCM_InitialInventory_1")).toMatchObject({ value: 60, numFmt: "General" });
    expect(named("SCM_LeadTime_1").numFmt).toBe("0");
    expect(named("SCM_HoldingCost_1").numFmt).toBe("#,##0.00");
    // customer demand: Store C's series has fractional values, Store D's Poisson draws are whole
    const demandCell = (k: number) => cellsOf(withMc, planWorkbook(scenario).layout!.stages[k].sheet).get(`B${FIRST_ROW}`)!;
    expect(demandCell(3).numFmt).toBe("0.0");
    expect(demandCell(4).numFmt).toBe("0");
    const store = planWorkbook(scenario).layout!.stages[1];
    expect(cellsOf(withMc, store.sheet).get(`${letter(store, "onHand")}${FIRST_ROW}`)!.numFmt).toBe("0.0");
  });

  test("Inputs: each store's own demand; one case-size row for a min-max stage; words for the file and the wizard alike", () => {
    const inputs = sheetOf(withMc, INPUTS_SHEET).cells;
    const rowOf = (label: string) => inputs.filter((c) => c.ref.startsWith("A") && c.value === label).map((c) => Number(c.ref.slice(1)));
    const [scenarioRow, stageRow] = rowOf("Customer demand");
    expect(String(inputs.find((c) => c.ref === `B${scenarioRow}`)!.value)).toMatch(
      /^stores without their own: normal, mean 12, sd 5, .*; Store C, Store D have their own \(row 'Customer demand' below\); the values/,
    );
    const at = (col: number) => inputs.find((c) => c.ref === `${colLetter(col)}${stageRow}`)?.value;
    expect([at(3), at(4), at(5), at(6), at(7)]).toEqual([
      undefined,
      "the scenario's",
      "the scenario's",
      "own: series of 52",
      "own: Poisson 15",
    ]);
    // Store C (min-max, no case-size lever): only its B; the levers scenario's Warehouse sets both
    const names = new Set(withMc.names.map((n) => n.name));
    expect(names.has("SCM_MinMaxCase_4")).toBe(true);
    expect(names.has("SCM_CaseSize_4")).toBe(false);
    expect(names.has("SCM_CaseSize_5")).toBe(true);
    const levers = planWorkbook(valid(SCENARIOS["sq-minmax-basestock-levers"])).plan;
    expect(
      levers.names
        .filter((n) => /^SCM_(CaseSize|MinMaxCase)_2$/.test(n.name))
        .map((n) => n.name)
        .sort(),
    ).toEqual(["SCM_CaseSize_2", "SCM_MinMaxCase_2"]);
    expect(rowOf("Case size (order rounding)")).toHaveLength(1);
    expect(rowOf("Min-max case size B")).toHaveLength(1);
    expect(rowOf("Case size")).toEqual([]);
    const texts = [withMc, without, levers].flatMap((p) =>
      p.sheets.filter((s) => s.role !== "scenario").flatMap((s) => s.cells.map((c) => String(c.value ?? ""))),
    );
    expect(
      texts.filter((t) => /wizard/.test(t) && !/scenario file or the wizard|npm run workbook, or the wizard|written by the add-in/.test(t)),
    ).toEqual([]);
    expect(texts.some((t) => /change it in the scenario file or the wizard/.test(t))).toBe(true);
  });
});
