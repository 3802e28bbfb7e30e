/**
 * The SCM custom functions. The JSDoc of each function below IS the metadata: webpack's
 * custom-functions-metadata-plugin turns it into dist/functions.json and appends the
 * CustomFunctions.associate(id, fn) calls to this module in the bundle (so they are not written here).
 *
 * Every parameter is `any[][]`: with number[][] Excel would turn blank cells into 0, and a blank
 * row of a SKU table must give a blank result. Error cells reach `any` parameters too (the build
 * sets allowErrorForDataTypeAny in functions.json), so that an error fails only its own element.
 * The functions are thin: each reads its arguments (excelArgs), broadcasts (broadcast) or reads series
 * (series: one per column; rowSeries: one per row) and calls the engine in src/.
 *
 * The forecasting functions are asynchronous and cancelable (@cancelable): they fit a model per series,
 * seconds for thousands of series, in slices between which the task pane stays responsive and Excel
 * may cancel the call (slices). They return a Promise and take Excel's invocation as their last
 * parameter, which the metadata does not list as an argument.
 */
import { eoq, eoqCost, eoqCostInDomain, eoqInDomain } from "../src/inventory/eoq";
import { reorderPoint, reorderPointDomainError, safetyStock, safetyStockDomainError } from "../src/inventory/safetyStock";
import { minMaxInDomain, minMaxInto } from "../src/inventory/minMax";
import { fillRate, fillRateInDomain } from "../src/inventory/fillRate";
import { normalLossFn, normalLossInDomain } from "../src/stats/loss";
import { BoundMethod, bullwhipBound, bullwhipBoundDomainError, parseBoundMethod } from "../src/bullwhip/bounds";
import { DomainError, OUT_OF_DOMAIN } from "../src/errors";
import { lift, LiftedSpec } from "./broadcast";
import { bullwhipRatioCells } from "./series";
import { eoqDiscountCells, tc1nCells, tc1nOptimizeCells } from "./tables";
import { serialBaseStockCells } from "./serial";
import { abcCells, demandClassCells, forecastAccuracyCells, xyzCells } from "./classify";
import { forecastCells, forecastFitCells, forecastSafetyStockCells } from "./forecast";

type Cells = any[][];

const num = (name: string) => ({ name });

// The specs' `reject` is the engine function's own domain test (beside it in src/), which does not
// throw: a column of out-of-domain rows then costs no exception per row. Arguments arrive as finite
// numbers or undefined (omitted optionals).
type N = number | undefined;
const domain = (ok: boolean): DomainError | undefined => (ok ? undefined : OUT_OF_DOMAIN);

// parseBoundMethod throws on unknown text: remember the last text's outcome, so that a column of
// them costs one exception (the method is usually one cell anyway).
let lastMethodText: unknown = null;
let lastMethod: BoundMethod | DomainError = "moving-average";
function boundMethod(text: string | undefined): BoundMethod | DomainError {
  if (text !== lastMethodText) {
    try {
      lastMethod = parseBoundMethod(text);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      lastMethod = e;
    }
    lastMethodText = text;
  }
  return lastMethod;
}

// Element-wise specifications: argument names (Excel's order), how many are required, and the engine call.
export const EOQ_SPEC: LiftedSpec = {
  args: ["demand_rate", "order_cost", "holding_cost", "backorder_cost", "production_rate"].map(num),
  required: 3,
  width: 1,
  reject: (v) => domain(eoqInDomain(v[0] as number, v[1] as number, v[2] as number, v[3] as N, v[4] as N)),
  compute: (v, out, at) => {
    out[at] = eoq(v[0] as number, v[1] as number, v[2] as number, v[3] as number | undefined, v[4] as number | undefined);
  },
};

