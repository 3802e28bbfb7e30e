/**
 * Optimal echelon base-stock levels of a serial system (Clark & Scarf 1960) under normal demand, by
 * the exact algorithm of Chen & Zheng (1994) as in Snyder & Shen, Fundamentals of Supply Chain
 * Theory, section 6.2 (stockpyl's ssm_serial.optimize_base_stock_levels, MIT, is the reference):
 *
 *   C_0(x) = (p + h'_1) x^-,                 h'_1 = sum of the echelon costs (stage 1's local cost)
 *   for j = 1..N:  Chat_j(x) = h_j x + C_(j-1)(x)
 *                  Cbar_j(y) = E[Chat_j(y - D_j)],   D_j ~ N(mu L_j, sigma^2 L_j)
 *                  S*_j = argmin Cbar_j,   C_j(x) = Cbar_j(min(S*_j, x))
 *   C* = Cbar_N(S*_N).
 *
 * Stages are numbered downstream first: stage 1 faces the customer.
 *
 * Numerics. Stage j's functions live on a grid x_i = M_j - W + i dx, where M_j is the mean demand
 * over the lead times of stages 1..j and W = 10 sd of the demand over all lead times. Because each
 * stage's grid is the previous one shifted by the mean lead-time demand mu L_j, the expectation
 * Cbar_j(x_i) = sum_k w_k Chat_j(x_(i-k)) needs no interpolation: its nodes d = mu L_j + k dx are
 * grid points (every few grid points when the stage's sd spans many), with weights w_k proportional to the normal density at k dx / (sigma sqrt(L_j)),
 * |k dx| <= 8.5 sd, normalised to sum 1 (the trapezoid rule on the density). Outside the grid Chat_j
 * is continued by its linear limits (Snyder & Shen, Problem 6.13; stockpyl's docstring):
 *   x -> -inf: sum_(i<=j) h_i (x - sum_(k=i..j-1) mu L_k) - (p + h'_1)(x - M_(j-1));
 *   x -> +inf: h_j x + C*_(j-1).
 * Stage 1 is in closed form: Cbar_1(y) = h_1 (y - mu L_1) + (p + h'_1) E[(D_1 - y)^+].
 * S*_j refines the grid minimum by golden section on the piecewise-cubic interpolant of the grid
 * values. dx = min(sd_total, 2.5 sd of the smallest positive stage) / resolution (100 by default):
 * halving it changes S* and C* by less than 1e-4 (test/engine/serialBaseStock.test.ts).
 *
 * A zero echelon cost h_j makes Cbar_j decrease without a minimum (more stock there is free): S*_j
 * is then the top of the grid, M_j + W. sd = 0 (or all lead times 0) is deterministic:
 * S*_j = M_j and C* = sum_(j>=2) h_j M_(j-1) (the pipeline stock between stages).
 */
import { DomainError } from "../errors";
import { normalLossAt, normPdf } from "../stats/normal";
import { checkNonNegative, checkPositive, checkResult } from "./checks";

/** Most stages accepted. */
export const MAX_SERIAL_STAGES = 50;

export interface SerialBaseStockResult {
  /** Echelon base-stock levels S*_j, stage 1 (downstream) first. */
  echelon: number[];
  /** Local base-stock levels s_j = S*_j - S*_(j-1), S*_0 = 0. */
  local: number[];
  /** Optimal expected cost per period C*_N(S*_N). */
  cost: number;
}

export interface SerialOptions {
  /** Grid points per reference sd (default 100). */
  resolution?: number;
}

/** "levels" (default) or "cost". */
export function parseSerialOutput(text: string | undefined): "levels" | "cost" {
  const t = text === undefined ? "" : String(text).trim().toLowerCase();
  if (t === "" || t === "levels") return "levels";
  if (t === "cost") return "cost";
  throw new DomainError("value", 'output must be "levels" or "cost"');
}

