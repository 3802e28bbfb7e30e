/**
 * The Inputs sheet: every scenario parameter in a labelled cell with a workbook name
 * (SCM_LeadTime_1 for stage 1's lead time), validated; the parameters derived from them (the
 * protection period, z, the min-max limits) as formulas beside them. The simulation sheets read
 * only these names, so editing a yellow cell re-runs the whole simulation in the spreadsheet.
 *
 * Values are the engine's resolved numbers (src/sim resolveParameters): a default that follows the
 * demand (initial flow, known mean and sd) is written as the number the engine used.
 */
import { absCell, colLetter } from "./a1";
import { customerStages, type DemandSpec, type ResolvedStage, type Scenario } from "../sim";
import type { DataValidation, NamedRange, SheetPlan } from "./plan";
import { SheetBuilder } from "./sheetBuilder";
import { FMT } from "./styles";
import { needsWindow, type SheetLayout } from "./layout";

export const INPUTS_SHEET = "Inputs";

/** Workbook name of a stage parameter (k is the 0-based stage index): SCM_LeadTime_1. */
export const stageName = (key: string, k: number): string => `SCM_${key}_${k + 1}`;
/** Workbook name of a scenario-level parameter: SCM_Warmup. */
export const scenarioName = (key: string): string => `SCM_${key}`;

type Validation = Omit<DataValidation, "sheet" | "range">;

interface ParamRow {
  key: string;
  label: string;
  help: string;
  kind: "input" | "derived" | "info";
  applies: (k: number) => boolean;
  value?: (k: number) => number | string;
  /** Formula of a derived row; `at` is the cell it is written in (for self-references in validation). */
  formula?: (k: number) => string;
  validation?: (k: number, at: string) => Validation;
  numFmt?: string;
}

const whole = (min: number, max: number, what: string): Validation => ({
  type: "whole",
  min,
  max,
  prompt: `${what}: a whole number from ${min} to ${max}.`,
  error: `${what} must be a whole number from ${min} to ${max}.`,
});

const atLeast = (min: number, what: string, max = 1e15): Validation => ({
  type: "decimal",
  min,
  max,
  prompt: `${what}: a number >= ${min}${max < 1e15 ? ` and <= ${max}` : ""}.`,
  error: `${what} must be a number >= ${min}${max < 1e15 ? ` and <= ${max}` : ""}.`,
});

const openUnit = (at: string, what: string, closedAtOne = false): Validation => ({
  type: "custom",
  formula: `AND(ISNUMBER(${at}),${at}>0,${at}${closedAtOne ? "<=" : "<"}1)`,
  prompt: `${what}: a decimal in (0, 1${closedAtOne ? "]" : ")"}.`,
  error: `${what} must be a decimal greater than 0 and ${closedAtOne ? "at most" : "less than"} 1.`,
});

const switch01 = (what: string, max = 1): Validation => ({
  type: "whole",
  min: 0,
  max,
  prompt: `${what}: 1 = on, 0 = off.`,
  error: `${what} must be 1 (on) or 0 (off).`,
});

function policyText(s: Scenario, k: number): string {
  const p = s.stages[k].policy;
  switch (p.type) {
    case "order-up-to":
      return `order-up-to, ${p.forecast} forecast, ${p.sigma === "sample" ? "sample" : "known"} sd`;
    case "s-Q":
      return "(s, Q)";
    case "min-max":
      return "min-max (upper/lower control)";
    case "sterman":
      return "Sterman anchoring and adjustment";
    case "base-stock":
      return "base stock";
  }
}

function demandText(d: DemandSpec): string {
  switch (d.distribution) {
    case "normal":
      return `normal, mean ${d.mean}, sd ${d.sd}${d.truncateAtZero === false ? "" : ", negative draws set to 0"}`;
    case "poisson":
      return `Poisson, mean ${d.mean}`;
    case "step":
      return `step: ${d.before} before period ${d.at}, ${d.after} from then on`;
    case "series":
      return `your series of ${d.values.length} values`;
  }
}

/** A stage's own demand in a few words (it fits a stage column). */
function shortDemandText(d: DemandSpec): string {
  switch (d.distribution) {
    case "normal":
      return `normal ${d.mean}, sd ${d.sd}`;
    case "poisson":
      return `Poisson ${d.mean}`;
    case "step":
      return `step ${d.before} to ${d.after}`;
    case "series":
      return `series of ${d.values.length}`;
  }
}