export const EOQ_COST_SPEC: LiftedSpec = {
  args: ["demand_rate", "order_cost", "holding_cost", "order_qty", "backorder_cost", "production_rate"].map(num),
  required: 3,
  width: 1,
  reject: (v) => domain(eoqCostInDomain(v[0] as number, v[1] as number, v[2] as number, v[3] as N, v[4] as N, v[5] as N)),
  compute: (v, out, at) => {
    out[at] = eoqCost(
      v[0] as number,
      v[1] as number,
      v[2] as number,
      v[3] as number | undefined,
      v[4] as number | undefined,
      v[5] as number | undefined,
    );
  },
};

export const SAFETY_STOCK_SPEC: LiftedSpec = {
  args: ["sd_demand", "lead_time", "service_level", "mean_demand", "sd_lead_time", "review_period"].map(num),
  required: 3,
  width: 1,
  reject: (v) => safetyStockDomainError(v[0] as number, v[1] as number, v[2] as number, v[3] as N, v[4] as N, v[5] as N),
  compute: (v, out, at) => {
    out[at] = safetyStock(
      v[0] as number,
      v[1] as number,
      v[2] as number,
      v[3] as number | undefined,
      v[4] as number | undefined,
      v[5] as number | undefined,
    );
  },
};

export const REORDER_POINT_SPEC: LiftedSpec = {
  args: ["mean_demand", "sd_demand", "lead_time", "service_level", "sd_lead_time", "review_period"].map(num),
  required: 4,
  width: 1,
  reject: (v) => reorderPointDomainError(v[0] as number, v[1] as number, v[2] as number, v[3] as number, v[4] as N, v[5] as N),
  compute: (v, out, at) => {
    out[at] = reorderPoint(
      v[0] as number,
      v[1] as number,
      v[2] as number,
      v[3] as number,
      v[4] as number | undefined,
      v[5] as number | undefined,
    );
  },
};

const minMaxBuffer = [0, 0, 0];
export const MIN_MAX_SPEC: LiftedSpec = {
  args: ["mean_demand", "sd_demand", "lead_time", "service_level", "case_size"].map(num),
  required: 4,
  width: 3,
  reject: (v) => domain(minMaxInDomain(v[0] as number, v[1] as number, v[2] as number, v[3] as number, v[4] as N)),
  compute: (v, out, at) => {
    const r = minMaxInto(minMaxBuffer, v[0] as number, v[1] as number, v[2] as number, v[3] as number, v[4] as number | undefined);
    out[at] = r[0];
    out[at + 1] = r[1];
    out[at + 2] = r[2];
  },
};

export const FILL_RATE_SPEC: LiftedSpec = {
  args: ["mean_demand", "sd_demand", "lead_time", "reorder_point", "order_qty"].map(num),
  required: 5,
  width: 1,
  reject: (v) => domain(fillRateInDomain(v[0] as number, v[1] as number, v[2] as number, v[3] as number, v[4] as number)),
  compute: (v, out, at) => {
    out[at] = fillRate(v[0] as number, v[1] as number, v[2] as number, v[3] as number, v[4] as number);
  },
};

export const NORMAL_LOSS_SPEC: LiftedSpec = {
  args: ["x", "mean", "sd"].map(num),
  required: 1,
  width: 1,
  reject: (v) => domain(normalLossInDomain(v[0] as number, v[1] as N, v[2] as N)),
  compute: (v, out, at) => {
    out[at] = normalLossFn(v[0] as number, v[1] as number | undefined, v[2] as number | undefined);
  },
};

export const BULLWHIP_BOUND_SPEC: LiftedSpec = {
  args: [num("lead_time"), num("forecast_param"), { name: "method", text: true }, num("rho")],
  required: 2,
  width: 1,
  reject: (v) => bullwhipBoundDomainError(v[0] as number, v[1] as number, boundMethod(v[2] as string | undefined), v[3] as N),
  compute: (v, out, at) => {
    out[at] = bullwhipBound(v[0] as number, v[1] as number, v[2] as string | undefined, v[3] as number | undefined);
  },
};

