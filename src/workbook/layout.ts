/**
 * Where everything goes: the sheet and the columns of each stage's simulation block, and the
 * widths of the lag registers. Computed once, before any formula is written, because the formulas
 * of one stage refer to the columns of its supplier and of its downstream stages.
 *
 * Lags are "shift registers": column j of a register holds, in the row of period t, the value of
 * period t - j (copied from the previous row, one column to the left). A lag of L periods is then
 * INDEX(<the register's cells in this row>, L): a fixed range, constant cost per cell, and no
 * reference to any later row, so no formula refers (even through a range) to a cell that depends
 * on it. A register is `width` columns wide; the Inputs sheet lets a lag be edited up to that width.
 */
import { colLetter, safeSheetName } from "./a1";
import { DomainError } from "../errors";
import { definitionOf } from "../policies";
import type { ResolvedStage, Scenario } from "../sim";

/** Serial chains and 1-N networks up to these sizes are laid out on sheets. */
export const MAX_SHEET_SERIAL_STAGES = 8;
export const MAX_SHEET_STORES = 50;

/** Columns of an Excel sheet. */
const MAX_SHEET_COLUMNS = 16384;

/** Rows of every stage sheet. */
export const TITLE_ROW = 1;
export const NOTE_ROW = 2;
export const GROUP_ROW = 3;
export const HEADER_ROW = 4;
/** The state before period 0 (initial inventory, pre-filled registers): the "previous row" of period 0. */
export const START_ROW = 5;
/** Period 0; period t is in row FIRST_ROW + t. */
export const FIRST_ROW = 6;

/** Per-period series of a stage, keyed like the engine's StageTrace where they match it. */
export type ColumnKey =
  | "period"
  | "customerDemand"
  | "promotion"
  | "received"
  | "demand"
  | "available"
  | "required"
  | "net"
  | "share"
  | "onHand"
  | "backlog"
  | "shipped"
  | "filled"
  | "signal"
  | "forecast"
  | "sigma"
  | "supplyLine"
  | "position"
  | "echelonPosition"
  | "target"
  | "policyOrder"
  | "adjustedOrder"
  | "orders"
  | "pipeline"
  | "inTransit"
  // the downstream side of the link to an in-network supplier
  | "visibleOrder"
  | "signalUp"
  | "owedBefore"
  | "requested"
  | "supplierShips"
  | "owedAfter"
  | "supplierFilled";

/** How a stage ships: to customers, to one downstream stage, or rationing among several stores. */
export type ShipMode = "customers" | "single" | "rationing";

export interface Register {
  /** Column of lag 1; lag j is in column first + j - 1. */
  first: number;
  width: number;
}

export interface StageLayout {
  index: number;
  sheet: string;
  mode: ShipMode;
  /** Column number (1-based) of every series the stage has. */
  col: Partial<Record<ColumnKey, number>>;
  /** Shipments on their way to this stage, by periods since they were sent. */
  transit: Register;
  /** This stage's own orders, by age: what its supplier sees after an order delay. */
  ordersAgo: Register | null;
  /** The stage's demand signal, newest first (lag 1 = this period): the moving window. */
  window: Register | null;
  lastCol: number;
}

export interface SheetLayout {
  periods: number;
  lastRow: number;
  stages: StageLayout[];
  /** Stage index in the order the Summary and charts list them. */
  order: number[];
}

/** Register width for a lag whose scenario value is x: room to double it, at least 12, at most what the horizon needs. */
export function registerWidth(x: number, periods: number): number {
  return Math.max(x, Math.min(Math.max(12, 2 * x), periods));
}

/** True when the network is laid out on sheets (else the Summary shows Monte Carlo results). */
export function fitsOnSheets(s: Scenario): boolean {
  return s.network === "serial" ? s.stages.length <= MAX_SHEET_SERIAL_STAGES : s.stages.length - 1 <= MAX_SHEET_STORES;
}

export function stageSheetName(s: Scenario, k: number): string {
  return safeSheetName(`${k + 1} ${s.stages[k].name}`);
}

export function buildLayout(s: Scenario, res: ResolvedStage[]): SheetLayout {
  const T = s.periods;
  const stages: StageLayout[] = s.stages.map((st, k) => {
    const r = res[k];
    const mode: ShipMode = r.downstream.length === 0 ? "customers" : r.downstream.length === 1 ? "single" : "rationing";
    const col: Partial<Record<ColumnKey, number>> = {};
    let c = 0;
    const add = (key: ColumnKey) => (col[key] = ++c);
    add("period");
    add("customerDemand");
    if (st.promotion) add("promotion");
    add("received");
    add("demand");
    add("available");
    add("required");
    if (mode === "rationing") add("share");
    else add("net");
    add("onHand");
    add("backlog");
    add("shipped");
    add("filled");
    add("signal");
    add("forecast");
    if (!r.pushes && !r.receivesPush && definitionOf(st.policy).sheet.sigma) add("sigma");
    add("supplyLine");
    add("position");
    if (r.echelonNeeded) add("echelonPosition");
    add("target");
    add("policyOrder");
    add("adjustedOrder");
    add("orders");
    add("pipeline");
    add("inTransit");
    const supplier = r.supplier;
    const rationed = supplier >= 0 && res[supplier].downstream.length > 1;
    if (supplier >= 0) {
      add("visibleOrder");
      add("signalUp");
      if (rationed) {
        add("owedBefore");
        add("requested");
        add("supplierShips");
        add("owedAfter");
        add("supplierFilled");
      }
    }
    const transit: Register = { first: c + 1, width: registerWidth(st.leadTime, T) };
    c += transit.width;
    let ordersAgo: Register | null = null;
    if (supplier >= 0) {
      ordersAgo = { first: c + 1, width: registerWidth(s.stages[supplier].orderDelay, T) };
      c += ordersAgo.width;
    }
    let window: Register | null = null;
    if (r.keepsWindow) {
      window = { first: c + 1, width: registerWidth(r.window, T) };
      c += window.width;
    }
    if (c > MAX_SHEET_COLUMNS) {
      throw new DomainError(
        "value",
        `stage ${k + 1} needs ${c.toLocaleString("en-US")} columns on its sheet, more than the ${MAX_SHEET_COLUMNS.toLocaleString("en-US")} a sheet has (sheet width): shorten its lead time, order delay or forecast window`,
      );
    }
    return { index: k, sheet: stageSheetName(s, k), mode, col, transit, ordersAgo, window, lastCol: c };
  });
  const order = s.stages.map((_, k) => k);
  return { periods: T, lastRow: FIRST_ROW + T - 1, stages, order };
}

/** Cells of the stage sheets, the bulk of a workbook: every column of the start row and of each period's row. */
export function stageSheetCells(layout: SheetLayout): number {
  return layout.stages.reduce((n, st) => n + (layout.periods + 1) * st.lastCol, 0);
}

/** Column letter of a series (throws when the stage does not have it: a bug in the caller). */
export function letter(st: StageLayout, key: ColumnKey): string {
  const c = st.col[key];
  if (c === undefined) throw new Error(`stage ${st.index + 1} has no column ${key}`);
  return colLetter(c);
}

/** Register cells of row r, e.g. "$AA7:$AL7". */
export function registerRow(reg: Register, r: number): string {
  return `$${colLetter(reg.first)}${r}:$${colLetter(reg.first + reg.width - 1)}${r}`;
}
