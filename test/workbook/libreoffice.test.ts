/**
 * The simulation workbook, recalculated by a spreadsheet engine nobody here wrote (LibreOffice
 * Calc, headless), must reproduce the simulation engine cell by cell: every simulated value of
 * every stage and period within 1e-9 (relative, one unit as the smallest scale), the Summary within
 * the same tolerance, and the same after an input cell is edited in the file.
 *
 * Reference: the engine's own single replication (simulateOnce, replication 0, the demand the
 * workbook writes as values) and its measures (simulate with one replication). The Summary's Monte
 * Carlo table (simulate over 20 replications) stays as written, the add-in's optional column shows
 * its text instead of an error, and LibreOffice finds the native charts (its own .xlsx keeps them,
 * same titles and series references).
 *
 * Needs LibreOffice (`apt-get install libreoffice-calc-nogui`; .ci/run installs it). Under CI
 * (CI set) a missing LibreOffice fails the suite; elsewhere the suite reports itself as not run.
 */
import { mkdirSync, readFileSync } from "fs";
import { join } from "path";
import { writeXlsx } from "../../cli/xlsxWriter";
import type { ExcelJSTypes } from "../../cli/exceljs";
import { simulate, simulateOnce, validateScenario, type Scenario, type ScenarioInput } from "../../src/sim";
import type { Result } from "../../src/sim";
import {
  ADDIN_COLUMN,
  monteCarloMeanHeader,
  NEEDS_ADDIN,
  planWorkbook,
  SUMMARY_COLUMNS,
  SUMMARY_HEADER_ROW,
  SUMMARY_SHEET,
  summaryCol,
  type PlannedWorkbook,
} from "../../src/workbook";
import { close, compareWithTrace } from "../support/compareTrace";
import { findSoffice, loadWorkbook, recalcXlsx, scratchDir, shownValue } from "../support/libreoffice";
import { comparable, plannedCharts, readCharts, type FileChart } from "../support/xlsxCharts";
import { editedScenario, editXlsx, WHAT_IFS } from "./edits";
import { SCENARIOS, SPIKY_SERIES } from "./scenarios";

const soffice = findSoffice();

function valid(input: ScenarioInput): Scenario {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`test scenario invalid: ${v.errors.join("; ")}`);
  return v.scenario;
}

