/**
 * The replenishment-plan wizard's settings as a workbook keeps them (taskpane/excel/planStore.ts):
 * where the planner's table is, the column mapping (each column with the header it had, so that a
 * table whose columns moved is noticed), and the policy. Read back they are untrusted, like the
 * simulation's (storedExtras.ts): every field is checked, what is not usable is reset to the wizard's
 * default and named for the planner, and the rest is kept.
 */
import { ColumnMapping, ColumnRole, COLUMN_ROLES, recogniseColumns, ROLE_LABELS } from "../../src/plan/columns";
import { DEFAULT_POLICY, OrderRule, PlanPolicy, policyProblem } from "../../src/plan/policy";
import { FORECAST_METHODS, type ForecastMethod } from "../../src/forecast/model";
import { MAX_SERVICE, MIN_SERVICE } from "./planForm";
import { parseBlockAddress, TableSnapshot } from "./planTable";

export const PLAN_SETTINGS_FORMAT = "scm-excel-addin/plan-settings";
export const PLAN_SETTINGS_VERSION = 1;

/** A column of the table with the header it had when the plan was built. */
export interface StoredColumn {
  col: number;
  header: string;
}

export interface PlanSettings {
  format: typeof PLAN_SETTINGS_FORMAT;
  version: number;
  /** The table's address, header row included ("Sheet1!A1:DJ301"). */
  table: string;
  roles: Partial<Record<ColumnRole, StoredColumn>>;
  history?: { first: StoredColumn; last: StoredColumn };
  policy: PlanPolicy;
}

/** Longer than any address Excel gives for one block (a sheet name has at most 31 characters). */
const MAX_ADDRESS = 300;
/** Excel's limit for a cell's text is 32,767; a header longer than this is not one the wizard stored. */
const MAX_HEADER = 1000;
const MAX_COLUMNS = 16384;

const headerText = (v: unknown): string => (v === null || v === undefined ? "" : String(v).trim());

/** What a build stores: the table, the mapping with its headers, the policy. */
export function planSettings(t: TableSnapshot, m: ColumnMapping, policy: PlanPolicy): PlanSettings {
  const at = (col: number): StoredColumn => ({ col, header: headerText(t.headers[col]).slice(0, MAX_HEADER) });
  const roles: PlanSettings["roles"] = {};
  for (const r of COLUMN_ROLES) if (m.roles[r] !== undefined) roles[r] = at(m.roles[r]!);
  return {
    format: PLAN_SETTINGS_FORMAT,
    version: PLAN_SETTINGS_VERSION,
    table: t.address,
    roles,
    ...(m.history && { history: { first: at(m.history.first), last: at(m.history.last) } }),
    policy: structuredClone(policy),
  };
}