/**
 * Economic order quantity Q* = sqrt(2 K D / h'), with planned backorders and/or a finite production rate (EPQ). Spills over ranges.
 * @customfunction EOQ EOQ
 * @param {any[][]} demand_rate Demand per period, D (>= 0).
 * @param {any[][]} order_cost Fixed cost per order, K (>= 0).
 * @param {any[][]} holding_cost Holding cost per unit per period, h (> 0).
 * @param {any[][]} [backorder_cost] Backorder cost per unit per period, p (> 0). Omit for no backorders.
 * @param {any[][]} [production_rate] Production rate P (> demand_rate). Omit for instant replenishment.
 * @returns {any[][]} Order quantity, one per row of the inputs.
 */
export function EOQ(
  demand_rate: any[][],
  order_cost: any[][],
  holding_cost: any[][],
  backorder_cost?: any[][],
  production_rate?: any[][],
): any[][] {
  return lift(EOQ_SPEC, [demand_rate, order_cost, holding_cost, backorder_cost, production_rate]) as Cells;
}

/**
 * Annual ordering plus holding (and backorder) cost K D / Q + h' Q / 2 of the EOQ model; at Q* when order_qty is omitted.
 * @customfunction EOQ_COST EOQ_COST
 * @param {any[][]} demand_rate Demand per period, D (>= 0).
 * @param {any[][]} order_cost Fixed cost per order, K (>= 0).
 * @param {any[][]} holding_cost Holding cost per unit per period, h (> 0).
 * @param {any[][]} [order_qty] Order quantity Q (> 0). Default: the optimal Q*.
 * @param {any[][]} [backorder_cost] Backorder cost per unit per period, p (> 0). Omit for no backorders.
 * @param {any[][]} [production_rate] Production rate P (> demand_rate). Omit for instant replenishment.
 * @returns {any[][]} Cost per period, excluding the purchase cost.
 */
export function EOQ_COST(
  demand_rate: any[][],
  order_cost: any[][],
  holding_cost: any[][],
  order_qty?: any[][],
  backorder_cost?: any[][],
  production_rate?: any[][],
): any[][] {
  return lift(EOQ_COST_SPEC, [demand_rate, order_cost, holding_cost, order_qty, backorder_cost, production_rate]) as Cells;
}

/**
 * Safety stock z sqrt((L + R) sigma^2 + mu^2 sigma_L^2), z = NORM.S.INV(service_level). Spills over a table of SKUs.
 * @customfunction SAFETY_STOCK SAFETY_STOCK
 * @param {any[][]} sd_demand Standard deviation of demand per period, sigma (>= 0).
 * @param {any[][]} lead_time Lead time in periods, L (>= 0).
 * @param {any[][]} service_level Cycle service level, strictly between 0 and 1.
 * @param {any[][]} [mean_demand] Mean demand per period, mu (>= 0). Required when sd_lead_time > 0.
 * @param {any[][]} [sd_lead_time] Standard deviation of the lead time, sigma_L (>= 0). Default 0.
 * @param {any[][]} [review_period] Review period R (>= 0). Default 0 (continuous review).
 * @returns {any[][]} Safety stock, one per row of the inputs.
 */
export function SAFETY_STOCK(
  sd_demand: any[][],
  lead_time: any[][],
  service_level: any[][],
  mean_demand?: any[][],
  sd_lead_time?: any[][],
  review_period?: any[][],
): any[][] {
  return lift(SAFETY_STOCK_SPEC, [sd_demand, lead_time, service_level, mean_demand, sd_lead_time, review_period]) as Cells;
}

