/**
 * The engine's validation messages (src/sim/validate.ts) in a planner's words. The engine names the
 * field path and the schema rule ("periods must be >= 2 (minimum); got 1"), which suits a scenario
 * file; the wizard shows the message under the field itself, so it says what to enter instead
 * ("Use at least 2 periods."). The engine is not changed: fieldOfMessage (form.ts) finds the field,
 * and plannerMessage rewrites the rest by the field's kind and the rule.
 */

/** What a wizard field holds, which decides how its limits are worded. */
export type FieldKind =
  | "periods"
  | "periodNumber"
  | "amount"
  | "cost"
  | "weight"
  | "smoothing"
  | "serviceLevel"
  | "factor"
  | "replications"
  | "seed"
  | "stageCount"
  | "storeCount"
  | "name"
  | "history"
  | "promotionPeriods"
  | "boundary"
  | "other";

const KINDS: Record<string, FieldKind> = {
  periods: "periods",
  warmup: "periods",
  leadTime: "periods",
  window: "periods",
  orderEvery: "periods",
  infoLag: "periods",
  at: "periodNumber",
  mean: "amount",
  sd: "amount",
  stepSd: "amount",
  before: "amount",
  after: "amount",
  initialInventory: "amount",
  desiredInventory: "amount",
  level: "amount",
  reorderPoint: "amount",
  orderQty: "amount",
  caseSize: "amount",
  forwardBuy: "amount",
  holdingCost: "cost",
  backlogCost: "cost",
  alphaS: "weight",
  beta: "weight",
  theta: "weight",
  alpha: "smoothing",
  serviceLevel: "serviceLevel",
  gamingFactor: "factor",
  replications: "replications",
  seed: "seed",
  stageCount: "stageCount",
  storeCount: "storeCount",
  name: "name",
  history: "history",
  promotionPeriods: "promotionPeriods",
  pushPullBoundary: "boundary",
};

/** The kind of a wizard field key ("stages.2.policy.window" -> "periods"). */
export function kindOf(field: string): FieldKind {
  return KINDS[field.split(".").at(-1) ?? ""] ?? "other";
}

const grouped = (n: number) => n.toLocaleString("en-US");
const periods = (n: number) => `${grouped(n)} ${n === 1 ? "period" : "periods"}`;

/** Parses "1e5", "100000", "100,000". */
const num = (s: string) => Number(s.replace(/,/g, ""));

type Bound = "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum";

/** A limit of a field in words: what to enter. */
function bounded(kind: FieldKind, bound: Bound, limit: number): string {
  const above = bound === "minimum" || bound === "exclusiveMinimum";
  const strict = bound.startsWith("exclusive");
  switch (kind) {
    case "periods":
      if (above) return limit === 0 && !strict ? "Use 0 or more periods." : `Use at least ${periods(strict ? limit + 1 : limit)}.`;
      return `Use at most ${periods(strict ? limit - 1 : limit)}.`;
    case "periodNumber":
      return above
        ? `Use period ${grouped(strict ? limit + 1 : limit)} or later.`
        : `Use period ${grouped(strict ? limit - 1 : limit)} or earlier.`;
    case "amount":
      if (above)
        return limit === 0
          ? strict
            ? "Use more than 0."
            : "Use 0 or more: this cannot be negative."
          : `Use ${strict ? "more than" : "at least"} ${grouped(limit)}.`;
      return `Use ${strict ? "less than" : "at most"} ${grouped(limit)}.`;
    case "cost":
      if (above && limit === 0) return "A cost cannot be negative: use 0 or more.";
      return above ? `Use a cost of at least ${grouped(limit)}.` : `Use a cost of at most ${grouped(limit)}.`;
    case "weight":
      return "Use a weight from 0 to 1, e.g. 0.3.";
    case "smoothing":
      return "Use a weight above 0 and at most 1, e.g. 0.3.";
    case "serviceLevel":
      return "Use a service level between 0 and 1, e.g. 0.95 for 95%.";
    case "factor":
      return above ? "Use a factor of 1 or more, e.g. 1.5 (1: orders are not inflated)." : `Use a factor of at most ${grouped(limit)}.`;
    case "replications":
      return above ? `Use at least ${grouped(limit)} replication${limit === 1 ? "" : "s"}.` : `Use at most ${grouped(limit)} replications.`;
    case "seed":
      return "Use a whole number from 0 to 4,294,967,295.";
    case "stageCount":
      return above ? `Use at least ${grouped(limit)} stages.` : `Use at most ${grouped(limit)} stages.`;
    case "storeCount":
      return above ? `Use at least ${grouped(limit)} store${limit === 1 ? "" : "s"}.` : `Use at most ${grouped(limit)} stores.`;
    case "history":
      return above ? "Demand cannot be negative: every value must be 0 or more." : `Every value must be at most ${grouped(limit)}.`;
    case "promotionPeriods":
      return above ? "Use period numbers from 0 on." : `Use period numbers up to ${grouped(limit)}.`;
    case "boundary":
      return "Choose a stage of the chain, or none.";
    default:
      if (above) return limit === 0 && !strict ? "Use 0 or more." : `Use ${strict ? "more than" : "at least"} ${grouped(limit)}.`;
      return `Use ${strict ? "less than" : "at most"} ${grouped(limit)}.`;
  }
}