/** The stored settings that are usable; `ignored` names the rest in a planner's words. */
export interface StoredPlan {
  table: string | null;
  roles: Partial<Record<ColumnRole, StoredColumn>>;
  history: { first: StoredColumn; last: StoredColumn } | null;
  policy: PlanPolicy;
  ignored: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;

function storedColumn(v: unknown): StoredColumn | null {
  if (!isObject(v)) return null;
  const { col, header } = v;
  if (!(typeof col === "number" && Number.isInteger(col) && col >= 0 && col < MAX_COLUMNS)) return null;
  if (typeof header !== "string" || header.length > MAX_HEADER) return null;
  return { col, header };
}

/** Reads settings a workbook holds (already parsed from JSON); never throws. */
export function readPlanSettings(raw: unknown): StoredPlan {
  const out: StoredPlan = { table: null, roles: {}, history: null, policy: structuredClone(DEFAULT_POLICY), ignored: [] };
  if (!isObject(raw)) {
    out.ignored.push("all of them (they are not a set of settings)");
    return out;
  }
  if (raw.format !== PLAN_SETTINGS_FORMAT || !(typeof raw.version === "number" && Number.isInteger(raw.version) && raw.version >= 1)) {
    out.ignored.push("all of them (not in the format of this add-in)");
    return out;
  }
  if (raw.version > PLAN_SETTINGS_VERSION) {
    out.ignored.push(`all of them (stored by a newer version of the add-in, settings version ${raw.version})`);
    return out;
  }
  if (has(raw, "table")) {
    const t = raw.table;
    if (typeof t === "string" && t.length <= MAX_ADDRESS && parseBlockAddress(t) !== null) out.table = t;
    else out.ignored.push("the table's address (not the address of one block of cells)");
  }
  if (has(raw, "roles")) {
    if (!isObject(raw.roles)) out.ignored.push("the table's columns (not a list of columns)");
    else {
      for (const [k, v] of Object.entries(raw.roles)) {
        if (!(COLUMN_ROLES as readonly string[]).includes(k)) {
          out.ignored.push(`a column for \u201c${k.slice(0, 40)}\u201d, which the plan does not use`);
          continue;
        }
        const c = storedColumn(v);
        if (c) out.roles[k as ColumnRole] = c;
        else out.ignored.push(`the column for ${ROLE_LABELS[k as ColumnRole]} (not a column of the table)`);
      }
    }
  }
  if (has(raw, "history")) {
    const h = raw.history;
    const first = isObject(h) ? storedColumn(h.first) : null;
    const last = isObject(h) ? storedColumn(h.last) : null;
    if (first && last && first.col <= last.col) out.history = { first, last };
    else out.ignored.push("the demand history's columns (not a first and a last column of the table)");
  }
  if (has(raw, "policy")) {
    if (!isObject(raw.policy)) out.ignored.push("the policy (not a set of values)");
    else out.policy = storedPolicy(raw.policy, out.ignored);
  }
  return out;
}

/** Each field of a stored policy checked on its own by the engine's rule (the others at their defaults). */
function storedPolicy(p: Record<string, unknown>, ignored: string[]): PlanPolicy {
  const policy = structuredClone(DEFAULT_POLICY);
  const usable = (candidate: PlanPolicy) => policyProblem(candidate) === undefined;
  if (has(p, "method")) {
    if (typeof p.method === "string" && (FORECAST_METHODS as readonly string[]).includes(p.method))
      policy.method = p.method as ForecastMethod;
    else ignored.push("the forecasting method (not one the wizard offers)");
  }
  const numbers = [
    ["seasonLength", "the season length"],
    ["reviewPeriod", "the review period"],
    ["periodsPerYear", "the periods in a year"],
  ] as const;
  for (const [k, words] of numbers) {
    if (!has(p, k)) continue;
    const v = p[k];
    if (typeof v === "number" && usable({ ...DEFAULT_POLICY, [k]: v })) policy[k] = v;
    else ignored.push(`${words} (${typeof v === "number" ? "out of range" : "not a number"})`);
  }
  if (has(p, "serviceByClass")) {
    const s = p.serviceByClass;
    for (const c of ["A", "B", "C"] as const) {
      const v = isObject(s) ? s[c] : undefined;
      if (typeof v === "number" && v >= MIN_SERVICE && v <= MAX_SERVICE) policy.serviceByClass[c] = v;
      else ignored.push(`the service level of class ${c} (not from 50% to 99.99%)`);
    }
  }
  if (has(p, "orderRule")) {
    const r = p.orderRule;
    const kind = isObject(r) ? r.kind : undefined;
    let rule: OrderRule | null = null;
    if (kind === "eoq" || kind === "eoq-cases") rule = { kind };
    else if (kind === "periods" && isObject(r) && typeof r.periods === "number") rule = { kind, periods: r.periods };
    if (rule && usable({ ...DEFAULT_POLICY, orderRule: rule })) policy.orderRule = rule;
    else ignored.push("the order quantity rule (not EOQ, EOQ in full cases, or a number of periods of supply)");
  }
  return policy;
}

/**
 * The stored mapping on the table as read today. A column is kept when it is still inside the table
 * and still has the header it had; otherwise the wizard's recognition takes that role's place and the
 * planner is told (columns moved, or the table is another one).
 */
export function mappingOnTable(stored: StoredPlan, t: TableSnapshot): { mapping: ColumnMapping; changed: string[] } {
  const proposed = recogniseColumns(t.headers, t.rows.slice(0, 20));
  const width = t.headers.length;
  const changed: string[] = [];
  const same = (c: StoredColumn) => c.col < width && headerText(t.headers[c.col]) === c.header;
  const roles: ColumnMapping["roles"] = {};
  for (const r of COLUMN_ROLES) {
    const c = stored.roles[r];
    if (c === undefined) continue;
    if (same(c)) roles[r] = c.col;
    else changed.push(`${ROLE_LABELS[r]} (\u201c${c.header.slice(0, 40)}\u201d is no longer in that column)`);
  }
  // A role that lost its column gets the recognised one, unless that column is taken.
  const taken = new Set(Object.values(roles));
  for (const r of COLUMN_ROLES) {
    const c = proposed.roles[r];
    if (roles[r] === undefined && stored.roles[r] !== undefined && c !== undefined && !taken.has(c)) {
      roles[r] = c;
      taken.add(c);
    }
  }
  let history = proposed.history;
  if (stored.history) {
    if (same(stored.history.first) && same(stored.history.last))
      history = { first: stored.history.first.col, last: stored.history.last.col };
    else changed.push("the demand history (its first or last period is no longer in the same column)");
  }
  // Roles the planner had left empty stay empty; with nothing stored, the proposal stands.
  const anyStored = Object.keys(stored.roles).length > 0;
  return { mapping: { roles: anyStored ? roles : proposed.roles, history }, changed };
}