/**
 * Reorder point mu (L + R) + safety stock; with a review period R > 0 it is the order-up-to level.
 * @customfunction REORDER_POINT REORDER_POINT
 * @param {any[][]} mean_demand Mean demand per period, mu (>= 0).
 * @param {any[][]} sd_demand Standard deviation of demand per period, sigma (>= 0).
 * @param {any[][]} lead_time Lead time in periods, L (>= 0).
 * @param {any[][]} service_level Cycle service level, strictly between 0 and 1.
 * @param {any[][]} [sd_lead_time] Standard deviation of the lead time, sigma_L (>= 0). Default 0.
 * @param {any[][]} [review_period] Review period R (>= 0). Default 0 (continuous review).
 * @returns {any[][]} Reorder point, one per row of the inputs.
 */
export function REORDER_POINT(
  mean_demand: any[][],
  sd_demand: any[][],
  lead_time: any[][],
  service_level: any[][],
  sd_lead_time?: any[][],
  review_period?: any[][],
): any[][] {
  return lift(REORDER_POINT_SPEC, [mean_demand, sd_demand, lead_time, service_level, sd_lead_time, review_period]) as Cells;
}

/**
 * Min-max control levels: three columns per item, lower level, order quantity in full cases, upper level.
 * @customfunction MIN_MAX MIN_MAX
 * @param {any[][]} mean_demand Mean demand per period, mu (>= 0).
 * @param {any[][]} sd_demand Standard deviation of demand per period, sigma (>= 0).
 * @param {any[][]} lead_time Lead time in periods, L (>= 0).
 * @param {any[][]} service_level Cycle service level, strictly between 0 and 1.
 * @param {any[][]} [case_size] Units per case, B (> 0). Default 1.
 * @returns {any[][]} Per item: lower, order_qty, upper.
 */
export function MIN_MAX(
  mean_demand: any[][],
  sd_demand: any[][],
  lead_time: any[][],
  service_level: any[][],
  case_size?: any[][],
): any[][] {
  return lift(MIN_MAX_SPEC, [mean_demand, sd_demand, lead_time, service_level, case_size]) as Cells;
}

/**
 * Measured bullwhip ratio Var(orders) / Var(demand), or CV(orders) / CV(demand). One series per column; returns one ratio per orders column.
 * @customfunction BULLWHIP_RATIO BULLWHIP_RATIO
 * @param {any[][]} orders Orders placed, one column per echelon (a one-row range is one series). Blanks are skipped.
 * @param {any[][]} demand Demand: one column shared by all orders columns, or one column per orders column.
 * @param {any[][]} [method] "variance" (default) or "cv".
 * @param {any[][]} [warmup] Number of first rows (periods) to drop from every series. Default 0.
 * @returns {any[][]} One row: a ratio per orders series.
 */
export function BULLWHIP_RATIO(orders: any[][], demand: any[][], method?: any[][], warmup?: any[][]): any[][] {
  return bullwhipRatioCells(orders, demand, method, warmup) as Cells;
}

/**
 * Total cost of the one-DC, N-store distribution system (Dai, Peng & Li 2017): store and DC holding plus shortage.
 * @customfunction TC_1N TC_1N
 * @param {any[][]} store_mean Mean daily demand of each store, mu_j (one row per store).
 * @param {any[][]} store_sd Standard deviation of daily demand of each store, sigma_j.
 * @param {any[][]} store_lead_time DC-to-store lead time of each store, L_j.
 * @param {any[][]} store_holding Holding cost per unit per day at each store, h_j.
 * @param {any[][]} store_order_qty Order quantity of each store, Q_j (> 0).
 * @param {any[][]} store_reorder_point Reorder point of each store, s_j.
 * @param {any[][]} dc_holding Holding cost per unit per day at the DC, h_0.
 * @param {any[][]} dc_base_stock Base-stock level of the DC, S_0.
 * @param {any[][]} dc_lead_time Supplier-to-DC lead time, L_0.
 * @param {any[][]} shortage_cost Shortage cost per unit short, P.
 * @param {any[][]} [share] Share of the shortage cost borne by the stores (0..1). Default 0.5; does not change the total.
 * @param {any[][]} [output] "total" (default, one cell) or "detail" (per store then DC: holding, shortage, total).
 * @param {any[][]} [distribution] Lead-time demand: "normal" (default) or "poisson".
 * @returns {any[][]} The total cost, or the detail table.
 */
