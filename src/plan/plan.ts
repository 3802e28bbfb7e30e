/**
 * The replenishment plan of a SKU table (ARCHITECTURE.md section 12): per SKU the classes, the
 * forecast, the safety stock, the reorder point, the order quantity and what to order now, and a
 * summary. Pure; the same definitions are written as live formulas in the Plan sheet
 * (src/plan/sheet.ts), and the LibreOffice test checks the two agree.
 *
 * Per SKU, with P = lead time + review period (the protection interval, in periods):
 *   value            sum of the history x unit cost (the value of past demand: ABC's measure)
 *   abc              abcClasses of the values (A 80%, B 95% of the total, src/classify/abc.ts)
 *   xyz              coefficient of variation of demand per period (X < 0.5, Y < 1, Z)
 *   demand class     Syntetos-Boylan-Croston (smooth, erratic, intermittent, lumpy); "" when undefined
 *   method, forecast the fitted model (fitForecast) and the mean of its next ceil(P) forecasts, per period
 *   lead-time demand forecast x P
 *   service level    the table's, else the policy's level for the SKU's ABC class
 *   safety stock     forecastSafetyStock(model, P, service level): z x sd of the P-period forecast error
 *   reorder point    lead-time demand + safety stock
 *   order quantity   EOQ = sqrt(2 D K / (h c)), D = forecast x periods per year, K the order cost,
 *                    h c the holding rate x unit cost, rounded up to whole units (or to full cases;
 *                    or periods of supply x forecast, rounded up)
 *   position         on hand + on order - backorders
 *   order now        position <= reorder point, and an order quantity above 0 (a SKU without
 *                    forecast demand and no stock has nothing to order)
 *   suggested        when ordering: the smallest multiple of the order quantity that lifts the
 *                    position above the reorder point; else 0
 *   periods of cover position / forecast ("" with no forecast demand)
 *   run-out period   the period in which the position runs out at the forecast rate:
 *                    floor(position / forecast) + 1, 0 when the position is already <= 0
 */
import { AbcClass, abcClasses } from "../classify/abc";
import { classifyDemand, demandProfile, DemandClassName } from "../classify/demandClass";
import { classifyXyz, demandCv, XyzClass } from "../classify/xyz";
import { DomainError, isDomainError } from "../errors";
import { fitForecast } from "../forecast/fit";
import { FittedModel, modelLabel } from "../forecast/model";
import { forecastSafetyStock, MAX_LEAD_TIME } from "../forecast/safetyStock";
import { PlanPolicy, policyProblem } from "./policy";
import { SkuInput } from "./skus";

export interface SkuPlan {
  row: number;
  sku: string;
  value: number;
  abc: AbcClass;
  xyz: XyzClass | "";
  demandClass: DemandClassName | "";
  method: string;
  forecast: number;
  leadTimeDemand: number;
  serviceLevel: number;
  safetyStock: number;
  reorderPoint: number;
  orderQty: number;
  position: number;
  orderNow: boolean;
  suggestedQty: number;
  /** Undefined when there is no forecast demand (cover without end). */
  periodsOfCover?: number;
  runOutPeriod?: number;
}

/** A SKU the plan could not compute, and why. */
export interface SkuProblem {
  row: number;
  sku: string;
  problem: string;
}

export interface ClassSummary {
  skus: number;
  /** Value of past demand. */
  value: number;
  /** Safety stock valued at unit cost. */
  safetyStockValue: number;
  /** Stock on hand valued at unit cost. */
  stockValue: number;
}

export interface PlanSummary {
  skus: number;
  planned: number;
  problems: number;
  orderNow: number;
  byClass: Record<AbcClass, ClassSummary>;
  safetyStockValue: number;
}

export interface Plan {
  skus: SkuPlan[];
  problems: SkuProblem[];
  summary: PlanSummary;
}

const emptyClass = (): ClassSummary => ({ skus: 0, value: 0, safetyStockValue: 0, stockValue: 0 });

/** The order quantity of the rule, in whole units (full cases for "eoq-cases"). */
export function orderQuantity(s: SkuInput, forecast: number, policy: PlanPolicy): number {
  const rule = policy.orderRule;
  if (rule.kind === "periods") return Math.ceil(rule.periods * forecast);
  const annual = forecast * policy.periodsPerYear;
  const eoq = Math.sqrt((2 * annual * s.orderCost) / (s.holdingRate * s.unitCost));
  if (rule.kind === "eoq-cases" && s.caseSize !== undefined) return Math.ceil(eoq / s.caseSize) * s.caseSize;
  return Math.ceil(eoq);
}

