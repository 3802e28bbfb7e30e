/**
 * Functions that take lists rather than broadcasting: the 1-N model (one row per store) and
 * EOQ_DISCOUNT (a price schedule). Lists are one column or one row. Blank rows at the END of a list
 * are ignored (a range drawn larger than the table), so row k of the list stays store k in messages;
 * a blank inside the list is #VALUE! "... is required".
 */
import { DomainError } from "../src/errors";
import { eoqDiscount } from "../src/inventory/eoq";
import { Dc, parseTc1nOutput, Store, tc1n, tc1nOptimize } from "../src/oneN/tc1n";
import { coerceNumber, isBlank, requiredNumber, scalarNumber, scalarText, toVector, Vector } from "./excelArgs";
import { errorResult, finiteCells } from "./broadcast";

/** Number of leading entries that matter: the list length without its trailing blank rows. */
function trimmedLength(keys: readonly Vector[], n: number): number {
  let last = n;
  while (last > 0 && keys.every((v) => isBlank(v.get(v.length === 1 ? 0 : last - 1)))) last--;
  return last;
}

/**
 * Reads parallel per-store columns into rows of numbers: row j holds each argument's value for
 * store j (a single-cell argument repeats). All arguments are required.
 */
export function readStoreRows(args: readonly unknown[], names: readonly string[], item = "store"): number[][] {
  const vecs = args.map((a, k) => toVector(a, names[k], `one column (one row per ${item}) or a single value`));
  let n = 1;
  for (const v of vecs) {
    if (v.length === 1) continue;
    if (n === 1) n = v.length;
    else if (v.length !== n) {
      throw new DomainError("value", `${v.grid.name} has ${v.length} ${item}s where other ${item} arguments have ${n}`);
    }
  }
  const ranges = vecs.filter((v) => v.length > 1);
  if (ranges.length > 0) n = trimmedLength(ranges, n);
  const out: number[][] = new Array(n);
  for (let j = 0; j < n; j++) {
    const row: number[] = new Array(vecs.length);
    for (let k = 0; k < vecs.length; k++) {
      const v = vecs[k];
      const label = n > 1 || v.length > 1 ? `${names[k]} (${item} ${j + 1})` : names[k];
      const x = coerceNumber(v.get(v.length === 1 ? 0 : j), label);
      if (x === undefined) throw new DomainError("value", `${label} is required`);
      row[k] = x;
    }
    out[j] = row;
  }
  return out;
}

const TC1N_STORE_ARGS = ["store_mean", "store_sd", "store_lead_time", "store_holding", "store_order_qty", "store_reorder_point"] as const;

/** TC_1N: [[total]] or, with output "detail", one row per store then the DC: holding, shortage, total. */
export function tc1nCells(
  store_mean: unknown,
  store_sd: unknown,
  store_lead_time: unknown,
  store_holding: unknown,
  store_order_qty: unknown,
  store_reorder_point: unknown,
  dc_holding: unknown,
  dc_base_stock: unknown,
  dc_lead_time: unknown,
  shortage_cost: unknown,
  share?: unknown,
  output?: unknown,
  distribution?: unknown,
): unknown[][] {
  try {
    const mode = parseTc1nOutput(scalarText(output, "output"));
    const rows = readStoreRows(
      [store_mean, store_sd, store_lead_time, store_holding, store_order_qty, store_reorder_point],
      TC1N_STORE_ARGS,
    );
    const stores: Store[] = rows.map((r) => ({
      mean: r[0],
      sd: r[1],
      leadTime: r[2],
      holding: r[3],
      orderQty: r[4],
      reorderPoint: r[5],
    }));
    const dc: Dc = {
      holding: requiredNumber(dc_holding, "dc_holding"),
      baseStock: requiredNumber(dc_base_stock, "dc_base_stock"),
      leadTime: requiredNumber(dc_lead_time, "dc_lead_time"),
    };
    const r = tc1n(
      stores,
      dc,
      requiredNumber(shortage_cost, "shortage_cost"),
      scalarNumber(share, "share"),
      scalarText(distribution, "distribution"),
    );
    if (mode === "total") return finiteCells([[r.total]]);
    const out = r.stores.map((c) => [c.holding, c.shortage, c.total]);
    out.push([r.dc.holding, r.dc.shortage, r.dc.total]);
    return finiteCells(out);
  } catch (e) {
    return errorResult(e);
  }
}

/** TC_1N_OPTIMIZE: one row per store [s_j, store cost], then [S_0, DC cost]. */
export function tc1nOptimizeCells(
  store_mean: unknown,
  store_sd: unknown,
  store_lead_time: unknown,
  store_holding: unknown,
  store_order_qty: unknown,
  dc_holding: unknown,
  dc_lead_time: unknown,
  shortage_cost: unknown,
  share?: unknown,
  distribution?: unknown,
): unknown[][] {
  try {
    const rows = readStoreRows([store_mean, store_sd, store_lead_time, store_holding, store_order_qty], TC1N_STORE_ARGS.slice(0, 5));
    const stores = rows.map((r) => ({ mean: r[0], sd: r[1], leadTime: r[2], holding: r[3], orderQty: r[4] }));
    const r = tc1nOptimize(
      stores,
      { holding: requiredNumber(dc_holding, "dc_holding"), leadTime: requiredNumber(dc_lead_time, "dc_lead_time") },
      requiredNumber(shortage_cost, "shortage_cost"),
      scalarNumber(share, "share"),
      scalarText(distribution, "distribution"),
    );
    const out: unknown[][] = r.reorderPoints.map((s, j) => [s, r.nodes[j].total]);
    out.push([r.baseStock, r.nodes[r.nodes.length - 1].total]);
    return finiteCells(out);
  } catch (e) {
    return errorResult(e);
  }
}

/** A numeric list (one row or column) without its trailing blanks; a blank inside is #VALUE!. */
function readList(arg: unknown, name: string): number[] {
  const v = toVector(arg, name);
  const n = trimmedLength([v], v.length);
  const out: number[] = new Array(n);
  for (let t = 0; t < n; t++) {
    const x = coerceNumber(v.get(t), `${name} (value ${t + 1})`);
    if (x === undefined) throw new DomainError("value", `${name} (value ${t + 1}) is required`);
    out[t] = x;
  }
  return out;
}

/** EOQ_DISCOUNT: [[order_qty, annual_cost, unit_cost]]. */
export function eoqDiscountCells(
  demand_rate: unknown,
  order_cost: unknown,
  carrying_rate: unknown,
  breakpoints: unknown,
  unit_costs: unknown,
): unknown[][] {
  try {
    const r = eoqDiscount(
      requiredNumber(demand_rate, "demand_rate"),
      requiredNumber(order_cost, "order_cost"),
      requiredNumber(carrying_rate, "carrying_rate"),
      readList(breakpoints, "breakpoints"),
      readList(unit_costs, "unit_costs"),
    );
    return finiteCells([[r[0], r[1], r[2]]]);
  } catch (e) {
    return errorResult(e);
  }
}
