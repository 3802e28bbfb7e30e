/**
 * Bullwhip ratio measured from data: Var(orders) / Var(demand) (sample variances), or
 * CV(orders) / CV(demand). Built on a streaming accumulator so that the Excel adapter can feed
 * values straight from a 2-D range (1,000,000 rows) without copying them into a new array.
 */
import { DomainError } from "../errors";
import { checkIntegerAtLeast, checkResult } from "../inventory/checks";

export type BullwhipMethod = "variance" | "cv";

/**
 * Running count, mean and sum of squared deviations (Welford 1962): stable for data such as
 * 1e9 + small noise, where the textbook sum of squares loses every significant digit.
 * The first `warmup` values pushed are dropped.
 */
export class SeriesStats {
  n = 0;
  private m = 0;
  private m2 = 0;
  private skip: number;

  constructor(warmup = 0) {
    this.skip = warmup;
  }

  push(x: number): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    const n = ++this.n;
    const d = x - this.m;
    this.m += d / n;
    this.m2 += d * (x - this.m);
  }

  mean(): number {
    return this.n > 0 ? this.m : NaN;
  }

  /** Sample variance (n - 1 denominator); NaN below two values. */
  variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : NaN;
  }
}

/** "variance" (default when blank) or "cv", case-insensitive. */
export function parseBullwhipMethod(text: string | undefined): BullwhipMethod {
  if (text === undefined) return "variance";
  const t = String(text).trim().toLowerCase();
  if (t === "" || t === "variance" || t === "var") return "variance";
  if (t === "cv") return "cv";
  throw new DomainError("value", 'method must be "variance" or "cv"');
}

function checkSeries(s: SeriesStats, name: string): void {
  if (s.n < 2) throw new DomainError("na", `${name} needs at least two numbers (after warmup)`);
  if (!Number.isFinite(s.mean()) || !Number.isFinite(s.variance())) {
    throw new DomainError("num", `${name} must contain only finite numbers`);
  }
}

export function bullwhipFromStats(orders: SeriesStats, demand: SeriesStats, method: BullwhipMethod = "variance"): number {
  checkSeries(orders, "orders");
  checkSeries(demand, "demand");
  const vd = demand.variance();
  if (vd === 0) throw new DomainError("div0", "demand has zero variance (constant demand): the ratio is undefined");
  if (method === "variance") return checkResult(orders.variance() / vd, "bullwhip ratio");
  // CV = sd / |mean|.
  const md = Math.abs(demand.mean());
  const mo = Math.abs(orders.mean());
  if (md === 0) throw new DomainError("div0", "demand has a zero mean: its coefficient of variation is undefined");
  if (mo === 0) throw new DomainError("div0", "orders have a zero mean: their coefficient of variation is undefined");
  return checkResult(Math.sqrt(orders.variance() / vd) * (md / mo), "bullwhip ratio");
}

/** Convenience over plain arrays; warmup drops the first k values of each series. */
export function bullwhipRatio(
  orders: ArrayLike<number>,
  demand: ArrayLike<number>,
  method: string | undefined = "variance",
  warmup: number | undefined = 0,
): number {
  const m = parseBullwhipMethod(method);
  checkIntegerAtLeast(warmup, 0, "warmup");
  const o = new SeriesStats(warmup);
  for (let i = 0; i < orders.length; i++) o.push(orders[i]);
  const d = new SeriesStats(warmup);
  for (let i = 0; i < demand.length; i++) d.push(demand[i]);
  return bullwhipFromStats(o, d, m);
}