export interface PlanOptions {
  /** Called every PROGRESS_EVERY SKUs and at the end (a table of monthly SKUs fits seasonal models for minutes). */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 50;

/** Plans every SKU; a SKU whose history no method can use becomes a problem, not a failure. */
export function planSkus(inputs: readonly SkuInput[], policy: PlanPolicy, options: PlanOptions = {}): Plan {
  const bad = policyProblem(policy);
  if (bad) throw bad;
  const problems: SkuProblem[] = [];
  const ok = inputs.filter((s) => {
    if (s.problem === undefined) return true;
    problems.push({ row: s.row, sku: s.sku, problem: s.problem });
    return false;
  });
  // The models first: a SKU whose history the method refuses is a problem and takes no part in
  // ABC, as on the Plan sheet (its Problem cell blanks its value there).
  const fitted: { s: SkuInput; model: FittedModel }[] = [];
  ok.forEach((s, i) => {
    if (options.onProgress && i % PROGRESS_EVERY === 0) options.onProgress(i, ok.length);
    try {
      if (s.leadTime + policy.reviewPeriod > MAX_LEAD_TIME) {
        throw new DomainError(
          "num",
          `lead time + review period must be at most ${MAX_LEAD_TIME} periods (it is ${s.leadTime + policy.reviewPeriod})`,
        );
      }
      fitted.push({ s, model: fitForecast(s.history, { method: policy.method, seasonLength: policy.seasonLength }) });
    } catch (e) {
      if (!isDomainError(e)) throw e; // a bug, not a history the methods refuse
      problems.push({ row: s.row, sku: s.sku, problem: e.message });
    }
  });
  // ABC by the value of past demand.
  const values = fitted.map(({ s }) => {
    let units = 0;
    for (let t = 0; t < s.history.length; t++) units += s.history[t];
    return units * s.unitCost;
  });
  const abc = abcClasses(values);
  const skus: SkuPlan[] = [];
  fitted.forEach(({ s, model }, i) => {
    try {
      skus.push(planSku(s, model, values[i], abc[i], policy));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      problems.push({ row: s.row, sku: s.sku, problem: e.message });
    }
  });
  options.onProgress?.(ok.length, ok.length);
  problems.sort((a, b) => a.row - b.row);
  const byClass = { A: emptyClass(), B: emptyClass(), C: emptyClass() };
  let safetyStockValue = 0;
  const costOf = new Map(ok.map((s) => [s.row, s]));
  for (const p of skus) {
    const s = costOf.get(p.row) as SkuInput;
    const c = byClass[p.abc];
    c.skus++;
    c.value += p.value;
    c.safetyStockValue += p.safetyStock * s.unitCost;
    c.stockValue += s.onHand * s.unitCost;
    safetyStockValue += p.safetyStock * s.unitCost;
  }
  return {
    skus,
    problems,
    summary: {
      skus: inputs.length,
      planned: skus.length,
      problems: problems.length,
      orderNow: skus.filter((p) => p.orderNow).length,
      byClass,
      safetyStockValue,
    },
  };
}

function planSku(s: SkuInput, model: FittedModel, value: number, abc: AbcClass, policy: PlanPolicy): SkuPlan {
  const y = s.history;
  let xyz: XyzClass | "" = "";
  let demandClass: DemandClassName | "" = "";
  try {
    xyz = classifyXyz(demandCv(y));
  } catch {
    xyz = ""; // fewer than 2 periods or no demand: no CV
  }
  try {
    const p = demandProfile(y);
    if (p.cv2 !== undefined) demandClass = classifyDemand(p.adi, p.cv2);
  } catch {
    demandClass = ""; // no demand
  }
  const protection = s.leadTime + policy.reviewPeriod;
  const ahead = model.forecast(Math.max(1, Math.ceil(protection)));
  let sum = 0;
  for (let k = 0; k < ahead.length; k++) sum += ahead[k];
  const forecast = Math.max(0, sum / ahead.length);
  const serviceLevel = s.serviceLevel ?? policy.serviceByClass[abc];
  const safetyStock = Math.max(0, forecastSafetyStock(model, protection, serviceLevel));
  const leadTimeDemand = forecast * protection;
  const reorderPoint = leadTimeDemand + safetyStock;
  const orderQty = orderQuantity(s, forecast, policy);
  const position = s.onHand + s.onOrder - s.backorders;
  const orderNow = position <= reorderPoint && orderQty > 0;
  const suggestedQty = orderNow ? (Math.floor((reorderPoint - position) / orderQty) + 1) * orderQty : 0;
  return {
    row: s.row,
    sku: s.sku,
    value,
    abc,
    xyz,
    demandClass,
    method: modelLabel(model),
    forecast,
    leadTimeDemand,
    serviceLevel,
    safetyStock,
    reorderPoint,
    orderQty,
    position,
    orderNow,
    suggestedQty,
    periodsOfCover: forecast > 0 ? position / forecast : undefined,
    runOutPeriod: forecast > 0 ? (position <= 0 ? 0 : Math.floor(position / forecast) + 1) : undefined,
  };
}
