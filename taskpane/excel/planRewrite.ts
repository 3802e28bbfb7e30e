/**
 * Renames sheets, defined names and tables inside a workbook plan, rewriting every reference to them
 * (formulas, name references, chart series, validations and their formulas and list sources, conditional
 * formats, tables). The Excel writer needs this when a
 * planned name is already used by something of the user's: our sheet gets a new name, and the
 * formulas that point at it must follow, or they would read the user's sheet instead.
 */
import { quoteSheet } from "../../src/workbook/a1";
import type { WorkbookPlan } from "../../src/workbook/plan";

export interface Renames {
  /** planned sheet name -> name used in the workbook */
  sheets?: Map<string, string>;
  /** planned defined name -> name used */
  names?: Map<string, string>;
  /** planned table name -> name used */
  tables?: Map<string, string>;
}

const lower = (m: Map<string, string> | undefined) => new Map([...(m ?? new Map())].map(([k, v]) => [k.toLowerCase(), v]));

/** A sheet reference at the start of `s`: 'It''s here'! or Plain!; returns the name and its length. */
const SHEET_REF = /('(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*)!/y;
/** An identifier: a defined name, a table name, a function name or a cell address. */
const IDENT = /[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*/y;

/**
 * Rewrites one formula (or an A1 reference such as "Inputs!$C$5"). String literals are left alone;
 * Excel names are case-insensitive, so matching is too.
 */
export function rewriteFormula(formula: string, renames: Renames): string {
  const sheets = lower(renames.sheets);
  const names = lower(renames.names);
  const tables = lower(renames.tables);
  if (sheets.size + names.size + tables.size === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      // string literal, "" is an escaped quote
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : "";
    const atBoundary = !/[A-Za-z0-9_.\\$!\u00C0-\uFFFF]/.test(prev);
    if (atBoundary && (ch === "'" || /[A-Za-z_\u00C0-\uFFFF]/.test(ch))) {
      SHEET_REF.lastIndex = i;
      const sheet = SHEET_REF.exec(formula);
      if (sheet) {
        const raw = sheet[1];
        const name = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
        const to = sheets.get(name.toLowerCase());
        out += to !== undefined ? `${quoteSheet(to)}!` : sheet[0];
        i += sheet[0].length;
        continue;
      }
      if (ch !== "'") {
        IDENT.lastIndex = i;
        const id = IDENT.exec(formula);
        if (id) {
          const word = id[0];
          const next = formula[i + word.length] ?? "";
          const key = word.toLowerCase();
          let to: string | undefined;
          if (next === "[") to = tables.get(key);
          else if (next !== "(") to = names.get(key) ?? tables.get(key);
          out += to ?? word;
          i += word.length;
          continue;
        }
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** The plan with the renames applied everywhere; the input is not changed. */
export function renameInPlan(plan: WorkbookPlan, renames: Renames): WorkbookPlan {
  const sheetName = (s: string) => {
    for (const [from, to] of renames.sheets ?? []) if (from.toLowerCase() === s.toLowerCase()) return to;
    return s;
  };
  const pick = (m: Map<string, string> | undefined, s: string) => {
    for (const [from, to] of m ?? []) if (from.toLowerCase() === s.toLowerCase()) return to;
    return s;
  };
  const f = (s: string) => rewriteFormula(s, renames);
  return {
    ...plan,
    sheets: plan.sheets.map((sp) => ({
      ...sp,
      name: sheetName(sp.name),
      cells: sp.cells.map((c) => (c.formula === undefined ? c : { ...c, formula: f(c.formula) })),
    })),
    names: plan.names.map((n) => ({ ...n, name: pick(renames.names, n.name), ref: f(n.ref) })),
    validations: plan.validations.map((v) => ({
      ...v,
      sheet: sheetName(v.sheet),
      ...(v.formula !== undefined ? { formula: f(v.formula) } : {}),
      ...(v.source !== undefined ? { source: f(v.source) } : {}),
    })),
    tables: plan.tables.map((t) => ({ ...t, name: pick(renames.tables, t.name), sheet: sheetName(t.sheet) })),
    ...(plan.conditionalFormats !== undefined
      ? { conditionalFormats: plan.conditionalFormats.map((c) => ({ ...c, sheet: sheetName(c.sheet), formula: f(c.formula) })) }
      : {}),
    charts: plan.charts.map((c) => ({
      ...c,
      sheet: sheetName(c.sheet),
      series: c.series.map((s) => ({ ...s, categoriesRef: f(s.categoriesRef), valuesRef: f(s.valuesRef) })),
    })),
  };
}
