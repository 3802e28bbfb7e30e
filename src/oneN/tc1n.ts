/**
 * The 1-N distribution model (Dai, Peng & Li 2017, section 3.3; ARCHITECTURE.md section 7): one DC with
 * base stock S_0 and supplier lead time L_0 serving N stores, store j running (s_j, Q_j).
 *   HC_j = h_j (Q_j/2 + s_j - mu_j L_j)          LC_j = share P n_j(s_j)
 *   HC_0 = h_0 (S_0 - L_0 sum_j mu_j)            LC_0 = (1 - share) P sum_j n_j(s_j)
 * n_j(s) = E[(Y_j - s)^+], Y_j the lead-time demand: normal (mu L, sigma sqrt(L)) or Poisson(mu L).
 * The paper's printed DC holding term is partly illegible; HC_0 is the standard base-stock
 * expression (expected DC on-hand = base stock minus pipeline demand).
 */
import { DomainError } from "../errors";
import { checkFinite, checkNonNegative, checkPositive, checkResult } from "../inventory/checks";
import { normInv, normalLossAt } from "../stats/normal";
import { poissonLoss, poissonQuantile } from "../stats/loss";

export interface Store {
  mean: number;
  sd: number;
  leadTime: number;
  holding: number;
  orderQty: number;
  reorderPoint: number;
}

export interface Dc {
  holding: number;
  baseStock: number;
  leadTime: number;
}

export type Distribution = "normal" | "poisson";

export interface NodeCost {
  holding: number;
  shortage: number;
  total: number;
}

export interface Tc1nResult {
  stores: NodeCost[];
  dc: NodeCost;
  total: number;
}

export interface Tc1nOptimum {
  reorderPoints: number[];
  baseStock: number;
  total: number;
  /** Stores 1..N, then the DC (the layout of TC_1N's "detail" output). */
  nodes: NodeCost[];
}

// Holding terms are expected on-hand stock times a cost; a value below zero by more than this
// (relative) means the inputs lie outside the model, not rounding between Excel and the engine.
const ON_HAND_SLACK = 1e-9;

/** "normal" (default when blank) or "poisson", case-insensitive. */
export function parseDistribution(text: string | undefined): Distribution {
  if (text === undefined) return "normal";
  const t = String(text).trim().toLowerCase();
  if (t === "" || t === "normal") return "normal";
  if (t === "poisson") return "poisson";
  throw new DomainError("value", 'distribution must be "normal" or "poisson"');
}

/** share (the paper's alpha): default 0.5, in [0, 1]. */
export function parseShare(share: number | undefined): number {
  if (share === undefined) return 0.5;
  checkFinite(share, "share");
  if (!(share >= 0 && share <= 1)) throw new DomainError("num", "share must be between 0 and 1");
  return share;
}

/** TC_1N's output option: "total" (default when blank) or "detail". */
export function parseTc1nOutput(text: string | undefined): "total" | "detail" {
  if (text === undefined) return "total";
  const t = String(text).trim().toLowerCase();
  if (t === "" || t === "total") return "total";
  if (t === "detail") return "detail";
  throw new DomainError("value", 'output must be "total" or "detail"');
}

/** Expected shortage per replenishment cycle n_j(s) of store j at reorder point s. */
export function storeShortage(s: number, mean: number, sd: number, leadTime: number, dist: Distribution): number {
  const mu = mean * leadTime;
  return dist === "poisson" ? poissonLoss(s, mu) : normalLossAt(s, mu, sd * Math.sqrt(leadTime));
}

function checkStoreBase(st: Omit<Store, "reorderPoint">, j: number): void {
  checkNonNegative(st.mean, "store_mean", j);
  checkNonNegative(st.sd, "store_sd", j);
  checkNonNegative(st.leadTime, "store_lead_time", j);
  checkNonNegative(st.holding, "store_holding", j);
  checkPositive(st.orderQty, "store_order_qty", j);
}

function checkCommon(n: number, shortage_cost: number): void {
  if (n < 1) throw new DomainError("na", "store_mean must hold at least one store");
  checkNonNegative(shortage_cost, "shortage_cost");
}

/** Expected on-hand must not be negative; tiny negatives from rounding are taken as 0. */
function onHand(x: number, scale: number, message: string): number {
  if (x < -ON_HAND_SLACK * Math.max(1, Math.abs(scale))) throw new DomainError("num", message);
  return x > 0 ? x : 0;
}