export function TC_1N(
  store_mean: any[][],
  store_sd: any[][],
  store_lead_time: any[][],
  store_holding: any[][],
  store_order_qty: any[][],
  store_reorder_point: any[][],
  dc_holding: any[][],
  dc_base_stock: any[][],
  dc_lead_time: any[][],
  shortage_cost: any[][],
  share?: any[][],
  output?: any[][],
  distribution?: any[][],
): any[][] {
  return tc1nCells(
    store_mean,
    store_sd,
    store_lead_time,
    store_holding,
    store_order_qty,
    store_reorder_point,
    dc_holding,
    dc_base_stock,
    dc_lead_time,
    shortage_cost,
    share,
    output,
    distribution,
  ) as Cells;
}

/**
 * Closed-form bullwhip ratio of an order-up-to policy with a moving-average (p periods) or exponential-smoothing (alpha) forecast.
 * @customfunction BULLWHIP_BOUND BULLWHIP_BOUND
 * @param {any[][]} lead_time Periods covered by the order-up-to level, L (>= 0).
 * @param {any[][]} forecast_param Moving-average window p (integer >= 1), or smoothing constant alpha in (0, 1].
 * @param {any[][]} [method] "moving-average" (default, "ma") or "exp-smoothing" ("es").
 * @param {any[][]} [rho] AR(1) correlation of demand, in (-1, 1); moving average only. Default 0 (iid demand).
 * @returns {any[][]} Var(orders) / Var(demand), one per row of the inputs.
 */
export function BULLWHIP_BOUND(lead_time: any[][], forecast_param: any[][], method?: any[][], rho?: any[][]): any[][] {
  return lift(BULLWHIP_BOUND_SPEC, [lead_time, forecast_param, method, rho]) as Cells;
}

/**
 * Normal loss function: G(x) = E[(Z - x)+] of the standard normal, or E[(X - x)+] for X ~ N(mean, sd).
 * @customfunction NORMAL_LOSS NORMAL_LOSS
 * @param {any[][]} x The point x (a safety factor k, or a stock level when mean and sd are given).
 * @param {any[][]} [mean] Mean of X. Default 0.
 * @param {any[][]} [sd] Standard deviation of X (>= 0). Default 1.
 * @returns {any[][]} Expected shortfall beyond x, one per row of the inputs.
 */
export function NORMAL_LOSS(x: any[][], mean?: any[][], sd?: any[][]): any[][] {
  return lift(NORMAL_LOSS_SPEC, [x, mean, sd]) as Cells;
}

/**
 * Fill rate (type-2 service) of a continuous-review (r, Q) policy with normal lead-time demand.
 * @customfunction FILL_RATE FILL_RATE
 * @param {any[][]} mean_demand Mean demand per period, mu (>= 0).
 * @param {any[][]} sd_demand Standard deviation of demand per period, sigma (>= 0).
 * @param {any[][]} lead_time Lead time in periods, L (>= 0).
 * @param {any[][]} reorder_point Reorder point r.
 * @param {any[][]} order_qty Order quantity Q (> 0).
 * @returns {any[][]} Fraction of demand met from stock, one per row of the inputs.
 */
export function FILL_RATE(
  mean_demand: any[][],
  sd_demand: any[][],
  lead_time: any[][],
  reorder_point: any[][],
  order_qty: any[][],
): any[][] {
  return lift(FILL_RATE_SPEC, [mean_demand, sd_demand, lead_time, reorder_point, order_qty]) as Cells;
}

