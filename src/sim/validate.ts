/**
 * Scenario validation: the published JSON Schema (scenario.schema.json, through ajv), then the
 * rules a schema cannot express, then defaults. Every message names the field path and the rule.
 */
import Ajv, { ErrorObject } from "ajv";
import schema from "./scenario.schema.json";
import { definitionOf, normalizePolicy } from "../policies";
import { normalizeScenario } from "./normalize";
import { pushRole } from "./pushPull";
import { DemandSpec, ScenarioInput, ValidationResult } from "./types";
import { MAX_STAGE_PERIODS, runSizeProblem } from "./limits";

export const MAX_SERIAL_STAGES = 8;
export const MAX_STORES = 200;
export { MAX_STAGE_PERIODS };

// useDefaults is off: defaults are filled by normalizeScenario, in one readable place.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const schemaCheck = ajv.compile(schema);

/** instancePath "/stages/0/leadTime" -> "stages[0].leadTime". */
function fieldName(instancePath: string, child?: string): string {
  const parts = instancePath.split("/").slice(1);
  if (child !== undefined) parts.push(child);
  let out = "";
  for (const raw of parts) {
    const p = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(p)) out += `[${p}]`;
    else out += out === "" ? p : `.${p}`;
  }
  return out === "" ? "scenario" : out;
}

/** Deepest nesting of arrays and objects a scenario may have (its own is 5 levels deep). */
export const MAX_NESTING = 32;

/** True when `v` nests arrays or objects more than `max` levels deep; iterative, so any depth is safe. */
function nestedDeeperThan(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, depth] = stack.pop()!;
    if (x === null || typeof x !== "object") continue;
    if (depth >= max) return true;
    for (const child of Object.values(x)) stack.push([child, depth + 1]);
  }
  return false;
}

function show(v: unknown): string {
  if (nestedDeeperThan(v, 4)) return Array.isArray(v) ? "[...]" : "{...}"; // short, and JSON.stringify never overflows
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + "..." : s;
}

