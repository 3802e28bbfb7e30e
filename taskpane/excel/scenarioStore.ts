/**
 * The scenario stored in the workbook, as the wizard sees it when the pane opens: first the add-in's
 * custom XML part (written by every build from the pane), else the hidden Scenario sheet that every
 * workbook plan carries (SCM_ScenarioJson), so that a workbook written by the command line, or whose
 * XML part was lost, can still be re-opened and rebuilt.
 */
import { readStoredScenario } from "../../src/workbook/scenarioSheet";
import type { ExcelRun } from "./writer";
import { readState, TrackedSheet } from "./storedState";

export interface StoredScenario {
  /** Where it was found. */
  source: "xml-part" | "scenario-sheet";
  scenario: unknown;
  wizard?: unknown;
  /** The add-in's sheets of the last build that still exist, with their current names. */
  sheets: (TrackedSheet & { current: string })[];
}

export type LoadResult = { found: true; stored: StoredScenario } | { found: false; problem?: string };

/** Reads the stored scenario (three syncs at most); never writes. */
export async function loadStoredScenario(run: ExcelRun): Promise<LoadResult> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/id,items/name");
    const read = await readState(context);
    const current = new Map(sheets.items.map((s) => [s.id, s.name]));
    if (read.state && read.state.scenario !== undefined) {
      return {
        found: true,
        stored: {
          source: "xml-part",
          scenario: read.state.scenario,
          wizard: read.state.wizard,
          sheets: read.state.sheets.filter((t) => current.has(t.id)).map((t) => ({ ...t, current: current.get(t.id)! })),
        },
      };
    }
    const name = context.workbook.names.getItemOrNullObject("SCM_ScenarioJson");
    await context.sync();
    if (name.isNullObject) return read.problem ? { found: false, problem: read.problem } : { found: false };
    const range = name.getRange();
    range.load("values");
    await context.sync();
    try {
      const scenario = readStoredScenario(range.values.map((row) => row[0]));
      return { found: true, stored: { source: "scenario-sheet", scenario, sheets: [] } };
    } catch {
      return { found: false, problem: "the Scenario sheet does not hold a readable scenario (SCM_ScenarioJson)" };
    }
  });
}