/** The checks of serialBaseStock as one test that does not throw. */
export function serialBaseStockInDomain(
  holding: readonly number[],
  leadTimes: readonly number[],
  p: number,
  mean: number,
  sd: number,
): boolean {
  if (holding.length !== leadTimes.length || holding.length < 1 || holding.length > MAX_SERIAL_STAGES) return false;
  if (!(p > 0 && p < Infinity && mean >= 0 && mean < Infinity && sd >= 0 && sd < Infinity)) return false;
  return holding.every((h) => h >= 0 && h < Infinity) && leadTimes.every((l) => l >= 0 && l < Infinity);
}

const STAGE = (name: string, j: number): string => `${name} (stage ${j + 1})`;
const Z_MAX = 8.5;
const WIDTH = 10;
const MAX_POINTS = 6000;
const MAX_NODES = 1024;

/** Cubic Lagrange interpolation of the grid values f at fractional index u (stencil inside [0, n]). */
function cubicAt(f: Float64Array, u: number): number {
  const n = f.length - 1;
  let i = Math.floor(u) - 1;
  if (i < 0) i = 0;
  if (i > n - 3) i = n - 3;
  const t = u - i;
  const a = f[i],
    b = f[i + 1],
    c = f[i + 2],
    d = f[i + 3];
  return (
    (-a * (t - 1) * (t - 2) * (t - 3)) / 6 +
    (b * t * (t - 2) * (t - 3)) / 2 -
    (c * t * (t - 1) * (t - 3)) / 2 +
    (d * t * (t - 1) * (t - 2)) / 6
  );
}

/** Minimum of the grid values: [fractional index, value], refined by golden section on the cubic interpolant. */
function gridArgmin(f: Float64Array): [number, number] {
  const n = f.length - 1;
  let k = 0;
  for (let i = 1; i <= n; i++) if (f[i] < f[k]) k = i;
  if (k === 0 || k === n || n < 3) return [k, f[k]];
  let a = k - 1,
    b = k + 1;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a),
    d = a + g * (b - a);
  let fc = cubicAt(f, c),
    fd = cubicAt(f, d);
  for (let it = 0; it < 80 && b - a > 1e-10; it++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = cubicAt(f, c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = cubicAt(f, d);
    }
  }
  const u = (a + b) / 2;
  const v = Math.min(cubicAt(f, u), f[k]);
  return [u, v];
}

/**
 * Optimal echelon base-stock levels. holding[j] and leadTimes[j] are stage j+1's echelon holding
 * cost and lead time (downstream first); p the stockout cost per unit per period at stage 1; demand
 * per period N(mean, sd^2).
 */
export function serialBaseStock(
  holding: readonly number[],
  leadTimes: readonly number[],
  p: number,
  mean: number,
  sd: number,
  options: SerialOptions = {},
): SerialBaseStockResult {
  const n = holding.length;
  if (n !== leadTimes.length) {
    throw new DomainError("value", `echelon_holding_costs has ${n} stages where lead_times has ${leadTimes.length}`);
  }
  if (n < 1) throw new DomainError("value", "echelon_holding_costs is required");
  if (n > MAX_SERIAL_STAGES) throw new DomainError("num", `at most ${MAX_SERIAL_STAGES} stages (got ${n})`);
  for (let j = 0; j < n; j++) {
    checkNonNegative(holding[j], n > 1 ? STAGE("echelon_holding_costs", j) : "echelon_holding_costs");
    checkNonNegative(leadTimes[j], n > 1 ? STAGE("lead_times", j) : "lead_times");
  }
  checkPositive(p, "stockout_cost");
  checkNonNegative(mean, "mean_demand");
  checkNonNegative(sd, "sd_demand");

  const H = holding.reduce((s, h) => s + h, 0);
  const ph = p + H;
  const m = leadTimes.map((l) => mean * l);
  const s = leadTimes.map((l) => sd * Math.sqrt(l));
  const cum: number[] = []; // M_j, j = 1..n
  let acc = 0;
  for (const mj of m) cum.push((acc += mj));
  const sumL = leadTimes.reduce((a, l) => a + l, 0);
  const sdTotal = sd * Math.sqrt(sumL);

  if (!Number.isFinite(WIDTH * sdTotal + cum[n - 1] + ph * (cum[n - 1] + WIDTH * sdTotal))) {
    throw new DomainError("num", "the inputs are out of range: the lead-time demand or the costs overflow");
  }
  let echelon: number[];
  let cost: number;
  if (!(sdTotal > 0)) {
    echelon = cum.slice();
    cost = 0;
    for (let j = 1; j < n; j++) cost += holding[j] * cum[j - 1];
  } else {
    ({ echelon, cost } = solve(holding, m, s, cum, ph, sdTotal, options.resolution ?? 100));
  }
  const local = echelon.map((S, j) => S - (j === 0 ? 0 : echelon[j - 1]));
  for (const v of echelon) checkResult(v, "base-stock level");
  return { echelon, local, cost: checkResult(cost, "cost") };
}

