/**
 * The planner's SKU table as the wizard read it, and what is wrong with it in the planner's words:
 * the engine's mapping problems (a missing column, a role inside the history), the size limits, and
 * the rows `readSkus` cannot plan, summarised by reason with the sheet rows and how to fix them.
 */
import { ColumnMapping, COLUMN_ROLES, mappingProblems, recogniseColumns, ROLE_LABELS } from "../../src/plan/columns";
import { PLAN_SHEET, TableLocation } from "../../src/plan/sheet";
import { Cell, MAX_PLAN_CELLS, MAX_PLAN_ROWS, readSkus, SkuInput } from "../../src/plan/skus";
import { colLetter } from "../../src/workbook/a1";

/** The table read from the workbook: where it is, its header row and its data rows (values). */
export interface TableSnapshot {
  /** Excel's address of the whole table, header included ("Sheet1!A1:DJ41"). */
  address: string;
  where: TableLocation;
  headers: Cell[];
  rows: Cell[][];
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** A block of cells on a sheet, 1-based and inclusive. */
export interface SheetBlock {
  sheet: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const colNumber = (letters: string): number => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/**
 * "Sheet1!A1:DJ41", "'My sheet'!$B$3:$F$9" or "Sheet1!C5" as Excel gives a range's address (or as a
 * workbook stores it); null for anything else: several areas, whole rows or columns, no sheet.
 */
export function parseBlockAddress(address: string): SheetBlock | null {
  const m = /^(?:'((?:[^']|'')+)'|([^'!:]+))!\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(address.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const [c1, r1] = [colNumber(m[3]), Number(m[4])];
  const [c2, r2] = m[5] === undefined ? [c1, r1] : [colNumber(m[5]), Number(m[6])];
  const ok = (c: number, r: number) => c >= 1 && c <= 16384 && r >= 1 && r <= 1048576;
  if (!ok(c1, r1) || !ok(c2, r2) || c2 < c1 || r2 < r1) return null;
  return { sheet, r1, c1, r2, c2 };
}

/** Why a table of `rows` data rows and `cols` columns is too big to read, or null. Checked before reading any value. */
export function tableSizeProblem(rows: number, cols: number): string | null {
  if (rows < 1) return "Select the header row and at least one row of SKUs below it.";
  if (rows > MAX_PLAN_ROWS) {
    return (
      `The selection has ${fmt(rows)} rows below its header; a plan takes at most ${fmt(MAX_PLAN_ROWS)} SKUs. ` +
      "Select the table only (not whole columns), or split it across workbooks."
    );
  }
  // Every cell is read, the history and the SKUs' own columns: the history's limit plus room for those.
  const limit = MAX_PLAN_CELLS + rows * COLUMN_ROLES.length;
  if (rows * cols > limit) {
    return (
      `The selection has ${fmt(rows * cols)} cells (${fmt(rows)} rows x ${fmt(cols)} columns); a plan takes at most ` +
      `${fmt(MAX_PLAN_CELLS)} cells of history. Select fewer periods (the most recent ones) or fewer SKUs.`
    );
  }
  return null;
}

/** What the wizard proposes for a table just read: the recognised columns. */
export function proposeMapping(t: TableSnapshot): ColumnMapping {
  return recogniseColumns(t.headers, t.rows.slice(0, 20));
}

/** A column in words for the drop-downs: its header, then its letter ("On hand (column C)"). */
export function columnLabel(t: TableSnapshot, col: number): string {
  const h = t.headers[col];
  const text = h === null || h === undefined || String(h).trim() === "" ? "(no header)" : String(h).trim();
  return `${text.length > 40 ? `${text.slice(0, 39)}\u2026` : text} (column ${colLetter(t.where.firstCol + col)})`;
}

/** The sheet row of a data row (0-based, as readSkus numbers them). */
export const sheetRow = (t: TableSnapshot, row: number): number => t.where.headerRow + 1 + row;

export interface RowProblemGroup {
  /** The reason, without the values of one row ("the history has text"). */
  reason: string;
  /** How to fix it, in words. */
  fix: string;
  /** Sheet rows, in order. */
  rows: number[];
}

export interface TableCheck {
  /** A problem of the table as a whole that blocks building (where it is), or null. */
  table: string | null;
  /** Problems of the mapping that block building, each with the field it is about ("role.onHand", "history.first"). */
  mapping: { field: string; message: string }[];
  /** History periods of the mapping (0 without a history). */
  periods: number;
  /** SKU rows (blank rows left out), and those that cannot be planned as they are, by reason. */
  skus: number;
  badRows: number;
  groups: RowProblemGroup[];
}