/**
 * Whether the stage has the case-size lever (orders rounded up to full cases). A min-max stage
 * orders in cases of its policy's B already: it has the lever only when the scenario sets one, so
 * that its Inputs column shows one case size unless the scenario has both.
 */
export function hasCaseLever(s: Scenario, k: number): boolean {
  return s.stages[k].policy.type !== "min-max" || s.stages[k].caseSize !== undefined;
}

export interface InputsResult {
  sheet: SheetPlan;
  names: NamedRange[];
  validations: DataValidation[];
}

export function buildInputs(s: Scenario, res: ResolvedStage[], layout: SheetLayout | null): InputsResult {
  const b = new SheetBuilder(INPUTS_SHEET, "inputs");
  const names: NamedRange[] = [];
  const validations: DataValidation[] = [];
  const T = s.periods;
  const serial = s.network === "serial";
  const K = s.stages.length;
  const st = (k: number) => s.stages[k];
  const pol = (k: number) => s.stages[k].policy;
  const isOut = (k: number) => pol(k).type === "order-up-to";
  const top = (k: number) => res[k].supplier < 0;
  const outField = <F extends "forecast" | "sigma" | "window" | "alpha">(k: number, f: F) => {
    const p = pol(k);
    return p.type === "order-up-to" ? p[f] : undefined;
  };

  const name = (col: number, row: number, nm: string, comment?: string) =>
    names.push({ name: nm, ref: `${INPUTS_SHEET}!${absCell(col, row)}`, ...(comment ? { comment } : {}) });
  const validate = (col: number, row: number, v: Validation) =>
    validations.push({ sheet: INPUTS_SHEET, range: `${colLetter(col)}${row}`, ...v });

  b.width("A", 30);
  b.width("B", 58);
  b.value(1, 1, `Inputs: ${s.name}`, "title");
  b.value(
    1,
    2,
    "Yellow cells are what-if inputs: edit one and every simulation sheet and the Summary recalculate (no add-in needed). Grey formulas are derived from them.",
    "note",
  );

  // Scenario-level rows: label, help, value in column C.
  let row = 4;
  b.value(1, row++, "Scenario", "label");
  const scenarioRow = (
    label: string,
    help: string,
    key: string | null,
    value: number | string,
    kind: "input" | "info",
    v?: Validation,
    numFmt?: string,
  ) => {
    b.value(1, row, label);
    if (help) b.value(2, row, help, "note");
    b.value(3, row, value, kind === "input" ? "input" : "computed", numFmt);
    if (key) name(3, row, scenarioName(key));
    if (v) validate(3, row, v);
    row++;
  };
  scenarioRow("Name", "", null, s.name, "info");
  scenarioRow(
    "Network",
    serial ? "serial chain: stage 1 faces customers" : "distribution: stage 1 is the DC, the others are stores",
    null,
    s.network,
    "info",
  );
  scenarioRow(
    "Periods",
    "rows laid out on each stage sheet (change it in the scenario file or the wizard)",
    "Periods",
    T,
    "info",
    undefined,
    FMT.int,
  );
  scenarioRow("Warmup", "periods left out of every Summary statistic", "Warmup", s.warmup, "input", whole(0, T - 2, "Warmup"), FMT.int);
  scenarioRow(
    "Information sharing",
    "1: every stage forecasts from the customer demand it serves; 0: from the orders it receives",
    "InfoSharing",
    s.informationSharing ? 1 : 0,
    "input",
    switch01("Information sharing"),
    FMT.int,
  );
  scenarioRow(
    "Allow returns",
    serial ? "1: orders may be negative (goods sent back); 0: orders are at least 0" : "distribution networks: always 0",
    "AllowReturns",
    s.allowReturns ? 1 : 0,
    "input",
    switch01("Allow returns", serial ? 1 : 0),
    FMT.int,
  );
  const ownDemand = s.stages.filter((x) => x.demand !== undefined).map((x) => x.name);
  scenarioRow(
    "Customer demand",
    `${ownDemand.length > 0 ? "stores without their own: " : ""}${demandText(s.demand)}; ${
      ownDemand.length > 0
        ? `${ownDemand.join(", ")} ${ownDemand.length > 1 ? "have" : "has"} their own (row 'Customer demand' below); `
        : ""
    }the values are on the stage sheets (green column), replication 0 of seed ${s.seed}`,
    null,
    s.demand.distribution,
    "info",
  );

  row++;
  const headRow = row++;
  b.value(1, headRow, "Stage parameters", "header");
  b.value(2, headRow, "what it is", "header");
  for (let k = 0; k < K; k++) {
    b.value(3 + k, headRow, `${k + 1} ${st(k).name}`, "header");
    b.width(colLetter(3 + k), 14);
  }

  const cust = customerStages(s);
  const downstreamWidth = (k: number) => {
    // The orders a stage sees are read from its downstream stages' order registers: the narrowest bounds the delay.
    const ds = res[k].downstream;
    if (ds.length === 0) return 1000;
    return Math.min(...ds.map((j) => layout?.stages[j].ordersAgo?.width ?? 1000));
  };
  const transitWidth = (k: number) => layout?.stages[k].transit.width ?? 1000;
  const windowWidth = (k: number) => layout?.stages[k].window?.width ?? 1000;
  const all = () => true;

  const rows: ParamRow[] = [
    {
      key: "Role",
      label: "Role",
      help: "",
      kind: "info",
      applies: all,
      value: (k) => (cust.includes(k) ? "faces customers" : "supplies " + res[k].downstream.map((j) => j + 1).join(", ")),
    },
    {
      key: "Supplier",
      label: "Supplier",
      help: "stage number, or outside (always delivers in full)",
      kind: "info",
      applies: all,
      value: (k) => (top(k) ? "outside" : String(res[k].supplier + 1)),
    },
    {
      key: "Demand",
      label: "Customer demand",
      help: "the demand a store faces: its own, or the scenario's (above)",
      kind: "info",
      applies: (k) => ownDemand.length > 0 && cust.includes(k),
      value: (k) => (st(k).demand ? `own: ${shortDemandText(st(k).demand!)}` : "the scenario's"),
    },
    {
      key: "Policy",
      label: "Ordering policy",
      help: "change it in the scenario file or the wizard",
      kind: "info",
      applies: all,
      value: (k) => policyText(s, k),
    },
    {
      key: "LeadTime",
      label: "Lead time",
      help: "periods from shipment to arrival",
      kind: "input",
      applies: all,
      value: (k) => st(k).leadTime,
      validation: (k) => whole(1, transitWidth(k), "Lead time"),
      numFmt: FMT.int,
    },
    {
      key: "OrderDelay",
      label: "Order delay",
      help: "periods before the stage sees the demand placed on it",
      kind: "input",
      applies: all,
      value: (k) => st(k).orderDelay,
      validation: (k) => whole(0, downstreamWidth(k), "Order delay"),
      numFmt: FMT.int,
    },
    {
      key: "InitialInventory",
      label: "Initial inventory",
      help: "on hand before period 0",
      kind: "input",
      applies: all,
      value: (k) => st(k).initialInventory,
      validation: () => atLeast(0, "Initial inventory"),
      numFmt: FMT.asTyped,
    },
    {
      key: "InitialFlow",
      label: "Initial flow",
      help: "units per period in every in-transit slot and order slip at the start",
      kind: "input",
      applies: all,
      value: (k) => res[k].initialFlow,
      validation: () => atLeast(0, "Initial flow"),
      numFmt: FMT.asTyped,
    },
    {
      key: "HoldingCost",
      label: "Holding cost",
      help: "per unit on hand per period",
      kind: "input",
      applies: all,
      value: (k) => st(k).holdingCost,
      validation: () => atLeast(0, "Holding cost"),
      numFmt: FMT.money,
    },
    {
      key: "BacklogCost",
      label: "Backlog cost",
      help: "per unit backlogged per period",
      kind: "input",
      applies: all,
      value: (k) => st(k).backlogCost,
      validation: () => atLeast(0, "Backlog cost"),
      numFmt: FMT.money,
    },
    {
      key: "CaseSize",
      label: "Case size (order rounding)",
      help: "every order rounded up to full cases; 0 = no rounding (min-max stages: their case size B below)",
      kind: "input",
      applies: (k) => hasCaseLever(s, k),
      value: (k) => st(k).caseSize ?? 0,
      validation: () => atLeast(0, "Case size"),
      numFmt: FMT.asTyped,
    },
    {
      key: "OrderEvery",
      label: "Order every",
      help: "the stage orders in periods t with MOD(t, every) = phase",
      kind: "input",
      applies: all,
      value: (k) => st(k).orderEvery,
      validation: () => whole(1, 1000, "Order every"),
      numFmt: FMT.int,
    },
    {
      key: "OrderPhase",
      label: "Order phase",
      help: "0 .. order every - 1",
      kind: "input",
      applies: all,
      value: (k) => st(k).orderPhase,
      validation: () => whole(0, 999, "Order phase"),
      numFmt: FMT.int,
    },
    {
      key: "FixedOrderPeriods",
      label: "Fixed-order periods",
      help: "in periods t < this the stage orders exactly the initial flow",
      kind: "input",
      applies: all,
      value: (k) => st(k).fixedOrderPeriods,
      validation: () => whole(0, T, "Fixed-order periods"),
      numFmt: FMT.int,
    },
    {
      key: "GamingFactor",
      label: "Shortage gaming factor",
      help: "orders x factor while the supplier owes goods; 1 = no gaming",
      kind: "input",
      applies: (k) => !top(k),
      value: (k) => st(k).shortageGaming?.factor ?? 1,
      validation: () => atLeast(1, "Shortage gaming factor", 100),
      numFmt: FMT.asTyped,
    },
    {
      key: "VMI",
      label: "Vendor-managed inventory",
      help: "1: the supplier sees this stage's sales at once and forecasts from them",
      kind: "input",
      applies: (k) => !top(k),
      value: (k) => (st(k).vmi ? 1 : 0),
      validation: () => switch01("Vendor-managed inventory"),
      numFmt: FMT.int,
    },
    {
      key: "ForwardBuy",
      label: "Promotion forward buy",
      help: "periods of forecast bought ahead in a promotion period (flags on the stage sheet)",
      kind: "input",
      applies: (k) => st(k).promotion !== undefined,
      value: (k) => st(k).promotion?.forwardBuy ?? 0,
      validation: () => atLeast(0, "Forward buy"),
      numFmt: FMT.asTyped,
    },
    {
      key: "Window",
      label: "Forecast window",
      help: "moving average and sample sd over the last p periods",
      kind: "input",
      applies: (k) => needsWindow(s, k),
      value: (k) => outField(k, "window") ?? 1,
      validation: (k) => whole(outField(k, "sigma") === "sample" ? 2 : 1, windowWidth(k), "Forecast window"),
      numFmt: FMT.int,
    },
    {
      key: "Alpha",
      label: "Smoothing alpha",
      help: "exponential smoothing weight of the newest signal",
      kind: "input",
      applies: (k) => outField(k, "forecast") === "exp-smoothing",
      value: (k) => outField(k, "alpha") ?? 0.3,
      validation: (_k, at) => openUnit(at, "Smoothing alpha", true),
      numFmt: FMT.ratio,
    },
    {
      key: "ServiceLevel",
      label: "Service level",
      help: "cycle service level; z = NORM.S.INV(service level)",
      kind: "input",
      applies: (k) => isOut(k) || pol(k).type === "min-max",
      value: (k) => {
        const p = pol(k);
        return p.type === "order-up-to" || p.type === "min-max" ? p.serviceLevel! : 0.95;
      },
      validation: (_k, at) => openUnit(at, "Service level"),
      numFmt: FMT.ratio,
    },
    {
      key: "KnownMean",
      label: "Known demand mean",
      help: "per period; the forecast of a 'known' forecast, (s, Q), min-max and base stock",
      kind: "input",
      applies: (k) => (isOut(k) && outField(k, "forecast") === "known") || ["s-Q", "min-max", "base-stock"].includes(pol(k).type),
      value: (k) => res[k].knownMean,
      validation: () => atLeast(0, "Known mean"),
      numFmt: FMT.asTyped,
    },
    {
      key: "KnownSd",
      label: "Known demand sd",
      help: "per period",
      kind: "input",
      applies: (k) => (isOut(k) && outField(k, "sigma") === "known") || pol(k).type === "min-max",
      value: (k) => res[k].knownSd,
      validation: () => atLeast(0, "Known sd"),
      numFmt: FMT.asTyped,
    },
    {
      key: "InitialForecast",
      label: "Initial forecast",
      help: "forecast before any observation (pre-fills the window)",
      kind: "input",
      applies: (k) => (isOut(k) && (needsWindow(s, k) || outField(k, "forecast") === "exp-smoothing")) || pol(k).type === "sterman",
      value: (k) => res[k].initialForecast,
      validation: () => atLeast(0, "Initial forecast"),
      numFmt: FMT.asTyped,
    },
    {
      key: "ReorderPoint",
      label: "Reorder point s",
      help: "order when the inventory position is at or below s",
      kind: "input",
      applies: (k) => pol(k).type === "s-Q",
      value: (k) => {
        const p = pol(k);
        return p.type === "s-Q" ? p.reorderPoint : 0;
      },
      validation: () => atLeast(-1e15, "Reorder point"),
      numFmt: FMT.asTyped,
    },
    {
      key: "OrderQty",
      label: "Order quantity Q",
      help: "lot size; enough lots to bring the position above s",
      kind: "input",
      applies: (k) => pol(k).type === "s-Q",
      value: (k) => {
        const p = pol(k);
        return p.type === "s-Q" ? p.orderQty : 1;
      },
      validation: () => atLeast(1e-9, "Order quantity"),
      numFmt: FMT.asTyped,
    },
    {
      key: "MinMaxCase",
      label: "Min-max case size B",
      help: "the min-max policy orders full cases of B",
      kind: "input",
      applies: (k) => pol(k).type === "min-max",
      value: (k) => {
        const p = pol(k);
        return p.type === "min-max" ? p.caseSize! : 1;
      },
      validation: () => atLeast(1e-9, "Case size B"),
      numFmt: FMT.asTyped,
    },
    {
      key: "AlphaS",
      label: "Sterman alpha S",
      help: "fraction of the stock gap ordered each period",
      kind: "input",
      applies: (k) => pol(k).type === "sterman",
      value: (k) => {
        const p = pol(k);
        return p.type === "sterman" ? p.alphaS : 0;
      },
      validation: () => atLeast(0, "alpha S", 1),
      numFmt: FMT.ratio,
    },
    {
      key: "Beta",
      label: "Sterman beta",
      help: "weight of the supply line",
      kind: "input",
      applies: (k) => pol(k).type === "sterman",
      value: (k) => {
        const p = pol(k);
        return p.type === "sterman" ? p.beta : 0;
      },
      validation: () => atLeast(0, "beta", 1),
      numFmt: FMT.ratio,
    },
    {
      key: "Theta",
      label: "Sterman theta",
      help: "smoothing weight of the newest demand",
      kind: "input",
      applies: (k) => pol(k).type === "sterman",
      value: (k) => {
        const p = pol(k);
        return p.type === "sterman" ? p.theta : 0;
      },
      validation: () => atLeast(0, "theta", 1),
      numFmt: FMT.ratio,
    },
    {
      key: "DesiredInventory",
      label: "Sterman desired stock S'",
      help: "target effective inventory",
      kind: "input",
      applies: (k) => pol(k).type === "sterman",
      value: (k) => {
        const p = pol(k);
        return p.type === "sterman" ? p.desiredInventory : 0;
      },
      validation: () => atLeast(-1e15, "Desired stock"),
      numFmt: FMT.asTyped,
    },
    {
      key: "BaseStock",
      label: "Base-stock level",
      help: "order up to this inventory position",
      kind: "input",
      applies: (k) => pol(k).type === "base-stock",
      value: (k) => {
        const p = pol(k);
        return p.type === "base-stock" ? p.level : 0;
      },
      validation: () => atLeast(-1e15, "Base-stock level"),
      numFmt: FMT.asTyped,
    },
    // Derived parameters (src/sim/resolve.ts).
    {
      key: "VisibleAfter",
      label: "Order seen by supplier after",
      help: "0 with VMI or the outside supplier, else the supplier's order delay",
      kind: "derived",
      applies: all,
      formula: (k) => (top(k) ? "0" : `IF(${stageName("VMI", k)}=1,0,${stageName("OrderDelay", res[k].supplier)})`),
      numFmt: FMT.int,
    },
    {
      key: "Coverage",
      label: "Protection period C",
      help: "lead time + order seen after + order every - 1",
      kind: "derived",
      applies: all,
      formula: (k) => `${stageName("LeadTime", k)}+${stageName("VisibleAfter", k)}+${stageName("OrderEvery", k)}-1`,
      numFmt: FMT.int,
    },
    {
      key: "SqrtCoverage",
      label: "sqrt(C)",
      help: "",
      kind: "derived",
      applies: isOut,
      formula: (k) => `SQRT(${stageName("Coverage", k)})`,
      numFmt: FMT.ratio,
    },
    {
      key: "Z",
      label: "Safety factor z",
      help: "exactly 0 at service level 0.5",
      kind: "derived",
      applies: isOut,
      formula: (k) => `IF(${stageName("ServiceLevel", k)}=0.5,0,NORM.S.INV(${stageName("ServiceLevel", k)}))`,
      numFmt: FMT.ratio,
    },
    {
      key: "ZSqrtCoverage",
      label: "z sqrt(C)",
      help: "safety stock per unit of sigma",
      kind: "derived",
      applies: isOut,
      formula: (k) => `${stageName("Z", k)}*${stageName("SqrtCoverage", k)}`,
      numFmt: FMT.ratio,
    },
    {
      key: "MinMaxSafety",
      label: "Min-max safety stock",
      help: "z sd sqrt(C)",
      kind: "derived",
      applies: (k) => pol(k).type === "min-max",
      formula: (k) => `NORM.S.INV(${stageName("ServiceLevel", k)})*${stageName("KnownSd", k)}*SQRT(${stageName("Coverage", k)})`,
      numFmt: FMT.qty,
    },
    {
      key: "MeanOverCoverage",
      label: "Mean demand over C",
      help: "known mean x C",
      kind: "derived",
      applies: (k) => pol(k).type === "min-max",
      formula: (k) => `${stageName("KnownMean", k)}*${stageName("Coverage", k)}`,
      numFmt: FMT.qty,
    },
    {
      key: "MinMaxLower",
      label: "Min-max lower limit",
      help: "mean over C + safety stock: order when the position is at or below it",
      kind: "derived",
      applies: (k) => pol(k).type === "min-max",
      formula: (k) => `${stageName("MeanOverCoverage", k)}+${stageName("MinMaxSafety", k)}`,
      numFmt: FMT.qty,
    },
    {
      key: "MinMaxQty",
      label: "Min-max order quantity",
      help: "mean over C rounded up to full cases (1e-9 slack, as SCM.MIN_MAX)",
      kind: "derived",
      applies: (k) => pol(k).type === "min-max",
      formula: (k) => {
        const c = `${stageName("MeanOverCoverage", k)}/${stageName("MinMaxCase", k)}`;
        return `-INT(-(${c}-0.000000001*MAX(1,${c})))*${stageName("MinMaxCase", k)}`;
      },
      numFmt: FMT.qty,
    },
    {
      key: "MinMaxUpper",
      label: "Min-max upper limit",
      help: "order quantity + safety stock",
      kind: "derived",
      applies: (k) => pol(k).type === "min-max",
      formula: (k) => `${stageName("MinMaxQty", k)}+${stageName("MinMaxSafety", k)}`,
      numFmt: FMT.qty,
    },
  ];

  for (const p of rows) {
    if (!s.stages.some((_, k) => p.applies(k))) continue;
    b.value(1, row, p.label, p.kind === "derived" ? "note" : undefined);
    if (p.help) b.value(2, row, p.help, "note");
    for (let k = 0; k < K; k++) {
      if (!p.applies(k)) continue;
      const col = 3 + k;
      if (p.kind === "derived") b.formula(col, row, p.formula!(k), "computed", p.numFmt);
      else b.value(col, row, p.value!(k), p.kind === "input" ? "input" : "computed", p.numFmt);
      if (p.kind !== "info") name(col, row, stageName(p.key, k));
      if (p.validation) validate(col, row, p.validation(k, `${colLetter(col)}${row}`));
    }
    row++;
  }
  return { sheet: b.build({ freeze: { rows: headRow, cols: 2 } }), names, validations };
}
