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
import { definitionOf, type PolicyRow } from "../policies";
import { pushInputs, pushPlanOf, pushRoleText } from "../policies/push";
import { KNOWN_MEAN } from "../policies/rows";
import { customerStages, type DemandSpec, type ResolvedStage, type Scenario } from "../sim";
import type { DataValidation, NamedRange, SheetPlan } from "./plan";
import { SheetBuilder } from "./sheetBuilder";
import { FMT } from "./styles";
import type { SheetLayout } from "./layout";
import { atLeast, switch01, whole, type Validation } from "./validation";

export const INPUTS_SHEET = "Inputs";

/** Workbook name of a stage parameter (k is the 0-based stage index): SCM_LeadTime_1. */
export const stageName = (key: string, k: number): string => `SCM_${key}_${k + 1}`;
/** Workbook name of a scenario-level parameter: SCM_Warmup. */
export const scenarioName = (key: string): string => `SCM_${key}`;

interface ParamRow {
  key: string;
  label: string;
  help: string;
  kind: "input" | "derived" | "info";
  applies: (k: number) => boolean;
  value?: (k: number) => number | string;
  /** Formula of a derived row. */
  formula?: (k: number) => string;
  /** `at` is the cell the rule is written for (for self-references in a custom rule). */
  validation?: (k: number, at: string) => Validation | undefined;
  numFmt?: string;
}

function demandText(d: DemandSpec): string {
  switch (d.distribution) {
    case "normal":
      return `normal, mean ${d.mean}, sd ${d.sd}${d.truncateAtZero === false ? "" : ", negative draws set to 0"}`;
    case "poisson":
      return `Poisson, mean ${d.mean}`;
    case "step":
      return `step: ${d.before} before period ${d.at}, ${d.after} from then on${d.sd ? `, plus normal noise of sd ${d.sd} (negative draws set to 0)` : ""}`;
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
      return `step ${d.before} to ${d.after}${d.sd ? `, sd ${d.sd}` : ""}`;
    case "series":
      return `series of ${d.values.length}`;
  }
}

/**
 * Whether the stage has the case-size lever (orders rounded up to full cases). A stage whose policy
 * orders full cases already (min-max's B): it has the lever only when the scenario sets one, so
 * that its Inputs column shows one case size unless the scenario has both.
 */
export function hasCaseLever(s: Scenario, k: number): boolean {
  return !definitionOf(s.stages[k].policy).ordersCases || s.stages[k].caseSize !== undefined;
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
  const top = (k: number) => res[k].supplier < 0;

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
  const boundary = s.pushPullBoundary;
  if (serial && boundary !== undefined && boundary < K - 1) {
    scenarioRow(
      "Push-pull boundary",
      "stages above it push their forecast of end demand; it and the stages below pull (change it in the scenario file or the wizard)",
      null,
      `stage ${boundary + 1} (${st(boundary).name})`,
      "info",
    );
  }
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
  // Each stage's policy rows (src/policies), or its push plan's; the boundary of a push-pull chain has none.
  const stageRows = (k: number, which: "inputs" | "derived"): { rows: PolicyRow<never>[]; p: unknown } => {
    const r = res[k];
    if (r.pushes) {
      const plan = pushPlanOf(st(k).pushPlan);
      return { rows: which === "inputs" ? (pushInputs(plan) as PolicyRow<never>[]) : [], p: plan };
    }
    if (r.receivesPush) return { rows: which === "inputs" ? [KNOWN_MEAN as PolicyRow<never>] : [], p: null };
    const p = pol(k);
    return { rows: definitionOf(p)[which](p) as PolicyRow<never>[], p };
  };
  /** One Inputs row per key, in the order the keys first appear; each stage's cell from its own row. */
  const policyRows = (which: "inputs" | "derived"): ParamRow[] => {
    const byKey = new Map<string, Map<number, { row: PolicyRow<never>; p: unknown }>>();
    s.stages.forEach((_, k) => {
      const { rows, p } = stageRows(k, which);
      for (const row of rows) {
        const seen = byKey.get(row.key);
        const first = seen?.values().next().value?.row;
        if (first && first.label !== row.label) throw new Error(`two Inputs rows are keyed ${row.key}: ${first.label}, ${row.label}`);
        (seen ?? byKey.set(row.key, new Map()).get(row.key)!).set(k, { row, p });
      }
    });
    return [...byKey.values()].map((perStage) => {
      const first = perStage.values().next().value!.row;
      const at = (k: number) => perStage.get(k)!;
      return {
        key: first.key,
        label: first.label,
        help: first.help,
        kind: first.kind,
        applies: (k) => perStage.has(k),
        value: first.value && ((k) => at(k).row.value!(at(k).p as never, res[k])),
        formula: first.formula && ((k) => at(k).row.formula!((key) => stageName(key, k))),
        validation: (k, cell) => at(k).row.validation?.(cell, at(k).p as never, { window: windowWidth(k) }),
        numFmt: first.numFmt,
      };
    });
  };

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
      value: (k) =>
        res[k].pushes || res[k].receivesPush ? pushRoleText(res[k].pushes, res[k].supplier, top(k)) : definitionOf(pol(k)).describe(pol(k)),
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
      key: "InTransitHoldingCost",
      label: "In-transit holding cost",
      help: "per unit shipped to the stage and not yet received, per period (reported apart)",
      kind: "input",
      applies: all,
      value: (k) => st(k).inTransitHoldingCost ?? 0,
      validation: () => atLeast(0, "In-transit holding cost"),
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
    ...policyRows("inputs"),
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
    ...policyRows("derived"),
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
      const v = p.validation?.(k, `${colLetter(col)}${row}`);
      if (v) validate(col, row, v);
    }
    row++;
  }
  return { sheet: b.build({ freeze: { rows: headRow, cols: 2 } }), names, validations };
}