/** How to fix each kind of row problem readSkus reports (matched on its words). */
const FIXES: [RegExp, string][] = [
  [/^Lead time .* must be more than 0/, "enter each SKU's lead time in periods, more than 0"],
  [/ is blank$/, "fill in those cells (the plan needs a number for each SKU)"],
  [/ is not a number$/, "type a number in those cells"],
  [/^the history has text/, "replace the text with numbers (0 for no demand), or narrow the history to the periods that hold numbers"],
  [/^the history has a blank/, "enter 0 for a period with no demand"],
  [/^the history has a negative demand/, "net returns out first, or enter 0"],
  [/^the demand history is blank/, "enter the SKU's demand history, or delete the row"],
  [/must be /, "correct those cells"],
];

/** The reason of one problem without its row's values: "(it is 0)", "("n/a")" and "at period 7" go. */
function reasonOf(problem: string): string {
  return problem
    .replace(/ \(it is [^)]*\)/, "")
    .replace(/ \("(?:[^"]|"")*"\)/, "")
    .replace(/ at period \d+/, "")
    .replace(/: enter 0 for no demand$/, "")
    .replace(/: enter numbers$/, "")
    .replace(/: it is text; convert the column to numbers$/, "")
    .replace(/: net returns out first, or enter 0$/, "");
}

/** Groups the SKUs' problems by reason, with their sheet rows (one SKU may have several). */
export function groupRowProblems(t: TableSnapshot, skus: readonly SkuInput[]): RowProblemGroup[] {
  const groups = new Map<string, RowProblemGroup>();
  for (const s of skus) {
    if (s.problem === undefined) continue;
    for (const part of s.problem.split("; ")) {
      const reason = reasonOf(part);
      let g = groups.get(reason);
      if (!g) {
        const fix = FIXES.find(([re]) => re.test(reason))?.[1] ?? "correct those cells";
        groups.set(reason, (g = { reason, fix, rows: [] }));
      }
      const r = sheetRow(t, s.row);
      if (g.rows[g.rows.length - 1] !== r) g.rows.push(r);
    }
  }
  return [...groups.values()].sort((a, b) => b.rows.length - a.rows.length);
}

/** "rows 5, 9 and 14", "rows 5, 9, 14 and 12 more". */
export function rowList(rows: readonly number[], shown = 5): string {
  if (rows.length === 1) return `row ${rows[0]}`;
  if (rows.length <= shown) return `rows ${rows.slice(0, -1).join(", ")} and ${rows[rows.length - 1]}`;
  return `rows ${rows.slice(0, shown).join(", ")} and ${fmt(rows.length - shown)} more`;
}

/** Everything the table step says about the table and its mapping. */
export function checkTable(t: TableSnapshot, m: ColumnMapping): TableCheck {
  // The add-in's sheet is named Plan; beside a sheet of yours of that name it would be renamed, and the
  // rename would carry the references to your table along with it.
  const table =
    t.where.sheet.toLowerCase() === PLAN_SHEET.toLowerCase()
      ? `Your table is on a sheet named \u201c${t.where.sheet}\u201d, the name of the plan's own sheet: rename your sheet (e.g. SKUs), then select the table again.`
      : null;
  const mapping = mappingProblems(m, t.headers).map((message) => ({ field: mappingFieldOf(message), message }));
  const periods = m.history ? Math.max(0, m.history.last - m.history.first + 1) : 0;
  if (periods > 0 && t.rows.length * periods > MAX_PLAN_CELLS) {
    mapping.push({
      field: "history.first",
      message:
        `The history has ${fmt(t.rows.length * periods)} cells (${fmt(t.rows.length)} SKUs x ${fmt(periods)} periods); ` +
        `a plan takes at most ${fmt(MAX_PLAN_CELLS)}: start the history at a later period.`,
    });
  }
  // The rows are read only when the mapping can be: otherwise every row would report the same gap.
  if (mapping.length > 0) return { table, mapping, periods, skus: t.rows.length, badRows: 0, groups: [] };
  const skus = readSkus(t.rows, m);
  return {
    table,
    mapping,
    periods,
    skus: skus.length,
    badRows: skus.filter((s) => s.problem !== undefined).length,
    groups: groupRowProblems(t, skus),
  };
}

/** The field (a role's drop-down, or the history's) a mappingProblems message is about. */
export function mappingFieldOf(message: string): string {
  for (const role of COLUMN_ROLES) {
    const label = ROLE_LABELS[role];
    if (message.startsWith(`No column for ${label}:`) || message.startsWith(`${label} is inside`) || message.startsWith(`${label} and `)) {
      return `role.${role}`;
    }
  }
  return "history.first";
}
