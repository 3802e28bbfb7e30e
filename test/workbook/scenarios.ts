/**
 * Scenarios the LibreOffice verification lays out: every policy type, several lead times and
 * windows, information sharing on and off, every lever, a 1-N network, demand with zeros and spikes.
 */
import type { ScenarioInput } from "../../src/sim";

const stage = (
  name: string,
  leadTime: number,
  policy: ScenarioInput["stages"][number]["policy"],
  extra: Partial<ScenarioInput["stages"][number]> = {},
) => ({
  name,
  leadTime,
  initialInventory: 40,
  holdingCost: 0.5,
  backlogCost: 2,
  policy,
  ...extra,
});

/** Zeros, long runs and spikes: the demand history a planner pastes in. */
export const SPIKY_SERIES = [
  0, 0, 12, 3, 0, 45, 7, 7, 7, 7, 0, 0, 0, 120, 2, 9, 11, 0, 4, 4, 4, 4, 4, 60, 0, 1, 2.5, 0, 33, 8, 0, 0, 0, 0, 15, 16, 17, 90, 0, 3, 3,
  0.75, 0, 28, 5, 5, 0, 0, 200, 6, 1, 0,
];

export const SCENARIOS: Record<string, ScenarioInput> = {
  // Moving average with a sample sd, lead times 1..4, windows 2..8, no sharing.
  "ma-decentralised": {
    name: "MA decentralised",
    network: "serial",
    periods: 60,
    warmup: 5,
    seed: 7,
    demand: { distribution: "normal", mean: 20, sd: 6 },
    stages: [
      stage("Retailer", 1, { type: "order-up-to", forecast: "moving-average", window: 2, serviceLevel: 0.9 }),
      stage("Wholesaler", 2, { type: "order-up-to", forecast: "moving-average", window: 4, serviceLevel: 0.95 }, { orderDelay: 1 }),
      stage("Distributor", 3, { type: "order-up-to", forecast: "moving-average", window: 8, serviceLevel: 0.99 }, { orderDelay: 2 }),
      stage("Factory", 4, { type: "order-up-to", forecast: "moving-average", window: 5, serviceLevel: 0.5 }),
    ],
  },
  // Same chain, information shared, exponential smoothing and a known-demand forecast, returns allowed.
  "es-shared-returns": {
    name: "ES shared",
    network: "serial",
    periods: 48,
    informationSharing: true,
    allowReturns: true,
    seed: 11,
    demand: { distribution: "normal", mean: 50, sd: 15, truncateAtZero: false },
    stages: [
      stage("Retailer", 2, { type: "order-up-to", forecast: "exp-smoothing", alpha: 0.3, serviceLevel: 0.95, sigma: "known" }),
      stage("Wholesaler", 3, { type: "order-up-to", forecast: "exp-smoothing", alpha: 0.6, serviceLevel: 0.8 }),
      stage("Factory", 1, { type: "order-up-to", forecast: "known", sigma: "known", serviceLevel: 0.97, mean: 52, sd: 14 }),
    ],
  },
  // (s, Q), min-max with cases, base stock; batching, phases, case rounding, shortage gaming, VMI.
  "sq-minmax-basestock-levers": {
    name: "Levers",
    network: "serial",
    periods: 70,
    warmup: 10,
    seed: 3,
    demand: { distribution: "poisson", mean: 9 },
    stages: [
      stage("Store", 2, { type: "s-Q", reorderPoint: 25, orderQty: 30 }, { shortageGaming: { factor: 1.5 }, initialInventory: 20 }),
      stage(
        "Warehouse",
        3,
        { type: "min-max", serviceLevel: 0.9, caseSize: 12 },
        { orderEvery: 2, orderPhase: 1, caseSize: 6, vmi: true, initialInventory: 0 },
      ),
      stage("Plant", 2, { type: "base-stock", level: 70 }, { orderDelay: 1, caseSize: 10, initialInventory: 10 }),
    ],
  },
  // Sterman's rule with a promotion and the board game's fixed first orders; spiky series demand.
  "sterman-promotion-spiky": {
    name: "Sterman spiky",
    network: "serial",
    periods: SPIKY_SERIES.length,
    demand: { distribution: "series", values: SPIKY_SERIES },
    stages: [
      stage(
        "Retailer",
        2,
        { type: "sterman", alphaS: 0.26, beta: 0.34, theta: 0.36, desiredInventory: 30 },
        { fixedOrderPeriods: 3, promotion: { periods: [10, 11, 30], forwardBuy: 2 } },
      ),
      stage(
        "Wholesaler",
        2,
        { type: "order-up-to", forecast: "moving-average", window: 3, serviceLevel: 0.95 },
        { orderDelay: 2, shortageGaming: { factor: 2 } },
      ),
      stage("Factory", 3, { type: "sterman", alphaS: 1, beta: 1, theta: 0, desiredInventory: 28, initialForecast: 4 }, { orderDelay: 1 }),
    ],
  },
  // A DC and 4 stores: rationing, per-store demand (one store with the spiky series), VMI and gaming at stores.
  "one-to-n": {
    name: "1-N",
    network: "distribution",
    periods: SPIKY_SERIES.length,
    warmup: 4,
    seed: 5,
    demand: { distribution: "normal", mean: 12, sd: 5 },
    stages: [
      stage(
        "DC",
        3,
        { type: "order-up-to", forecast: "moving-average", window: 4, serviceLevel: 0.9 },
        { initialInventory: 60, orderDelay: 1 },
      ),
      stage("Store A", 1, { type: "s-Q", reorderPoint: 20, orderQty: 25 }, { shortageGaming: { factor: 1.3 } }),
      stage("Store B", 2, { type: "order-up-to", forecast: "exp-smoothing", alpha: 0.4, serviceLevel: 0.95 }, { vmi: true }),
      stage(
        "Store C",
        1,
        { type: "min-max", serviceLevel: 0.85, caseSize: 5 },
        { demand: { distribution: "series", values: SPIKY_SERIES } },
      ),
      stage("Store D", 2, { type: "base-stock", level: 45 }, { demand: { distribution: "poisson", mean: 15 }, caseSize: 4 }),
    ],
  },
  // A DC with a single store (no rationing step in the engine) and information sharing.
  "one-store-shared": {
    name: "1-1 shared",
    network: "distribution",
    periods: 40,
    informationSharing: true,
    demand: { distribution: "step", before: 4, after: 8, at: 6 },
    stages: [
      stage("DC", 2, { type: "order-up-to", forecast: "moving-average", window: 3, serviceLevel: 0.9 }, { initialInventory: 8 }),
      stage(
        "Store",
        2,
        { type: "order-up-to", forecast: "moving-average", window: 2, serviceLevel: 0.9, sigma: "sample" },
        { initialInventory: 4 },
      ),
    ],
  },
  // Measured demand constant (warmup past the step): the ratio is undefined, #DIV/0! on the sheet.
  "step-flat-measured": {
    name: "Flat measured",
    network: "serial",
    periods: 24,
    warmup: 8,
    demand: { distribution: "step", before: 6, after: 13.3, at: 4 },
    stages: [
      stage("Retailer", 1, { type: "order-up-to", forecast: "moving-average", window: 2, serviceLevel: 0.9 }, { initialInventory: 12 }),
    ],
  },
  // A flat window of a non-integer value after a step (shared information): the sample sd of a
  // constant window is exactly 0, as STDEV.S gives, not a rounding residue.
  "step-flat-window": {
    name: "Flat window",
    network: "serial",
    periods: 30,
    informationSharing: true,
    demand: { distribution: "step", before: 4, after: 9.7, at: 5 },
    stages: [
      stage("Retailer", 2, { type: "order-up-to", forecast: "moving-average", window: 3, serviceLevel: 0.95 }, { initialInventory: 20 }),
      stage("Factory", 2, { type: "order-up-to", forecast: "moving-average", window: 3, serviceLevel: 0.95 }, { initialInventory: 20 }),
    ],
  },
  // Echelon base stock (Clark & Scarf) with in-transit holding costs, and a local base stock on top.
  "echelon-serial": {
    name: "Echelon serial",
    network: "serial",
    periods: 50,
    warmup: 3,
    seed: 17,
    allowReturns: true,
    demand: { distribution: "normal", mean: 5, sd: 1.5, truncateAtZero: false },
    stages: [
      stage(
        "Retailer",
        1,
        { type: "echelon-base-stock", level: 7.5 },
        { initialInventory: 2, holdingCost: 7, backlogCost: 37, inTransitHoldingCost: 4 },
      ),
      stage(
        "DC",
        2,
        { type: "echelon-base-stock", level: 19 },
        { initialInventory: 1, holdingCost: 4, backlogCost: 0, inTransitHoldingCost: 2 },
      ),
      stage(
        "Plant",
        2,
        { type: "base-stock", level: 14 },
        { initialInventory: 3, holdingCost: 2, backlogCost: 0, inTransitHoldingCost: 0.5 },
      ),
    ],
  },
  // An echelon DC over 3 stores: its echelon position sums the stores' after their orders. (The
  // reorder point is not a whole number: rationed shipments leave positions a few ulps off whole
  // numbers, and a tie with s would be decided by rounding, differently by each implementation.)
  "echelon-dc": {
    name: "Echelon DC",
    network: "distribution",
    periods: 40,
    seed: 23,
    demand: { distribution: "poisson", mean: 6 },
    stages: [
      stage("DC", 2, { type: "echelon-base-stock", level: 75 }, { initialInventory: 20, inTransitHoldingCost: 0.2 }),
      stage("Store A", 1, { type: "base-stock", level: 14 }),
      stage("Store B", 2, { type: "echelon-base-stock", level: 20 }, { inTransitHoldingCost: 0.4 }),
      stage("Store C", 1, { type: "s-Q", reorderPoint: 8.5, orderQty: 12 }),
    ],
  },
  // Pure push: the DC (moving average, information lag) and the plant (smoothing) push to the retailer.
  "push-pure": {
    name: "Pure push",
    network: "serial",
    periods: 48,
    warmup: 4,
    seed: 31,
    pushPullBoundary: 0,
    demand: { distribution: "step", before: 20, after: 26, at: 20, sd: 5 },
    stages: [
      stage("Retailer", 2, { type: "order-up-to", forecast: "moving-average", window: 4, serviceLevel: 0.9 }, { initialInventory: 30 }),
      stage(
        "DC",
        1,
        { type: "base-stock", level: 60 },
        { initialInventory: 10, pushPlan: { forecast: "moving-average", window: 3, infoLag: 2 } },
      ),
      stage("Plant", 3, { type: "base-stock", level: 90 }, { initialInventory: 5, pushPlan: { forecast: "exp-smoothing", alpha: 0.4 } }),
    ],
  },
  // A boundary in the middle: the two upper stages push, the wholesaler fills the retailer's orders.
  "push-pull-middle": {
    name: "Push-pull",
    network: "serial",
    periods: 40,
    seed: 37,
    pushPullBoundary: 1,
    informationSharing: true,
    demand: { distribution: "poisson", mean: 9 },
    stages: [
      stage("Retailer", 1, { type: "s-Q", reorderPoint: 14.5, orderQty: 20 }, { caseSize: 4 }),
      stage("Wholesaler", 2, { type: "order-up-to", forecast: "moving-average", window: 4, serviceLevel: 0.9 }, { orderDelay: 1 }),
      stage("Distributor", 1, { type: "order-up-to" }, { pushPlan: { forecast: "moving-average", window: 5, infoLag: 1 } }),
      stage("Factory", 2, { type: "order-up-to" }, { pushPlan: { forecast: "exp-smoothing", alpha: 0.25, infoLag: 3 } }),
    ],
  },
};