/** The sentence for a value of the wrong type (a number expected, a name, ...). */
function typed(kind: FieldKind, type: string): string {
  if (kind === "name") return "Enter a name.";
  if (type === "integer") return "Enter a whole number.";
  if (type === "number") return "Enter a number.";
  return "Enter a valid value.";
}

/**
 * The planner's message for the engine's message `text` about wizard field `field` (text as
 * fieldOfMessage returns it: the field path removed, capitalised). Messages the wizard writes itself
 * ("Enter a number.") and texts it does not recognise are returned with the rule's name removed.
 */
export function plannerMessage(field: string, text: string): string {
  const kind = kindOf(field);
  let m: RegExpExecArray | null;

  // Schema limits: "Must be >= 2 (minimum); got 1".
  if ((m = /^Must be (>=|<=|>|<) (-?[\d.e+,]+) \((minimum|maximum|exclusiveMinimum|exclusiveMaximum)\)/.exec(text))) {
    return bounded(kind, m[3] as Bound, num(m[2]));
  }
  if ((m = /^Must be an? (\w+) \(type\)/.exec(text))) return typed(kind, m[1]);
  if (/\((enum|const)\)/.test(text)) return "Choose one of the options in the list.";
  if (/^Is required \(required\)/.test(text)) return kind === "name" ? "Enter a name." : "Enter a value.";
  if (/\(minLength\)/.test(text)) return kind === "name" ? "Enter a name." : "Enter a value.";
  if ((m = /longer than (\d+) characters \(maxLength\)/.exec(text))) return `Use at most ${m[1]} characters.`;
  if (/\(minItems\)/.test(text)) return kind === "history" ? "Select at least one value of demand." : "Enter at least one value.";
  if ((m = /at most (\d+) item\(s\) \(maxItems\)/.exec(text))) {
    return kind === "history" ? `Select at most ${grouped(num(m[1]))} values of demand.` : `Enter at most ${grouped(num(m[1]))} values.`;
  }
  if (/\(uniqueItems\)/.test(text)) return "List each period once.";
  if (/\(additionalProperties\)/.test(text)) return "The scenario holds a setting the add-in does not know; start from a preset.";

  // Rules across fields (validate.ts semanticErrors).
  if ((m = /^Must be at most periods - 2 = (-?\d+) \(two periods/.exec(text))) {
    const most = Number(m[1]);
    return most >= 0
      ? `Leave at least 2 periods to measure after the warm-up: use at most ${periods(most)} of warm-up.`
      : "Simulate at least 2 periods after the warm-up.";
  }
  if ((m = /^Must have at least periods = (\d+) values \(series length\); got (\d+)/.exec(text))) {
    return `Your history has ${periods(Number(m[2]))}; the run simulates ${periods(Number(m[1]))}. Select a longer history or simulate fewer periods.`;
  }
  if ((m = /at most (\d+) stages in a serial network \(stage count\)/.exec(text))) return `Use at most ${m[1]} stages.`;
  if ((m = /the DC and 1 to (\d+) stores in a distribution network \(stage count\)/.exec(text))) return `Use 1 to ${m[1]} stores.`;
  if ((m = /x stages must be at most ([\d,]+) \(run size\); got ([\d,]+)/.exec(text)) && !/replications/.test(text)) {
    return `Too long a run: ${grouped(num(m[2]))} stage-periods, more than the ${grouped(num(m[1]))} a run can have. Use fewer periods.`;
  }
  if ((m = /\(run size, about a minute\); got [\d,]+: (.*)$/.exec(text))) {
    return `Too large a run to simulate in about a minute: ${m[1]}.`;
  }
  if ((m = /^Must be less than orderEvery = (\d+) \(orderPhase\); got (\d+)/.exec(text))) {
    return `A stage orders in period ${m[2]} of each cycle: order at least every ${periods(Number(m[2]) + 1)}.`;
  }
  if ((m = /^Must be less than periods = (\d+) \(promotion period\); got (\d+)/.exec(text))) {
    return `Promotion period ${m[2]} is after the end of the run: use periods 0 to ${Number(m[1]) - 1}.`;
  }
  // Push mode (validate.ts): the levers of stages that place no orders, and the boundary itself.
  if (/^Does not apply: the stage (pushes|receives what is pushed)/.test(text)) {
    return "The stages at and above the push-pull boundary place no orders: leave this blank, or move the boundary.";
  }
  if (/\(push-pull boundary\)/.test(text)) {
    return /serial chains only/.test(text)
      ? "Only a serial chain has a push-pull boundary: choose none."
      : "Choose a stage of the chain, or none.";
  }
  if (/^Must be at least 2 when sigma is "sample"/.test(text)) {
    return "Use a window of at least 2 periods: the spread of demand needs two values (or a service level of 0.5).";
  }
  // Anything else: the engine's sentence without the rule's name.
  return text.replace(/\s*\([A-Za-z ,]+\)(?=[;:.]|$)/g, "").replace(/\s+$/, "");
}
