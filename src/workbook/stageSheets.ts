/**
 * One sheet per stage, one row per period: the engine's period loop (src/sim/engine.ts) written as
 * native Excel formulas that read their parameters from the Inputs sheet's names.
 *
 * Each formula mirrors one line of the engine, operation for operation, so that a spreadsheet
 * computes the same IEEE doubles (up to the last bits of AVERAGE / STDEV.S, which may sum in another
 * order). Every formula refers only to its own row, the previous row, the Inputs sheet and the
 * customer-demand values: cost per cell is constant and nothing refers to a later period.
 *
 * Row FIRST_ROW + t holds period t; START_ROW holds the state before period 0.
 */
import { colLetter, onSheet } from "./a1";
import { CASE_SLACK_TEXT as SLACK } from "../policies/cases";
import { definitionOf, type SheetRefs } from "../policies";
import { pushPlanOf, pushSheet } from "../policies/push";
import { hasCaseLever, stageName as nm, scenarioName } from "./inputs";
import {
  FIRST_ROW,
  GROUP_ROW,
  HEADER_ROW,
  letter,
  NOTE_ROW,
  registerRow,
  START_ROW,
  TITLE_ROW,
  type ColumnKey,
  type Register,
  type SheetLayout,
  type StageLayout,
} from "./layout";
import type { ResolvedStage, Scenario } from "../sim";
import type { SheetPlan } from "./plan";
import { SheetBuilder } from "./sheetBuilder";
import { FMT, unitsFormat } from "./styles";

/** Header text of each series. */
export const HEADERS: Record<ColumnKey, string> = {
  period: "Period",
  customerDemand: "Customer demand",
  promotion: "Promotion (1 = yes)",
  received: "Received",
  demand: "Demand seen",
  available: "Available",
  required: "Required",
  net: "Net",
  share: "Share shipped",
  onHand: "On hand",
  backlog: "Backlog",
  shipped: "Shipped",
  filled: "Filled on time",
  signal: "Demand signal",
  forecast: "Forecast",
  sigma: "Sigma used",
  supplyLine: "Supply line",
  position: "Inventory position",
  echelonPosition: "Echelon position",
  target: "Target level",
  policyOrder: "Policy order",
  adjustedOrder: "Adjusted order",
  orders: "Order placed",
  pipeline: "Pipeline",
  inTransit: "In transit",
  visibleOrder: "Order seen by supplier",
  signalUp: "Signal to supplier",
  owedBefore: "Owed by DC (start)",
  requested: "Requested from DC",
  supplierShips: "DC ships",
  owedAfter: "Owed by DC (end)",
  supplierFilled: "DC filled on time",
};

interface Ctx {
  s: Scenario;
  res: ResolvedStage[];
  layout: SheetLayout;
  demand: Float64Array[];
}

function chainSum(parts: string[]): string {
  return parts.join("+");
}

