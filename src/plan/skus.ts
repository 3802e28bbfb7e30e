/**
 * The planner's table read into SKUs (ARCHITECTURE.md section 12): one SKU per row with its numbers
 * checked, its history with blank ends trimmed. A row that is blank throughout is skipped; a row
 * with a bad value becomes a SKU with a `problem` (the plan shows it and goes on with the others).
 */
import { ColumnMapping, ColumnRole, ROLE_LABELS } from "./columns";

/** The largest table a plan takes: rows x history periods (the workbook limit of the simulation, 1M cells). */
export const MAX_PLAN_CELLS = 1_000_000;
export const MAX_PLAN_ROWS = 20_000;

export interface SkuInput {
  /** 0-based row of the table's data (the header is not counted). */
  row: number;
  sku: string;
  onHand: number;
  onOrder: number;
  backorders: number;
  leadTime: number;
  unitCost: number;
  orderCost: number;
  holdingRate: number;
  /** From the table, when it has a service level column and a value in it. */
  serviceLevel?: number;
  caseSize?: number;
  /** Demand per period, oldest first, blank ends trimmed (empty when there is a problem). */
  history: Float64Array;
  /** 0-based index, within the history block, of history[0]. */
  historyStart: number;
  /** Why the SKU cannot be planned, in words; the numbers above are then not to be used. */
  problem?: string;
}

export type Cell = number | string | boolean | null | undefined;

const blank = (v: Cell): boolean => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** A number from a cell: numbers as they are, numeric text ("1,200", "25%") read as Excel would. */
export function cellNumber(v: Cell): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v !== "string") return undefined;
  const t = v.trim().replace(/,/g, "");
  if (t === "") return undefined;
  const pct = t.endsWith("%");
  const x = Number(pct ? t.slice(0, -1) : t);
  if (!Number.isFinite(x)) return undefined;
  return pct ? x / 100 : x;
}

/**
 * Reads every data row. A SKU without an id is named by its row on the sheet, "row 7", counted from
 * `headerRow` (1-based, the row of the headers), as the Plan sheet names it.
 */
export function readSkus(rows: readonly (readonly Cell[])[], mapping: ColumnMapping, headerRow = 1): SkuInput[] {
  const out: SkuInput[] = [];
  const h = mapping.history;
  rows.forEach((cells, row) => {
    const at = (role: ColumnRole): Cell => {
      const c = mapping.roles[role];
      return c === undefined ? undefined : cells[c];
    };
    if (cells.every(blank)) return;
    const sku: SkuInput = {
      row,
      sku: blank(at("sku")) ? `row ${headerRow + 1 + row}` : String(at("sku")).trim(),
      onHand: 0,
      onOrder: 0,
      backorders: 0,
      leadTime: 0,
      unitCost: 0,
      orderCost: 0,
      holdingRate: 0,
      history: new Float64Array(0),
      historyStart: 0,
    };
    const problems: string[] = [];
    const num = (role: ColumnRole, rule: (x: number) => boolean, fix: string, fallback?: number): number => {
      const v = at(role);
      if (blank(v)) {
        if (fallback !== undefined) return fallback;
        problems.push(`${ROLE_LABELS[role]} is blank`);
        return NaN;
      }
      const x = typeof v === "number" && Number.isFinite(v) ? v : undefined;
      if (x === undefined) {
        // Text that reads as a number ("50") is refused too: the Plan sheet's formulas would read it as 0.
        const hint = cellNumber(v) === undefined ? "" : ": it is text; convert the column to numbers";
        problems.push(`${ROLE_LABELS[role]} is not a number ("${String(v)}")${hint}`);
        return NaN;
      }
      if (!rule(x)) {
        problems.push(`${ROLE_LABELS[role]} ${fix} (it is ${x})`);
        return NaN;
      }
      return x;
    };
    sku.onHand = num("onHand", (x) => x >= 0, "must be 0 or more");
    sku.onOrder = num("onOrder", (x) => x >= 0, "must be 0 or more", 0);
    sku.backorders = num("backorders", (x) => x >= 0, "must be 0 or more", 0);
    sku.leadTime = num(
      "leadTime",
      (x) => x > 0 && x <= 1000,
      "must be more than 0 periods (at most 1,000): a lead time of 0 has nothing to protect",
    );
    sku.unitCost = num("unitCost", (x) => x > 0, "must be more than 0");
    sku.orderCost = num("orderCost", (x) => x > 0, "must be more than 0 (the EOQ orders nothing at 0)");
    sku.holdingRate = num("holdingRate", (x) => x > 0 && x <= 10, "must be a yearly rate more than 0, e.g. 0.25 for 25%");
    if (mapping.roles.serviceLevel !== undefined && !blank(at("serviceLevel"))) {
      sku.serviceLevel = num("serviceLevel", (x) => x > 0 && x < 1, "must be between 0 and 1, e.g. 0.95 for 95%");
    }
    if (mapping.roles.caseSize !== undefined && !blank(at("caseSize"))) {
      sku.caseSize = num("caseSize", (x) => Number.isInteger(x) && x >= 1, "must be a whole number of units, 1 or more");
    }
    if (h === undefined) {
      problems.push("no demand history");
    } else {
      let first = -1;
      let last = -1;
      for (let c = h.first; c <= h.last; c++) {
        if (!blank(cells[c])) {
          if (first < 0) first = c;
          last = c;
        }
      }
      if (first < 0) {
        problems.push("the demand history is blank");
      } else {
        const values = new Float64Array(last - first + 1);
        for (let c = first; c <= last; c++) {
          const v = cells[c];
          const period = c - h.first + 1;
          if (blank(v)) {
            problems.push(`the history has a blank at period ${period}: enter 0 for no demand`);
            break;
          }
          const x = typeof v === "number" && Number.isFinite(v) ? v : undefined;
          if (x === undefined) {
            problems.push(`the history has text at period ${period} ("${String(v)}"): enter numbers`);
            break;
          }
          if (x < 0) {
            problems.push(`the history has a negative demand at period ${period}: net returns out first, or enter 0`);
            break;
          }
          values[c - first] = x;
        }
        sku.history = values;
        sku.historyStart = first - h.first;
      }
    }
    if (problems.length > 0) {
      sku.problem = problems.join("; ");
      sku.history = new Float64Array(0);
    }
    out.push(sku);
  });
  return out;
}