/**
 * Reorder points s_j and DC base stock S_0 that minimise TC_1N. Spills one row per store then the DC: level, node cost.
 * @customfunction TC_1N_OPTIMIZE TC_1N_OPTIMIZE
 * @param {any[][]} store_mean Mean daily demand of each store, mu_j (one row per store).
 * @param {any[][]} store_sd Standard deviation of daily demand of each store, sigma_j.
 * @param {any[][]} store_lead_time DC-to-store lead time of each store, L_j.
 * @param {any[][]} store_holding Holding cost per unit per day at each store, h_j (> 0).
 * @param {any[][]} store_order_qty Order quantity of each store, Q_j (> 0).
 * @param {any[][]} dc_holding Holding cost per unit per day at the DC, h_0.
 * @param {any[][]} dc_lead_time Supplier-to-DC lead time, L_0.
 * @param {any[][]} shortage_cost Shortage cost per unit short, P (> every store_holding).
 * @param {any[][]} [share] Share of the shortage cost borne by the stores (0..1). Default 0.5.
 * @param {any[][]} [distribution] Lead-time demand: "normal" (default) or "poisson".
 * @returns {any[][]} Per store [s_j, store cost], then [S_0, DC cost].
 */
export function TC_1N_OPTIMIZE(
  store_mean: any[][],
  store_sd: any[][],
  store_lead_time: any[][],
  store_holding: any[][],
  store_order_qty: any[][],
  dc_holding: any[][],
  dc_lead_time: any[][],
  shortage_cost: any[][],
  share?: any[][],
  distribution?: any[][],
): any[][] {
  return tc1nOptimizeCells(
    store_mean,
    store_sd,
    store_lead_time,
    store_holding,
    store_order_qty,
    dc_holding,
    dc_lead_time,
    shortage_cost,
    share,
    distribution,
  ) as Cells;
}

/**
 * All-units quantity discount: the order quantity, annual cost including purchases, and unit price that minimise cost.
 * @customfunction EOQ_DISCOUNT EOQ_DISCOUNT
 * @param {any[][]} demand_rate Demand per year, D (>= 0).
 * @param {any[][]} order_cost Fixed cost per order, K (>= 0).
 * @param {any[][]} carrying_rate Annual holding cost as a fraction of the unit price, i (> 0).
 * @param {any[][]} breakpoints Quantities where each price starts: ascending, the first 0 (a row or a column).
 * @param {any[][]} unit_costs Unit price from each breakpoint on, not increasing (same length).
 * @returns {any[][]} One row: order_qty, annual_cost, unit_cost.
 */
export function EOQ_DISCOUNT(
  demand_rate: any[][],
  order_cost: any[][],
  carrying_rate: any[][],
  breakpoints: any[][],
  unit_costs: any[][],
): any[][] {
  return eoqDiscountCells(demand_rate, order_cost, carrying_rate, breakpoints, unit_costs) as Cells;
}

/**
 * Optimal echelon base-stock levels of a serial system under normal demand (Clark & Scarf; Chen & Zheng's exact algorithm). Spills one row per stage: echelon level, local level.
 * @customfunction SERIAL_BASE_STOCK SERIAL_BASE_STOCK
 * @param {any[][]} echelon_holding_costs Echelon holding cost per unit per period of each stage, h_j (>= 0), one row per stage, stage 1 (facing the customer) first; at most 50 stages.
 * @param {any[][]} lead_times Lead time of each stage in periods, L_j (>= 0, fractional allowed), same rows.
 * @param {any[][]} stockout_cost Stockout (backorder) cost per unit per period at stage 1, p (> 0).
 * @param {any[][]} mean_demand Mean demand per period, mu (>= 0).
 * @param {any[][]} sd_demand Standard deviation of demand per period, sigma (>= 0).
 * @param {any[][]} [output] "levels" (default: per stage S*_j, s_j) or "cost" (the optimal expected cost per period).
 * @returns {any[][]} Per stage [echelon S*_j, local S*_j - S*_(j-1)], or the cost.
 */
