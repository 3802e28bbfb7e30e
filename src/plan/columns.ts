/**
 * Which column of a planner's SKU table holds what (ARCHITECTURE.md section 12): the columns are
 * recognised by their header texts, and the history block is the run of columns across whose
 * headers look like periods (W1, Week 3, 2026-01-05, 17, ...) or, failing that, the longest run of
 * columns holding only numbers and blanks. Both the wizard and `npm run plan` use this; the planner
 * can correct any mapping (the wizard's table step).
 */

/** The single columns the plan reads. */
export type ColumnRole =
  "sku" | "onHand" | "onOrder" | "backorders" | "leadTime" | "unitCost" | "orderCost" | "holdingRate" | "serviceLevel" | "caseSize";

export const COLUMN_ROLES: readonly ColumnRole[] = [
  "sku",
  "onHand",
  "onOrder",
  "backorders",
  "leadTime",
  "unitCost",
  "orderCost",
  "holdingRate",
  "serviceLevel",
  "caseSize",
];

/** The columns a plan cannot do without (on order and backorders default to 0; service level and case size are optional). */
export const REQUIRED_ROLES: readonly ColumnRole[] = ["sku", "onHand", "leadTime", "unitCost", "orderCost", "holdingRate"];

/** Words for each role, shown in the wizard and in messages. */
export const ROLE_LABELS: Record<ColumnRole, string> = {
  sku: "SKU",
  onHand: "On hand",
  onOrder: "On order",
  backorders: "Backorders",
  leadTime: "Lead time (periods)",
  unitCost: "Unit cost",
  orderCost: "Order cost",
  holdingRate: "Holding rate (per year)",
  serviceLevel: "Service level",
  caseSize: "Case size",
};

/** Header texts (normalised: lower case, letters and digits only) that name each role. */
const SYNONYMS: Record<ColumnRole, readonly string[]> = {
  sku: [
    "sku",
    "skuid",
    "skucode",
    "item",
    "itemid",
    "itemcode",
    "itemno",
    "itemnumber",
    "product",
    "productid",
    "productcode",
    "part",
    "partno",
    "partnumber",
    "material",
    "article",
  ],
  onHand: ["onhand", "onhandqty", "qtyonhand", "stock", "stockonhand", "inventory", "onhandstock", "available", "soh"],
  onOrder: ["onorder", "onorderqty", "qtyonorder", "openorders", "openpo", "openpos", "intransit", "pipeline", "ordered"],
  backorders: ["backorders", "backorder", "backordered", "backlog", "backorderqty"],
  leadTime: ["leadtime", "lt", "leadtimeperiods", "leadtimeweeks", "leadtimewks", "leadtimemonths", "leadtimedays", "supplierleadtime"],
  unitCost: ["unitcost", "cost", "unitprice", "price", "standardcost", "costperunit", "itemcost"],
  orderCost: ["ordercost", "orderingcost", "costperorder", "setupcost", "ordercosts"],
  holdingRate: ["holdingrate", "carryingrate", "holdingcostrate", "carryingcostrate", "inventorycarryingrate", "holding", "carrying"],
  serviceLevel: ["servicelevel", "targetservicelevel", "csl", "cycleservicelevel", "service", "targetservice"],
  caseSize: ["casesize", "packsize", "caseqty", "casequantity", "packqty", "case", "pack", "ordermultiple", "multiple"],
};

export const normaliseHeader = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/** A header that names a period: W1, Wk 12, Week 3, M4, Month 2, P7, Period 10, a bare number, or a date. */
export function isPeriodHeader(header: unknown): boolean {
  if (typeof header === "number") return Number.isFinite(header);
  if (header instanceof Date) return true;
  if (typeof header !== "string") return false;
  const t = header.trim();
  if (/^(w|wk|week|m|mon|month|p|per|period|d|day|q|qtr|quarter)\s*[-_#.]?\s*\d+$/i.test(t)) return true;
  if (/^\d+$/.test(t)) return true;
  // Dates: 2026-01-05, 5/1/2026, 05.01.2026, Jan 2026, Jan-26.
  if (/^\d{4}-\d{1,2}(-\d{1,2})?$/.test(t) || /^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(t)) return true;
  return /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s-]*'?\d{2,4}$/i.test(t);
}

/** Columns by role (0-based), and the history block (first..last, inclusive). */
export interface ColumnMapping {
  roles: Partial<Record<ColumnRole, number>>;
  history?: { first: number; last: number };
}

const isNumberish = (v: unknown): boolean => v === null || v === undefined || v === "" || (typeof v === "number" && Number.isFinite(v));

/**
 * The mapping read from the header row (and, for the history block when no header looks like a
 * period, the first rows of data). A column is taken by the first role that names it; a role named
 * twice takes its first column.
 */
export function recogniseColumns(headers: readonly unknown[], sample: readonly (readonly unknown[])[] = []): ColumnMapping {
  const roles: Partial<Record<ColumnRole, number>> = {};
  const taken = new Set<number>();
  headers.forEach((h, c) => {
    if (typeof h !== "string") return;
    const key = normaliseHeader(h);
    if (key === "") return;
    for (const role of COLUMN_ROLES) {
      if (roles[role] === undefined && SYNONYMS[role].includes(key)) {
        roles[role] = c;
        taken.add(c);
        return;
      }
    }
  });
  // History: the longest run of period headers among the free columns; else of numeric columns.
  const longestRun = (ok: (c: number) => boolean): { first: number; last: number } | undefined => {
    let best: { first: number; last: number } | undefined;
    let start = -1;
    for (let c = 0; c <= headers.length; c++) {
      if (c < headers.length && !taken.has(c) && ok(c)) {
        if (start < 0) start = c;
      } else if (start >= 0) {
        if (best === undefined || c - 1 - start > best.last - best.first) best = { first: start, last: c - 1 };
        start = -1;
      }
    }
    return best;
  };
  let history = longestRun((c) => isPeriodHeader(headers[c]));
  if (history === undefined && sample.length > 0) {
    history = longestRun((c) => sample.every((row) => isNumberish(row[c])) && sample.some((row) => typeof row[c] === "number"));
  }
  return { roles, history };
}

/** What is missing or doubtful in a mapping, in words for the planner (empty: usable). */
export function mappingProblems(mapping: ColumnMapping, headers: readonly unknown[]): string[] {
  const problems: string[] = [];
  for (const role of REQUIRED_ROLES) {
    if (mapping.roles[role] === undefined) {
      problems.push(`No column for ${ROLE_LABELS[role]}: name a column "${ROLE_LABELS[role]}", or choose it in the list.`);
    }
  }
  if (mapping.history === undefined) {
    problems.push("No demand history: the periods must be columns across, oldest at the left, headed W1, W2, ... or by date.");
  } else {
    const { first, last } = mapping.history;
    if (!(first >= 0 && last >= first && last < headers.length)) problems.push("The demand history's columns are outside the table.");
    for (const role of COLUMN_ROLES) {
      const c = mapping.roles[role];
      if (c !== undefined && c >= first && c <= last) {
        problems.push(`${ROLE_LABELS[role]} is inside the demand history (column ${c + 1}): move it, or narrow the history.`);
      }
    }
  }
  const seen = new Map<number, ColumnRole>();
  for (const role of COLUMN_ROLES) {
    const c = mapping.roles[role];
    if (c === undefined) continue;
    const other = seen.get(c);
    if (other !== undefined) problems.push(`${ROLE_LABELS[other]} and ${ROLE_LABELS[role]} are the same column (${c + 1}).`);
    seen.set(c, role);
  }
  return problems;
}