export function tc1n(
  stores: Store[],
  dc: Dc,
  shortage_cost: number,
  share: number | undefined = 0.5,
  distribution: string | undefined = "normal",
): Tc1nResult {
  checkCommon(stores.length, shortage_cost);
  const a = parseShare(share);
  const dist = parseDistribution(distribution);
  checkNonNegative(dc.holding, "dc_holding");
  checkNonNegative(dc.baseStock, "dc_base_stock");
  checkNonNegative(dc.leadTime, "dc_lead_time");

  const P = shortage_cost;
  const out: NodeCost[] = new Array(stores.length);
  let sumMean = 0;
  let sumShort = 0;
  let total = 0;
  for (let j = 0; j < stores.length; j++) {
    const st = stores[j];
    checkStoreBase(st, j);
    checkFinite(st.reorderPoint, "store_reorder_point", j);
    const leadDemand = st.mean * st.leadTime;
    const stock = onHand(
      st.orderQty / 2 + st.reorderPoint - leadDemand,
      leadDemand,
      `store_reorder_point (store ${j + 1}) must be at least store_mean * store_lead_time - store_order_qty / 2 ` +
        `= ${leadDemand - st.orderQty / 2}: below it the expected on-hand stock would be negative`,
    );
    const n = storeShortage(st.reorderPoint, st.mean, st.sd, st.leadTime, dist);
    const holding = st.holding * stock;
    const shortage = a * P * n;
    out[j] = { holding, shortage, total: holding + shortage };
    sumMean += st.mean;
    sumShort += n;
    total += holding + shortage;
  }
  const pipeline = dc.leadTime * sumMean;
  const dcStock = onHand(
    dc.baseStock - pipeline,
    pipeline,
    `dc_base_stock must be at least dc_lead_time * sum of store_mean = ${pipeline}: ` +
      "below it the DC runs short, which the 1-N model does not cover",
  );
  const dcHolding = dc.holding * dcStock;
  const dcShortage = (1 - a) * P * sumShort;
  total += dcHolding + dcShortage;
  return {
    stores: out,
    dc: { holding: dcHolding, shortage: dcShortage, total: dcHolding + dcShortage },
    total: checkResult(total, "TC_1N"),
  };
}

/**
 * Reorder points and DC base stock that minimise TC_1N.
 * Stores: TC is separable in the s_j and the store-j part h_j (s - mu L) + P n_j(s) is convex, with
 * derivative h_j - P (1 - F_j(s)) (share cancels: the store and DC shortage terms add up to P n_j).
 * So s_j = F_j^-1(1 - h_j/P): mu L + sigma sqrt(L) Phi^-1(1 - h_j/P) for normal demand; for Poisson,
 * the smallest integer s with F(s) >= 1 - h_j/P (TC(s+1) - TC(s) = h_j - P (1 - F(s))).
 * DC: S_0 enters TC only through HC_0 = h_0 (S_0 - L_0 sum mu_j), which grows with S_0, and the model
 * does not cover S_0 below the pipeline demand (a DC that runs short). The optimum is therefore the
 * pipeline stock S_0 = L_0 sum mu_j, with HC_0 = 0.
 * When 1 - h_j/P is so low that s_j would leave a negative expected on-hand stock (HC_j < 0, outside
 * the model), s_j is raised to mu_j L_j - Q_j/2 (rounded up for Poisson).
 */
export function tc1nOptimize(
  stores: Omit<Store, "reorderPoint">[],
  dc: Omit<Dc, "baseStock">,
  shortage_cost: number,
  share?: number,
  distribution?: string,
): Tc1nOptimum {
  checkCommon(stores.length, shortage_cost);
  const dist = parseDistribution(distribution);
  const P = shortage_cost;
  const full: Store[] = new Array(stores.length);
  const reorderPoints: number[] = new Array(stores.length);
  let sumMean = 0;
  for (let j = 0; j < stores.length; j++) {
    const st = stores[j];
    checkStoreBase(st, j);
    if (!(st.holding > 0)) {
      throw new DomainError("num", `store_holding (store ${j + 1}) must be > 0 to optimise (at 0 more stock is free)`);
    }
    if (!(P > st.holding)) {
      throw new DomainError("num", `shortage_cost must exceed store_holding (store ${j + 1}): otherwise no stock is worth holding`);
    }
    const target = 1 - st.holding / P;
    const mu = st.mean * st.leadTime;
    let s = dist === "poisson" ? poissonQuantile(target, mu) : mu + st.sd * Math.sqrt(st.leadTime) * normInv(target);
    // Keep the expected on-hand stock Q/2 + s - mu L non-negative (where the model holds); the
    // store cost is convex in s, so the constrained optimum is the unconstrained one clamped.
    const floor = mu - st.orderQty / 2;
    if (s < floor) s = dist === "poisson" ? Math.ceil(floor) : floor;
    reorderPoints[j] = checkResult(s, "TC_1N_OPTIMIZE reorder point");
    full[j] = { mean: st.mean, sd: st.sd, leadTime: st.leadTime, holding: st.holding, orderQty: st.orderQty, reorderPoint: s };
    sumMean += st.mean;
  }
  checkNonNegative(dc.leadTime, "dc_lead_time");
  const baseStock = dc.leadTime * sumMean;
  const r = tc1n(full, { holding: dc.holding, baseStock, leadTime: dc.leadTime }, P, share, dist);
  return { reorderPoints, baseStock, total: r.total, nodes: [...r.stores, r.dc] };
}