if (!soffice) {
  test("LibreOffice workbook verification: soffice not found", () => {
    if (process.env.CI) throw new Error("LibreOffice (soffice) is required under CI: apt-get install libreoffice-calc-nogui");
    console.warn(
      "LibreOffice is not installed: the workbook verification did NOT run (install libreoffice-calc-nogui; under CI this fails).",
    );
  });
} else {
  describe("simulation workbook recalculated by LibreOffice", () => {
    const scratch = scratchDir("scm-workbook-test-");
    const planned = new Map<string, { scenario: Scenario; pw: PlannedWorkbook; mc: Result }>();
    const recalculated = new Map<string, ExcelJSTypes.Workbook>();
    const chartsAfter = new Map<string, FileChart[]>();

    beforeAll(async () => {
      const inDir = join(scratch.dir, "in");
      mkdirSync(inDir);
      const files: string[] = [];
      for (const [id, input] of Object.entries(SCENARIOS)) {
        const scenario = valid(input);
        const mc = simulate(scenario, { replications: 20 });
        const pw = planWorkbook(scenario, { monteCarlo: mc });
        const file = join(inDir, `${id}.xlsx`);
        await writeXlsx(pw.plan, file);
        planned.set(id, { scenario, pw, mc });
        files.push(file);
      }
      for (const w of WHAT_IFS) {
        const base = planned.get(w.scenario)!;
        const file = join(inDir, `whatif-${w.id}.xlsx`);
        await editXlsx(join(inDir, `${w.scenario}.xlsx`), file, base.pw.plan.names, w.edits);
        files.push(file);
      }
      // One LibreOffice start for every file: most of the cost is starting it.
      const outs = await recalcXlsx(files, join(scratch.dir, "out"));
      for (const out of outs) {
        const id = out.replace(/^.*[\\/]/, "").replace(/\.xlsx$/, "");
        recalculated.set(id, await loadWorkbook(out));
        chartsAfter.set(id, await readCharts(readFileSync(out)));
      }
    });

    afterAll(() => scratch.cleanup());

    describe.each(Object.keys(SCENARIOS))("%s", (id) => {
      test("every simulated cell equals the engine's replication 0", () => {
        const { scenario, pw } = planned.get(id)!;
        const cmp = compareWithTrace(recalculated.get(id)!, pw.layout!, simulateOnce(scenario, 0));
        // 12 series per stage, and the echelon position where a stage (or one upstream) orders on it.
        const echelon = pw.layout!.stages.filter((st) => st.col.echelonPosition !== undefined).length;
        expect(cmp.cells).toBe((scenario.stages.length * 12 + echelon) * scenario.periods);
        expect(cmp.mismatches.slice(0, 5)).toEqual([]);
      });

      test("the Summary equals the engine's measures; the add-in's optional column shows its text, not an error", () => {
        const { scenario } = planned.get(id)!;
        const ws = recalculated.get(id)!.getWorksheet(SUMMARY_SHEET)!;
        const result = simulate(scenario, { replications: 1 });
        expect(shownValue(ws.getCell("B3"))).toBe(result.measuredPeriods);
        result.stages.forEach((st, k) => {
          const row = SUMMARY_HEADER_ROW + 1 + k;
          const at = (name: (typeof SUMMARY_COLUMNS)[number]) => shownValue(ws.getCell(row, summaryCol(name)));
          const expected: [(typeof SUMMARY_COLUMNS)[number], number][] = [
            ["Bullwhip ratio", st.bullwhip.mean],
            ["Fill rate", st.fillRate.mean],
            ["Average on hand", st.avgOnHand.mean],
            ["Average backlog", st.avgBacklog.mean],
            ["Holding cost per period", st.costPerPeriod.holding.mean],
            ["Backlog cost per period", st.costPerPeriod.backlog.mean],
            ["Total cost per period", st.costPerPeriod.total.mean],
            ["Holding cost over N measured periods", st.cost.holding.mean],
            ["Backlog cost over N measured periods", st.cost.backlog.mean],
            ["Total cost over N measured periods", st.cost.total.mean],
          ];
          for (const [name, want] of expected) {
            const got = at(name);
            // The engine's undefined ratio (constant demand) is the spreadsheet's #DIV/0!.
            if (Number.isNaN(want) && JSON.stringify(got) === JSON.stringify({ error: "#DIV/0!" })) continue;
            if (typeof got !== "number" || !close(got, want))
              throw new Error(`${id} stage ${k + 1} ${name}: sheet ${JSON.stringify(got)}, engine ${want}`);
          }
          // The SCM twin needs the add-in: without it (LibreOffice, Excel without the add-in) the text.
          expect(at(ADDIN_COLUMN)).toBe(NEEDS_ADDIN);
        });
        const total = SUMMARY_HEADER_ROW + 1 + scenario.stages.length;
        expect(close(shownValue(ws.getCell(total, summaryCol("Total cost per period"))) as number, result.totalCostPerPeriod.mean)).toBe(
          true,
        );
        expect(
          close(shownValue(ws.getCell(total, summaryCol("Total cost over N measured periods"))) as number, result.totalCost.mean),
        ).toBe(true);
      });

      test("the Monte Carlo table keeps its values beside the live replication 0; no #NAME? anywhere", () => {
        const { mc } = planned.get(id)!;
        const ws = recalculated.get(id)!.getWorksheet(SUMMARY_SHEET)!;
        let head = 0;
        const errors: string[] = [];
        ws.eachRow((row, r) => {
          row.eachCell((c) => {
            const v = shownValue(c);
            if (v === monteCarloMeanHeader(mc)) head = r;
            if (v !== null && typeof v === "object" && v.error === "#NAME?") errors.push(c.address);
          });
        });
        expect(errors).toEqual([]);
        expect(head).toBeGreaterThan(0);
        const first = ws.getRow(head + 1);
        expect([shownValue(first.getCell(1)), shownValue(first.getCell(2))]).toEqual([`1 ${mc.stages[0].name}`, "Bullwhip ratio"]);
        const live = shownValue(ws.getCell(SUMMARY_HEADER_ROW + 1, summaryCol("Bullwhip ratio")));
        expect(shownValue(first.getCell(3))).toEqual(live);
        // (LibreOffice saves numbers with 15 significant digits)
        if (Number.isFinite(mc.stages[0].bullwhip.mean))
          expect(close(shownValue(first.getCell(4)) as number, mc.stages[0].bullwhip.mean)).toBe(true);
        const last = ws.getRow(head + 13 * mc.stages.length + 2);
        expect(shownValue(last.getCell(2))).toBe("Total cost over N measured periods");
        expect(close(shownValue(last.getCell(4)) as number, mc.totalCost.mean)).toBe(true);
        expect(close(shownValue(last.getCell(6)) as number, mc.totalCost.ci95![1])).toBe(true);
        expect(shownValue(last.getCell(3))).toBeCloseTo(simulate(planned.get(id)!.scenario, { replications: 1 }).totalCost.mean, 6);
      });

      test("LibreOffice finds the native charts: its own .xlsx keeps their type, titles and series references", () => {
        const { pw } = planned.get(id)!;
        const found = chartsAfter.get(id)!;
        expect(found.map(comparable)).toEqual(plannedCharts(pw.plan.charts));
      });
    });

    describe.each(WHAT_IFS)("what-if $id: Inputs edited in the file", (w) => {
      test("recalculates to the engine run with the edited parameters", () => {
        const base = planned.get(w.scenario)!;
        const edited = valid(editedScenario(SCENARIOS[w.scenario], w.edits));
        const wb = recalculated.get(`whatif-${w.id}`)!;
        const trace = simulateOnce(edited, 0);
        const cmp = compareWithTrace(wb, base.pw.layout!, trace);
        expect(cmp.mismatches.slice(0, 5)).toEqual([]);
        // The edit mattered: the original run differs from the edited one somewhere.
        const before = compareWithTrace(recalculated.get(w.scenario)!, base.pw.layout!, trace);
        expect(before.mismatches.length).toBeGreaterThan(0);
      });
    });

    // The scenarios must exercise what they claim to: otherwise equality proves little.
    describe("the scenarios exercise every branch", () => {
      const trace = (id: string) => simulateOnce(planned.get(id)!.scenario, 0);

      test("1-N: the DC rations (backlog to stores), a store games its orders, a store faces zeros and spikes", () => {
        const t = trace("one-to-n");
        expect(Array.from(t.stages[0].backlog).some((x) => x > 0)).toBe(true);
        expect(Array.from(t.stages[1].orders).some((q) => q > 0 && Math.abs(q / 25 - Math.round(q / 25)) > 1e-9)).toBe(true);
        expect(Array.from(t.demand[2])).toEqual(SPIKY_SERIES);
        expect(Array.from(t.stages[4].orders).every((q) => Math.abs(q / 4 - Math.round(q / 4)) < 1e-9)).toBe(true);
      });

      test("levers: (s, Q) lots with gaming, min-max on its calendar in cases, base stock in cases", () => {
        const t = trace("sq-minmax-basestock-levers");
        const store = Array.from(t.stages[0].orders).filter((q) => q > 0);
        expect(store.some((q) => q % 30 !== 0)).toBe(true); // x 1.5 while the warehouse owes it goods
        const wh = Array.from(t.stages[1].orders);
        expect(wh.filter((_, i) => i % 2 === 0).every((q) => q === 0)).toBe(true);
        expect(wh.some((q) => q > 0)).toBe(true);
        expect(wh.every((q) => q % 6 === 0)).toBe(true);
        expect(Array.from(t.stages[2].orders).every((q) => q % 10 === 0)).toBe(true);
      });

      test("returns: negative orders occur when they are allowed", () => {
        expect(Array.from(trace("es-shared-returns").stages[0].orders).some((q) => q < 0)).toBe(true);
      });

      test("Sterman: fixed first orders, a promotion raises the order, backlog occurs", () => {
        const t = trace("sterman-promotion-spiky");
        expect(Array.from(t.stages[0].orders.slice(0, 3))).toEqual([4, 4, 4].map(() => t.stages[0].orders[0]));
        const noPromo = JSON.parse(JSON.stringify(SCENARIOS["sterman-promotion-spiky"])) as ScenarioInput;
        noPromo.stages[0].promotion!.forwardBuy = 0;
        const u = simulateOnce(valid(noPromo), 0);
        expect(t.stages[0].orders[10]).toBeGreaterThan(u.stages[0].orders[10]);
        expect(Array.from(t.stages[0].backlog).some((x) => x > 0)).toBe(true);
      });
    });
  });
}