export function buildStageSheet(ctx: Ctx, k: number): SheetPlan {
  const { s, res, layout } = ctx;
  const L = layout.stages[k];
  const r0 = res[k];
  const st = s.stages[k];
  const pol = st.policy;
  const def = definitionOf(pol);
  const plan = pushPlanOf(st.pushPlan);
  const win = (r: number) => (L.window ? `INDEX(${registerRow(L.window, r)},1):INDEX(${registerRow(L.window, r)},${n("Window")})` : "");
  const T = s.periods;
  const last = layout.lastRow;
  const b = new SheetBuilder(L.sheet, "simulation");

  const c = (key: ColumnKey, row: number) => `${letter(L, key)}${row}`;
  const other = (j: number, key: ColumnKey, row: number) => onSheet(layout.stages[j].sheet, `${letter(layout.stages[j], key)}${row}`);
  const n = (key: string) => nm(key, k);
  const col = (key: ColumnKey) => L.col[key]!;
  const has = (key: ColumnKey) => L.col[key] !== undefined;
  const down = r0.downstream;
  const supplier = r0.supplier;
  const supplierMode = supplier >= 0 ? layout.stages[supplier].mode : null;

  // Titles, groups, headers.
  const role =
    r0.demandStream >= 0 ? "faces customers" : `supplies stage${down.length > 1 ? "s" : ""} ${down.map((j) => j + 1).join(", ")}`;
  b.value(1, TITLE_ROW, `Stage ${k + 1}: ${st.name} (${role}; supplier: ${supplier < 0 ? "outside" : `stage ${supplier + 1}`})`, "title");
  b.value(
    1,
    NOTE_ROW,
    "Native formulas only, parameters from the Inputs sheet. Row 'start' is the state before period 0. Registers on the right hold lagged values: column j = j periods ago.",
    "note",
  );
  for (const key of Object.keys(L.col) as ColumnKey[]) {
    b.value(col(key), HEADER_ROW, HEADERS[key], "header");
    b.width(colLetter(col(key)), key === "period" ? 8 : 11);
  }
  const regHeaders = (reg: Register | null, title: string, firstLag: number) => {
    if (!reg) return;
    b.value(reg.first, GROUP_ROW, title, "label");
    for (let j = 0; j < reg.width; j++) {
      b.value(reg.first + j, HEADER_ROW, firstLag + j, "header", FMT.int);
      b.width(colLetter(reg.first + j), 7);
    }
  };
  regHeaders(L.transit, "Shipments to this stage, sent j periods ago", 1);
  regHeaders(L.ordersAgo, "Own orders placed j periods ago", 1);
  regHeaders(L.window, "Demand signal j periods ago (moving window)", 0);

  // Start row: the state before period 0.
  const S = START_ROW;
  b.value(col("period"), S, "start", "note");
  b.formula(col("onHand"), S, n("InitialInventory"), "computed", FMT.qty);
  b.value(col("backlog"), S, 0, "computed", FMT.qty);
  b.formula(col("orders"), S, n("InitialFlow"), "computed", FMT.qty);
  b.formula(col("pipeline"), S, `(${n("LeadTime")}+${n("VisibleAfter")})*${n("InitialFlow")}`, "computed", FMT.qty);
  if (r0.forecast === "exp-smoothing") b.formula(col("forecast"), S, n("InitialForecast"), "computed", FMT.qty);
  b.formula(col("inTransit"), S, `${n("LeadTime")}*${n("InitialFlow")}`, "computed", FMT.qty);
  if (L.mode !== "rationing" && down.length === 1) {
    // The shipment this stage sent to its one downstream stage before period 0.
    b.formula(col("shipped"), S, nm("InitialFlow", down[0]), "computed", FMT.qty);
  }
  if (has("owedAfter")) b.value(col("owedAfter"), S, 0, "computed", FMT.qty);
  if (has("supplierShips")) b.formula(col("supplierShips"), S, n("InitialFlow"), "computed", FMT.qty);
  const fillRegister = (reg: Register | null, f: string) => {
    if (!reg) return;
    for (let j = 0; j < reg.width; j++) b.formula(reg.first + j, S, f, "computed", FMT.qty);
  };
  fillRegister(L.transit, n("InitialFlow"));
  fillRegister(L.ordersAgo, n("InitialFlow"));
  fillRegister(L.window, n("InitialForecast"));

  // Where the shipments to this stage come from (read one row up by the transit register).
  const shippedToMe = (row: number): string => {
    if (supplier < 0) return c("orders", row); // the outside supplier ships every order at once
    if (supplierMode === "rationing") return c("supplierShips", row);
    return other(supplier, "shipped", row);
  };
  // The backlog the supplier owes this stage at the end of a period (shortage gaming).
  const owedToMe = (row: number): string => (supplierMode === "rationing" ? c("owedAfter", row) : other(supplier, "backlog", row));

  const demandRange = `$${letter(L, "customerDemand")}$${FIRST_ROW}:$${letter(L, "customerDemand")}$${last}`;
  const cust = r0.demandStream >= 0;
  // Whole-number customer demand (Poisson, a step, a whole history) is shown without decimals.
  const demandFmt = r0.servesStreams.every((i) => unitsFormat(ctx.demand[i]) === FMT.units) ? FMT.units : FMT.qty;

  for (let t = 0; t < T; t++) {
    const r = FIRST_ROW + t;
    const p = r - 1;
    const tt = `$A${r}`;
    const f = (key: ColumnKey, formula: string, fmt: string = FMT.qty) => b.formula(col(key), r, formula, "computed", fmt);

    b.value(col("period"), r, t, undefined, FMT.int);
    // Customer demand: values where the stage faces customers; the total it serves otherwise.
    if (cust) b.value(col("customerDemand"), r, ctx.demand[r0.demandStream][t], "value", demandFmt);
    else if (s.network === "serial") f("customerDemand", layoutRef(layout, 0, "customerDemand", r), demandFmt);
    else
      f(
        "customerDemand",
        chainSum(
          r0.servesStreams.map((i) =>
            layoutRef(
              layout,
              res.findIndex((x) => x.demandStream === i),
              "customerDemand",
              r,
            ),
          ),
        ),
        demandFmt,
      );
    if (has("promotion")) b.value(col("promotion"), r, st.promotion!.periods.includes(t) ? 1 : 0, "value", FMT.int);

    // 1. receive
    f("received", `INDEX(${registerRow(L.transit, r)},${n("LeadTime")})`);
    const x: SheetRefs = { n, cur: (key) => c(key, r), prev: (key) => c(key, p), window: win(r) };
    // 2. observe (a pushing stage: its plan)
    if (r0.pushes) f("demand", pushSheet.plan(x));
    else if (cust) f("demand", `IF(${tt}>=${n("OrderDelay")},INDEX(${demandRange},${tt}-${n("OrderDelay")}+1),${n("InitialFlow")})`);
    else f("demand", chainSum(down.map((j) => other(j, "visibleOrder", r))));
    // 3. ship
    f("available", `${c("onHand", p)}+${c("received", r)}`);
    if (L.mode === "rationing") {
      f("required", chainSum(down.map((j) => other(j, "requested", r))));
      f("share", `IF(${c("required", r)}<=${c("available", r)},1,${c("available", r)}/${c("required", r)})`, FMT.ratio);
      f("onHand", `IF(${c("share", r)}=1,${c("available", r)}-${c("required", r)},0)`);
      f("backlog", chainSum(down.map((j) => other(j, "owedAfter", r))));
      f("shipped", chainSum(down.map((j) => other(j, "supplierShips", r))));
      f("filled", chainSum(down.map((j) => other(j, "supplierFilled", r))));
    } else {
      f("required", `${c("backlog", p)}+${c("demand", r)}`);
      f("net", `${c("available", r)}-${c("required", r)}`);
      f("onHand", `IF(${c("net", r)}>0,${c("net", r)},0)`);
      if (r0.pushes) {
        // What it cannot ship of its plan is not owed.
        f("backlog", "0");
        f("shipped", `MIN(${c("available", r)},${c("demand", r)})`);
      } else {
        f("backlog", `IF(${c("net", r)}<0,-${c("net", r)},0)`);
        f("shipped", `${c("required", r)}-${c("backlog", r)}`);
      }
      const fresh = `(${c("shipped", r)}-${c("backlog", p)})`;
      f("filled", `IF(${fresh}<=0,0,IF(${fresh}<${c("demand", r)},${fresh},${c("demand", r)}))`);
    }
    // 4. forecast
    const own = cust
      ? c("demand", r)
      : L.mode === "rationing"
        ? chainSum(down.map((j) => other(j, "signalUp", r)))
        : other(down[0], "signalUp", r);
    // A pushing stage reads the customer demand where it is written as values: the retailer's sheet.
    if (r0.pushes) f("signal", pushSheet.signal(x, tt, seriesRef(layout, 0, "customerDemand")));
    else f("signal", `IF(${scenarioName("InfoSharing")}=1,${c("customerDemand", r)},${own})`);
    if (L.window) {
      b.formula(L.window.first, r, c("signal", r), "computed", FMT.qty);
      for (let j = 1; j < L.window.width; j++)
        b.formula(L.window.first + j, r, `${colLetter(L.window.first + j - 1)}${p}`, "computed", FMT.qty);
    }
    // The policy's formulas (src/policies), mirroring its engine steps; push mode's (src/policies/push.ts).
    if (r0.pushes) f("forecast", pushSheet.forecast(plan, x));
    else if (r0.receivesPush) f("forecast", n("KnownMean"));
    else f("forecast", def.sheet.forecast(pol, x));
    if (has("sigma")) f("sigma", def.sheet.sigma!(pol, x));
    // 5. order
    f("supplyLine", `${c("pipeline", p)}-${c("received", r)}`);
    f("position", `${c("onHand", r)}-${c("backlog", r)}+${c("supplyLine", r)}`);
    // Echelon position: own position + each downstream stage's echelon position after its order.
    if (has("echelonPosition"))
      f("echelonPosition", chainSum([c("position", r), ...down.map((j) => `${other(j, "echelonPosition", r)}+${other(j, "orders", r)}`)]));
    if (r0.pushes || r0.receivesPush) {
      // The top pushing stage produces its plan; a stage below a pushing one receives its shipment.
      f("target", r0.pushes ? pushSheet.plan(x) : "0");
      f("policyOrder", r0.receivesPush ? shippedToMe(r) : c("target", r));
    } else {
      f("target", def.sheet.target(pol, x));
      f("policyOrder", def.sheet.order(pol, x));
    }
    // Levers, in the engine's order: promotion, non-negativity, shortage gaming, then full cases.
    let a = c("policyOrder", r);
    if (has("promotion")) a = `IF(${c("promotion", r)}=1,${a}+${n("ForwardBuy")}*${c("forecast", r)},${a})`;
    let bq = `IF(AND(${scenarioName("AllowReturns")}=0,${a}<0),0,${a})`;
    if (supplier >= 0) bq = `IF(AND(${n("GamingFactor")}<>1,${owedToMe(p)}>0),${bq}*${n("GamingFactor")},${bq})`;
    f("adjustedOrder", bq);
    const adj = c("adjustedOrder", r);
    const cs = `${adj}/${n("CaseSize")}`;
    // Full cases: only where the stage has the case-size lever (a min-max stage orders cases of B).
    const cased = hasCaseLever(s, k)
      ? `IF(AND(${n("CaseSize")}>0,${adj}>0),-INT(-(${cs}-${SLACK}*MAX(1,ABS(${cs}))))*${n("CaseSize")},${adj})`
      : adj;
    f(
      "orders",
      `IF(${tt}<${n("FixedOrderPeriods")},${n("InitialFlow")},IF(AND(${n("OrderEvery")}>1,MOD(${tt},${n("OrderEvery")})<>${n("OrderPhase")}),0,${cased}))`,
    );
    f("pipeline", `${c("supplyLine", r)}+${c("orders", r)}`);
    // Shipped to this stage and not yet received, at the end of the period.
    f("inTransit", `${c("inTransit", p)}-${c("received", r)}+${shippedToMe(r)}`);

    // The link to an in-network supplier, seen from this side.
    if (supplier >= 0) {
      f("visibleOrder", `IF(${n("VisibleAfter")}=0,${c("orders", r)},INDEX(${registerRow(L.ordersAgo!, r)},${n("VisibleAfter")}))`);
      f("signalUp", `IF(${n("VMI")}=1,${c("demand", r)},${c("visibleOrder", r)})`);
      if (supplierMode === "rationing") {
        const share = other(supplier, "share", r);
        f("owedBefore", c("owedAfter", p));
        f("requested", `${c("owedBefore", r)}+${c("visibleOrder", r)}`);
        f("supplierShips", `IF(${share}=1,${c("requested", r)},${c("requested", r)}*${share})`);
        f("owedAfter", `${c("requested", r)}-${c("supplierShips", r)}`);
        const fresh = `(${c("supplierShips", r)}-${c("owedBefore", r)})`;
        const inc = `(${c("requested", r)}-${c("owedBefore", r)})`;
        f("supplierFilled", `IF(${fresh}<=0,0,IF(${fresh}<${inc},${fresh},${inc}))`);
      }
    }
    // Registers: lag 1 from the previous row's source, lag j from lag j - 1 one row up.
    const shiftRegister = (reg: Register | null, source: string) => {
      if (!reg) return;
      b.formula(reg.first, r, source, "computed", FMT.qty);
      for (let j = 1; j < reg.width; j++) b.formula(reg.first + j, r, `${colLetter(reg.first + j - 1)}${p}`, "computed", FMT.qty);
    };
    shiftRegister(L.transit, shippedToMe(p));
    shiftRegister(L.ordersAgo, c("orders", p));
  }
  return b.build({ freeze: { rows: HEADER_ROW, cols: 1 } });
}

function layoutRef(layout: SheetLayout, j: number, key: ColumnKey, row: number): string {
  const st: StageLayout = layout.stages[j];
  return onSheet(st.sheet, `${letter(st, key)}${row}`);
}

/** Absolute reference to a stage's series over all periods, e.g. "'1 Retailer'!$V$6:$V$57". */
export function seriesRef(layout: SheetLayout, k: number, key: ColumnKey): string {
  const st = layout.stages[k];
  const l = letter(st, key);
  return onSheet(st.sheet, `$${l}$${FIRST_ROW}:$${l}$${layout.lastRow}`);
}