function valueAt(root: unknown, instancePath: string): unknown {
  let v: unknown = root;
  for (const raw of instancePath.split("/").slice(1)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return v;
}

function formatAjvError(e: ErrorObject, root: unknown): string | null {
  const p = e.params as Record<string, unknown>;
  const got = () => `; got ${show(valueAt(root, e.instancePath))}`;
  switch (e.keyword) {
    case "if":
      return null; // the failing "then" branch reports the real problem
    case "required":
      return `${fieldName(e.instancePath, String(p.missingProperty))} is required (required)`;
    case "additionalProperties":
      return `${fieldName(e.instancePath, String(p.additionalProperty))} is not a known field (additionalProperties)`;
    case "type":
      return `${fieldName(e.instancePath)} must be ${/^[aeiou]/.test(String(p.type)) ? "an" : "a"} ${p.type} (type)${got()}`;
    case "enum":
      return `${fieldName(e.instancePath)} must be one of ${(p.allowedValues as unknown[]).map(show).join(", ")} (enum)${got()}`;
    case "const":
      return `${fieldName(e.instancePath)} must be ${show(p.allowedValue)} (const)${got()}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `${fieldName(e.instancePath)} must be ${p.comparison} ${p.limit} (${e.keyword})${got()}`;
    case "minItems":
      return `${fieldName(e.instancePath)} must have at least ${p.limit} item(s) (minItems)`;
    case "maxItems":
      return `${fieldName(e.instancePath)} must have at most ${p.limit} item(s) (maxItems)`;
    case "minLength":
      return `${fieldName(e.instancePath)} must not be shorter than ${p.limit} character(s) (minLength)`;
    case "maxLength":
      return `${fieldName(e.instancePath)} must not be longer than ${p.limit} characters (maxLength)`;
    case "uniqueItems":
      return `${fieldName(e.instancePath)} must not repeat a value (uniqueItems): items ${p.j} and ${p.i} are equal`;
    default:
      return `${fieldName(e.instancePath)} ${e.message ?? "is invalid"} (${e.keyword})`;
  }
}

function demandRules(d: DemandSpec, field: string, periods: number, errors: string[]): void {
  if (d.distribution === "series" && d.values.length < periods) {
    errors.push(`${field}.values must have at least periods = ${periods} values (series length); got ${d.values.length}`);
  }
}

/** Rules across fields; `s` has passed the schema. */
function semanticErrors(s: ScenarioInput): string[] {
  const errors: string[] = [];
  const periods = s.periods ?? 52;
  const warmup = s.warmup ?? 0;
  const n = s.stages.length;
  const serial = s.network === "serial";
  if (warmup > periods - 2) {
    errors.push(`warmup must be at most periods - 2 = ${periods - 2} (two periods left to measure a variance); got ${warmup}`);
  }
  if (serial && n > MAX_SERIAL_STAGES) {
    errors.push(`stages must have at most ${MAX_SERIAL_STAGES} stages in a serial network (stage count); got ${n}`);
  }
  if (!serial && (n < 2 || n > MAX_STORES + 1)) {
    errors.push(`stages must hold the DC and 1 to ${MAX_STORES} stores in a distribution network (stage count); got ${n - 1} store(s)`);
  }
  if (!serial && s.allowReturns) {
    errors.push(`allowReturns must be false in a distribution network (returns are modelled for serial chains only)`);
  }
  if (periods * n > MAX_STAGE_PERIODS) {
    errors.push(`periods x stages must be at most ${MAX_STAGE_PERIODS} (run size); got ${periods * n}`);
  } else {
    const size = runSizeProblem(periods, n, s.replications ?? 1);
    if (size) errors.push(size);
  }
  demandRules(s.demand, "demand", periods, errors);
  const top = serial ? n - 1 : 0;
  const boundary = s.pushPullBoundary;
  if (boundary !== undefined && !serial) {
    errors.push(`pushPullBoundary is for serial chains only (push-pull boundary); remove it from a distribution network`);
  } else if (boundary !== undefined && boundary > n - 1) {
    errors.push(`pushPullBoundary must be a stage index from 0 to ${n - 1} (push-pull boundary); got ${boundary}`);
  }
  s.stages.forEach((st, k) => {
    const f = `stages[${k}]`;
    // Stages that push, and the boundary they push to, order nothing: the ordering levers have no order to act on.
    const pushRoleOfK = serial ? pushRole(boundary, n, k) : "pulls";
    if (pushRoleOfK !== "pulls") {
      const role =
        pushRoleOfK === "pushes" ? "pushes (it is upstream of pushPullBoundary)" : "receives what is pushed (it is the push-pull boundary)";
      const levers: [string, boolean][] = [
        ["caseSize", st.caseSize !== undefined],
        ["orderEvery", (st.orderEvery ?? 1) !== 1],
        ["fixedOrderPeriods", (st.fixedOrderPeriods ?? 0) !== 0],
        ["shortageGaming", st.shortageGaming !== undefined],
        ["promotion", st.promotion !== undefined],
        ["vmi", st.vmi === true],
        ...(pushRoleOfK === "pushes" ? ([["orderDelay", (st.orderDelay ?? 0) !== 0]] as [string, boolean][]) : []),
      ];
      for (const [lever, set] of levers) {
        if (set) errors.push(`${f}.${lever} does not apply: the stage ${role} and places no orders (push mode); remove it`);
      }
    }
    const isStore = !serial && k > 0;
    if (st.demand !== undefined) {
      if (!isStore)
        errors.push(`${f}.demand is allowed on the stores of a distribution network only (own demand); use the scenario's demand`);
      else demandRules(st.demand, `${f}.demand`, periods, errors);
    }
    if (st.vmi && k === top) {
      errors.push(`${f}.vmi must be false on the ${serial ? "last stage" : "DC"}: its supplier is outside the network (vmi)`);
    }
    if (st.shortageGaming !== undefined && k === top) {
      errors.push(
        `${f}.shortageGaming is not allowed on the ${serial ? "last stage" : "DC"}: the outermost supplier always delivers in full (shortageGaming)`,
      );
    }
    const every = st.orderEvery ?? 1;
    if ((st.orderPhase ?? 0) >= every) {
      errors.push(`${f}.orderPhase must be less than orderEvery = ${every} (orderPhase); got ${st.orderPhase}`);
    }
    if ((st.fixedOrderPeriods ?? 0) > periods) {
      errors.push(`${f}.fixedOrderPeriods must be at most periods = ${periods} (fixedOrderPeriods); got ${st.fixedOrderPeriods}`);
    }
    st.promotion?.periods.forEach((t, i) => {
      if (t >= periods) errors.push(`${f}.promotion.periods[${i}] must be less than periods = ${periods} (promotion period); got ${t}`);
    });
    const pol = normalizePolicy(st.policy);
    const bad = definitionOf(pol).check?.(pol);
    if (bad) errors.push(`${f}.policy.${bad}`);
  });
  return errors;
}

/**
 * Validates a parsed JSON document. On success returns the scenario with defaults filled in;
 * otherwise one message per problem, each naming the field and the rule.
 */
export function validateScenario(json: unknown): ValidationResult {
  // ajv and the messages recurse into the document: refuse absurd nesting first.
  if (nestedDeeperThan(json, MAX_NESTING)) {
    return {
      ok: false,
      errors: [`scenario nests arrays or objects more than ${MAX_NESTING} levels deep (nesting): a scenario needs at most 5`],
    };
  }
  if (!schemaCheck(json)) {
    const errors: string[] = [];
    for (const e of schemaCheck.errors ?? []) {
      const m = formatAjvError(e, json);
      if (m !== null && !errors.includes(m)) errors.push(m);
    }
    return { ok: false, errors };
  }
  const input = json as unknown as ScenarioInput;
  const errors = semanticErrors(input);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, scenario: normalizeScenario(input) };
}