export function SERIAL_BASE_STOCK(
  echelon_holding_costs: any[][],
  lead_times: any[][],
  stockout_cost: any[][],
  mean_demand: any[][],
  sd_demand: any[][],
  output?: any[][],
): any[][] {
  return serialBaseStockCells(echelon_holding_costs, lead_times, stockout_cost, mean_demand, sd_demand, output) as Cells;
}

/**
 * Demand class of Syntetos, Boylan & Croston: ADI, CV^2 of the non-zero demands, and smooth, erratic, intermittent or lumpy. One row per series.
 * @customfunction DEMAND_CLASS DEMAND_CLASS
 * @param {any[][]} history Demand per period, one SKU per row, oldest at the left (a single column is one series). Blanks at either end are skipped.
 * @returns {any[][]} Per series: ADI, CV2, class.
 */
export function DEMAND_CLASS(history: any[][]): any[][] {
  return demandClassCells(history) as Cells;
}

/**
 * ABC (Pareto) class of each value: "A" for the items making up the first a_share of the total, largest first, "B" up to b_share, "C" the rest.
 * @customfunction ABC ABC
 * @param {any[][]} values Value of each item (annual usage value, >= 0), e.g. a column of SKUs. Blank cells stay blank.
 * @param {any[][]} [a_share] Share of the total value covered by the A items, 0 to 1. Default 0.8.
 * @param {any[][]} [b_share] Share covered by the A and B items together, a_share to 1. Default 0.95.
 * @returns {any[][]} "A", "B" or "C" for each cell of values (same shape).
 */
export function ABC(values: any[][], a_share?: any[][], b_share?: any[][]): any[][] {
  return abcCells(values, a_share, b_share) as Cells;
}

/**
 * XYZ class of each series by the coefficient of variation of demand per period: "X" below x_cv, "Y" below y_cv, else "Z".
 * @customfunction XYZ XYZ
 * @param {any[][]} history Demand per period, one SKU per row, oldest at the left (a single column is one series). Blanks at either end are skipped.
 * @param {any[][]} [x_cv] Coefficient of variation below which a series is "X". Default 0.5.
 * @param {any[][]} [y_cv] Coefficient of variation below which a series is "Y" (>= x_cv). Default 1.0.
 * @returns {any[][]} "X", "Y" or "Z", one per series.
 */
export function XYZ(history: any[][], x_cv?: any[][], y_cv?: any[][]): any[][] {
  return xyzCells(history, x_cv, y_cv) as Cells;
}

/**
 * Forecast accuracy per series: MAE, RMSE, MAPE, sMAPE, WAPE (default), bias or MASE of the forecast against the actual values.
 * @customfunction FORECAST_ACCURACY FORECAST_ACCURACY
 * @param {any[][]} actual Actual demand, one SKU per row, periods across (a single column is one series).
 * @param {any[][]} forecast Forecast of the same periods, the same shape as actual.
 * @param {any[][]} [metric] "mae", "rmse", "mape", "smape", "wape" (default), "bias" or "mase".
 * @param {any[][]} [history] For "mase": the demand before the forecast periods, one row per series.
 * @param {any[][]} [season_length] For "mase": the season m of the seasonal naive scale (integer >= 1). Default 1 (naive).
 * @returns {any[][]} One figure per series.
 */
export function FORECAST_ACCURACY(
  actual: any[][],
  forecast: any[][],
  metric?: any[][],
  history?: any[][],
  season_length?: any[][],
): any[][] {
  return forecastAccuracyCells(actual, forecast, metric, history, season_length) as Cells;
}

