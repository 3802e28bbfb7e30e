/**
 * The stored scenario: the validated scenario as JSON text in column A of the Scenario sheet, cut
 * into chunks below Excel's 32,767-character cell limit, so that the wizard can re-open the
 * workbook's settings (readStoredScenario) and re-run it.
 */
import type { Scenario } from "../sim";
import type { NamedRange, SheetPlan } from "./plan";
import { SheetBuilder } from "./sheetBuilder";
import { FMT } from "./styles";

export const SCENARIO_SHEET = "Scenario";
export const SCENARIO_FIRST_ROW = 5;
/** Below Excel's limit of 32,767 characters per cell. */
export const CHUNK_CHARS = 32000;

/**
 * Cuts text into pieces of at most `size` characters. A piece never starts with a character that
 * a spreadsheet could read as the start of a formula or a text prefix (= + - @ ' or a space), and
 * never splits a UTF-16 surrogate pair.
 */
export function chunkText(text: string, size = CHUNK_CHARS): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    while (end < text.length && end > i + 1 && (/[=+\-@'\s]/.test(text[end]) || /[\uDC00-\uDFFF]/.test(text[end]))) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** The scenario back from the chunks read from the sheet (the cells of SCM_ScenarioJson, top to bottom). */
export function readStoredScenario(chunks: readonly unknown[]): unknown {
  return JSON.parse(chunks.filter((c) => typeof c === "string" && c.length > 0).join(""));
}

export function buildScenarioSheet(s: Scenario, layoutVersion: number): { sheet: SheetPlan; names: NamedRange[] } {
  const b = new SheetBuilder(SCENARIO_SHEET, "scenario");
  b.width("A", 120);
  b.value(1, 1, "Stored scenario", "title");
  b.value(1, 2, "The wizard reads this JSON to re-open these settings. Edit the scenario with the wizard, not here.", "note");
  const chunks = chunkText(JSON.stringify(s));
  b.value(1, 3, `Layout version ${layoutVersion}; ${chunks.length} chunk(s) below, read top to bottom.`, "note");
  chunks.forEach((c, i) => b.value(1, SCENARIO_FIRST_ROW + i, c, undefined, FMT.text));
  const last = SCENARIO_FIRST_ROW + chunks.length - 1;
  return {
    sheet: b.build({ hidden: true }),
    names: [{ name: "SCM_ScenarioJson", ref: `${SCENARIO_SHEET}!$A$${SCENARIO_FIRST_ROW}:$A$${last}`, comment: "scenario JSON in chunks" }],
  };
}
