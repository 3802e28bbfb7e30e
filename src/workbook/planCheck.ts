/**
 * What both writers refuse in a workbook plan's conditional formats, list validations and columns
 * (a bug in the plan, not in the user's input), checked before anything is written, so that the
 * Excel writer and the .xlsx writer refuse the same plans with the same message.
 */
import type { DataValidation, WorkbookPlan } from "./plan";

/** A sheet name followed by "!" in formula text: 'Stage 1'! or Inputs!. */
const SHEET_PREFIX = /(?<![A-Za-z0-9_.\u00C0-\uFFFF])(?:'((?:[^']|'')+)'|([A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*))!/g;

/** The sheets a formula names (references such as SKUs!$F2), outside its string literals. */
export function sheetsNamed(formula: string): string[] {
  const out: string[] = [];
  // Split on string literals ("..." with "" escapes): odd parts are literals.
  formula.split(/("(?:[^"]|"")*")/).forEach((p, i) => {
    if (i % 2 === 1) return;
    for (const m of p.matchAll(SHEET_PREFIX)) out.push(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
  });
  return out;
}

/** A cell or a rectangle inside a sheet: "E12", "N16:N315" (no sheet, no $). */
const AREA = /^[A-Z]{1,3}[1-9]\d{0,6}(?::[A-Z]{1,3}[1-9]\d{0,6})?$/;
/** A list source: an absolute range with its sheet, "Plan!$A$16:$A$315" or "'My list'!$B$2:$F$2". */
const LIST_SOURCE =
  /^(?:'((?:[^']|'')+)'|([A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*))!(\$([A-Z]{1,3})\$([1-9]\d{0,6})(?::\$([A-Z]{1,3})\$([1-9]\d{0,6}))?)$/;
const COLOR = /^[0-9A-Fa-f]{6}$/;

/**
 * A list validation's source as its sheet and its range ("$A$16:$A$315"); throws when it is not an
 * absolute range with its sheet, or spans more than one row and one column (Excel refuses those:
 * "The list source must be a delimited list, or a reference to single row or column").
 */
export function listSource(v: DataValidation): { sheet: string; range: string } {
  const at = `the list validation of ${v.sheet}!${v.range}`;
  const m = LIST_SOURCE.exec(v.source ?? "");
  if (!m) throw new Error(`${at} has source ${JSON.stringify(v.source)}: not an absolute range with its sheet ("Plan!$A$16:$A$315")`);
  if (m[6] !== undefined && m[4] !== m[6] && m[5] !== m[7])
    throw new Error(`${at} has source ${v.source}: a list source is one row or one column`);
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], range: m[3] };
}

/**
 * Why the plan's list validations, conditional formats and column settings cannot be written, or
 * null. With `onlySheets` (the file writer: a file holds only the plan's sheets), a formula or source
 * may name no other sheet; the Excel writer passes none (the plan may read the user's own sheets).
 */
export function planExtrasProblem(plan: WorkbookPlan, onlySheets?: ReadonlySet<string>): string | null {
  const sheets = new Set(plan.sheets.map((s) => s.name));
  const known = (sheet: string) => onlySheets === undefined || onlySheets.has(sheet);
  for (const v of plan.validations) {
    const at = `the ${v.type} validation of ${v.sheet}!${v.range}`;
    if (!sheets.has(v.sheet)) return `${at} is on a sheet the plan does not have`;
    if (v.type !== "list") {
      if (v.source !== undefined || v.list !== undefined) return `${at} has list items or a list source`;
      continue;
    }
    if ((v.list !== undefined) === (v.source !== undefined)) {
      return `${at} needs either its items or a source range, not ${v.list ? "both" : "neither"}`;
    }
    if (v.list !== undefined && v.list.length === 0) return `${at} has no items`;
    if (v.source !== undefined) {
      try {
        const { sheet } = listSource(v);
        if (!known(sheet)) return `${at} reads sheet ${sheet}, which the workbook will not have`;
      } catch (e) {
        return (e as Error).message;
      }
    }
  }
  for (const c of plan.conditionalFormats ?? []) {
    const at = `the conditional format of ${c.sheet}!${c.range}`;
    if (!sheets.has(c.sheet)) return `${at} is on a sheet the plan does not have`;
    if (!AREA.test(c.range)) return `${at}: "${c.range}" is not a cell or a range such as N16:N315`;
    if (c.formula.trim() === "" || c.formula.startsWith("=")) return `${at} has formula ${JSON.stringify(c.formula)}: write it without "="`;
    for (const s of sheetsNamed(c.formula)) if (!known(s)) return `${at} reads sheet ${s}, which the workbook will not have`;
    const { fill, fontColor, bold } = c.style;
    if (fill === undefined && fontColor === undefined && !bold) return `${at} changes nothing (no fill, font colour or bold)`;
    for (const color of [fill, fontColor])
      if (color !== undefined && !COLOR.test(color)) return `${at} has colour ${color}: write "RRGGBB"`;
  }
  for (const s of plan.sheets) {
    for (const col of s.columns ?? []) if (!/^[A-Z]{1,3}$/.test(col.col)) return `sheet ${s.name} has column "${col.col}": a column letter`;
  }
  return null;
}