/**
 * Forecasts of each series: naive, seasonal-naive, moving-average, ses, holt, damped, holt-winters, holt-winters-mul, croston, sba, tsb or auto (the automatic choice). One row per series.
 * @customfunction FORECAST FORECAST
 * @param {any[][]} history Demand per period, one SKU per row, oldest at the left (a single column is one series). Blanks at either end are skipped.
 * @param {any[][]} horizon Number of periods to forecast (integer >= 1).
 * @param {any[][]} [method] "auto" (default), "naive", "seasonal-naive", "moving-average", "ses", "holt", "damped", "holt-winters", "holt-winters-mul", "croston", "sba" or "tsb".
 * @param {any[][]} [season_length] Periods in a season, m (integer >= 1), for the seasonal methods. Default 1.
 * @param {any[][]} [parameters] The method's parameters as a row (alpha, beta, phi or gamma; the window of a moving average). Default: estimated from the history.
 * @param {CustomFunctions.CancelableInvocation} invocation Excel's invocation, to cancel the call.
 * @returns {Promise<any[][]>} Per series the next horizon periods (a single column: a column of forecasts).
 * @cancelable
 */
export function FORECAST(
  history: any[][],
  horizon: any[][],
  method?: any[][],
  season_length?: any[][],
  parameters?: any[][],
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<any[][]> {
  return forecastCells(history, horizon, method, season_length, parameters, invocation) as Promise<Cells>;
}

/**
 * The model fitted to each series: method, alpha, beta, gamma, phi, residual sd, AICc, in-sample MAE and RMSE. One row per series.
 * @customfunction FORECAST_FIT FORECAST_FIT
 * @param {any[][]} history Demand per period, one SKU per row, oldest at the left (a single column is one series). Blanks at either end are skipped.
 * @param {any[][]} [method] "auto" (default), "naive", "seasonal-naive", "moving-average", "ses", "holt", "damped", "holt-winters", "holt-winters-mul", "croston", "sba" or "tsb".
 * @param {any[][]} [season_length] Periods in a season, m (integer >= 1), for the seasonal methods. Default 1.
 * @param {any[][]} [parameters] The method's parameters as a row (alpha, beta, phi or gamma; the window of a moving average). Default: estimated from the history.
 * @param {CustomFunctions.CancelableInvocation} invocation Excel's invocation, to cancel the call.
 * @returns {Promise<any[][]>} Per series: method, alpha, beta, gamma, phi, sd, AICc, MAE, RMSE ("" where the model has none).
 * @cancelable
 */
export function FORECAST_FIT(
  history: any[][],
  method?: any[][],
  season_length?: any[][],
  parameters?: any[][],
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<any[][]> {
  return forecastFitCells(history, method, season_length, parameters, invocation) as Promise<Cells>;
}

/**
 * Safety stock of each series from its forecast errors: z(service_level) times the sd of the forecast error of demand over the lead time. One per series.
 * @customfunction FORECAST_SAFETY_STOCK FORECAST_SAFETY_STOCK
 * @param {any[][]} history Demand per period, one SKU per row, oldest at the left (a single column is one series). Blanks at either end are skipped.
 * @param {any[][]} lead_time Lead time in periods of the history (> 0): one value, or a column with one per series.
 * @param {any[][]} service_level Cycle service level, in (0, 1): one value, or a column with one per series.
 * @param {any[][]} [method] "auto" (default), "naive", "seasonal-naive", "moving-average", "ses", "holt", "damped", "holt-winters", "holt-winters-mul", "croston", "sba" or "tsb".
 * @param {any[][]} [season_length] Periods in a season, m (integer >= 1), for the seasonal methods. Default 1.
 * @param {any[][]} [parameters] The method's parameters as a row (alpha, beta, phi or gamma; the window of a moving average). Default: estimated from the history.
 * @param {CustomFunctions.CancelableInvocation} invocation Excel's invocation, to cancel the call.
 * @returns {Promise<any[][]>} The safety stock, one per series.
 * @cancelable
 */
export function FORECAST_SAFETY_STOCK(
  history: any[][],
  lead_time: any[][],
  service_level: any[][],
  method?: any[][],
  season_length?: any[][],
  parameters?: any[][],
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<any[][]> {
  return forecastSafetyStockCells(history, lead_time, service_level, method, season_length, parameters, invocation) as Promise<Cells>;
}