function solve(
  h: readonly number[],
  m: readonly number[],
  s: readonly number[],
  cum: readonly number[],
  ph: number,
  sdTotal: number,
  resolution: number,
): { echelon: number[]; cost: number } {
  const n = h.length;
  let sMin = sdTotal;
  for (const sj of s) if (sj > 0 && 2.5 * sj < sMin) sMin = 2.5 * sj;
  const W = WIDTH * sdTotal;
  let half = Math.ceil(W / (sMin / resolution));
  if (half > MAX_POINTS / 2) half = MAX_POINTS / 2;
  const dx = W / half;
  const np = 2 * half; // grid indices 0..np; x_i = M_j - W + i dx
  const echelon: number[] = [];
  let cost = 0;
  let prev = new Float64Array(np + 1); // C_(j-1) on stage j-1's grid
  let cStarPrev = 0;
  for (let j = 0; j < n; j++) {
    const base = (j === 0 ? 0 : cum[j - 1]) - W; // Chat_j's grid origin
    const cbar = new Float64Array(np + 1); // on base + m_j + i dx
    if (j === 0) {
      for (let i = 0; i <= np; i++) {
        const y = base + m[0] + i * dx;
        cbar[i] = h[0] * (y - m[0]) + ph * normalLossAt(y, m[0], s[0]);
      }
    } else {
      const hj = h[j];
      const chat = (i: number): number => {
        const x = base + i * dx;
        if (i < 0) {
          // sum_(i<=j) h_i (x - sum_(k=i..j-1) m_k) - (p + h'_1)(x - M_(j-1))
          let v = -ph * (x - cum[j - 1]);
          for (let q = 0; q <= j; q++) v += h[q] * (x - (cum[j - 1] - (q === 0 ? 0 : cum[q - 1])));
          return v;
        }
        if (i > np) return hj * x + cStarPrev;
        return hj * x + prev[i];
      };
      // Nodes every `stride` grid points, at most MAX_NODES of them (spacing <= sd / 60).
      const stride = s[j] > 0 ? Math.max(1, Math.ceil((2 * Z_MAX * s[j]) / dx / MAX_NODES)) : 1;
      const K = s[j] > 0 ? Math.ceil((Z_MAX * s[j]) / (stride * dx)) : 0;
      const w = new Float64Array(2 * K + 1);
      let wsum = 0;
      for (let k = -K; k <= K; k++) wsum += w[k + K] = K === 0 ? 1 : normPdf((k * stride * dx) / s[j]);
      for (let k = 0; k <= 2 * K; k++) w[k] /= wsum;
      const inner = new Float64Array(np + 1);
      for (let i = 0; i <= np; i++) inner[i] = hj * (base + i * dx) + prev[i];
      const reach = K * stride;
      for (let i = 0; i <= np; i++) {
        let v = 0;
        if (i - reach >= 0 && i + reach <= np) {
          for (let k = -K; k <= K; k++) v += w[k + K] * inner[i - k * stride];
        } else {
          for (let k = -K; k <= K; k++) v += w[k + K] * chat(i - k * stride);
        }
        cbar[i] = v;
      }
    }
    const [u, v] = gridArgmin(cbar);
    const S = base + m[j] + u * dx;
    echelon.push(S);
    cost = v;
    // C_j on stage j's grid: Cbar_j(min(S*, x)).
    const next = new Float64Array(np + 1);
    for (let i = 0; i <= np; i++) next[i] = i <= u ? cbar[i] : v;
    prev = next;
    cStarPrev = v;
  }
  return { echelon, cost };
}
