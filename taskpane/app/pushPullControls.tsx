/**
 * The wizard's push-and-pull controls: the push-pull boundary (Levers step), a stage's push plan
 * (its card on the Stages step) and the push-vs-pull outcome, the scenarios side by side.
 */
import * as React from "react";
import { Field, Input, makeStyles, mergeClasses, Select, tokens } from "@fluentui/react-components";
import { FORECAST_LABELS, type FieldErrors, type WizardForm } from "../model/form";
import { formatFigure, formatShare, type SideBySide } from "../model/outcome";
import { parseBoundary, PUSH_PLAN_FIELDS, type PushPlanForm, pushRole, type PushRole } from "../model/pushPull";
import { useStyles } from "./ui";

const usePushStyles = makeStyles({
  plan: {
    display: "flex",
    flexDirection: "column",
    rowGap: "10px",
    padding: "8px 10px 10px",
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  note: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  fill: { width: "100%", minWidth: 0 },
  // Auto layout: the figures keep their width, the scenario names wrap into what is left.
  table: {
    width: "100%",
    borderCollapse: "collapse",
    margin: "6px 0 4px",
    // The message bar breaks words anywhere; the headers and names wrap between words only.
    wordBreak: "normal",
    overflowWrap: "normal",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  th: {
    textAlign: "right",
    verticalAlign: "bottom",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    padding: "0 0 4px 6px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  nameHead: { textAlign: "left", paddingLeft: 0 },
  name: { textAlign: "left", fontWeight: tokens.fontWeightRegular, padding: "3px 0", overflowWrap: "break-word", verticalAlign: "top" },
  value: { textAlign: "right", padding: "3px 0 3px 6px", fontVariantNumeric: "tabular-nums", verticalAlign: "top", whiteSpace: "nowrap" },
  best: { fontWeight: tokens.fontWeightBold },
});

/** The stage's role under the form's boundary (serial chains; a 1-N network has none). */
export function roleOf(form: WizardForm, k: number): PushRole {
  if (form.network.preset === "one-n") return "pulls";
  const b = parseBoundary(form.levers.pushPullBoundary);
  return pushRole(b !== undefined && Number.isNaN(b) ? undefined : b, form.stages.length, k);
}

/** The name of stage k, or its number. */
const nameOf = (form: WizardForm, k: number) => form.stages[k]?.name.trim() || `stage ${k + 1}`;

// ---- Levers step: the boundary --------------------------------------------------------------

export function BoundaryField(p: { form: WizardForm; errors: FieldErrors; show: boolean; set(v: string): void }) {
  const styles = useStyles();
  const serial = p.form.network.preset !== "one-n";
  const n = p.form.stages.length;
  const value = p.form.levers.pushPullBoundary;
  const message = p.show ? p.errors["levers.pushPullBoundary"] : undefined;
  const b = parseBoundary(value);
  const hint = !serial
    ? "Only for serial chains."
    : b === undefined
      ? "Every stage orders what it needs from its supplier (pull)."
      : `The stages above the boundary push: each ships its forecast of customer demand without waiting for orders (set on its card, Stages step). The boundary and the stages below it pull; batching, gaming, promotions and VMI apply to the stages below it only.`;
  // The top stage as boundary pushes nothing: offered only when a stored scenario has it.
  const stages = p.form.stages.map((_, k) => k).filter((k) => k < n - 1 || String(k) === value);
  return (
    <Field label="Push-pull boundary" hint={hint} validationState={message ? "error" : "none"} validationMessage={message}>
      <Select
        className={styles.fill}
        value={serial ? value : ""}
        disabled={!serial}
        data-field="levers.pushPullBoundary"
        onChange={(_e, d) => p.set(d.value)}
      >
        <option value="">None: every stage pulls</option>
        {serial &&
          stages.map((k) => (
            <option key={k} value={String(k)}>
              {`At ${nameOf(p.form, k)}${k === 0 ? ": pure push" : k === n - 1 ? ": nothing pushes" : ""}`}
            </option>
          ))}
      </Select>
    </Field>
  );
}

// ---- Stages step: a stage's push plan -------------------------------------------------------

/** What the card says under the policy of a stage at the boundary, or null. */
export function boundaryNote(form: WizardForm, k: number): string | null {
  if (roleOf(form, k) !== "boundary") return null;
  return `Push-pull boundary: it receives what ${nameOf(form, k + 1)} pushes and places no orders, so its ordering policy is not used; it serves ${k === 0 ? "the customers" : "the stages below"} from stock.`;
}

/** The push plan is shown on a stage that pushes, and on every upstream stage while "Push vs pull" is compared (pure push pushes them all). */
export function showsPushPlan(form: WizardForm, k: number, errors: FieldErrors, show: boolean): boolean {
  if (form.network.preset === "one-n" || k === 0) return false;
  const bad = show && Object.keys(errors).some((key) => key.startsWith(`stages.${k}.pushPlan.`));
  return roleOf(form, k) === "pushes" || form.output.compare === "pushPull" || bad;
}

export interface PushPlanProps {
  form: WizardForm;
  k: number;
  errors: FieldErrors;
  show: boolean;
  update(f: (draft: WizardForm) => void): void;
}

export function PushPlanFields(p: PushPlanProps) {
  const s = usePushStyles();
  const st = p.form.stages[p.k];
  const who = nameOf(p.form, p.k);
  const top = p.k === p.form.stages.length - 1;
  const set = (key: keyof PushPlanForm) => (v: string) => p.update((f) => void (f.stages[p.k].pushPlan[key] = v));
  const ships = `ships its forecast of customer demand to ${nameOf(p.form, p.k - 1)}${top ? " and produces as much" : ""}`;
  const note =
    roleOf(p.form, p.k) === "pushes"
      ? `This stage pushes: each period it ${ships}, without waiting for orders. Its ordering policy is not used.`
      : `Used in the push vs pull comparison, where this stage pushes: it ${ships} instead of ordering.`;
  return (
    <section className={s.plan} aria-label={`Push plan, ${who}`}>
      <h5 className={s.title}>Push plan</h5>
      <p className={s.note}>{note}</p>
      {PUSH_PLAN_FIELDS.map((f) => {
        const id = `stages.${p.k}.pushPlan.${f.key}`;
        const message = p.show ? p.errors[id] : undefined;
        const exp = st.pushPlan.forecast === "exp-smoothing";
        // The window belongs to the moving average, alpha to smoothing; either shows anyway when it holds an error.
        if ((f.key === "window" && exp && !message) || (f.key === "alpha" && !exp && !message)) return null;
        return (
          <Field key={f.key} label={f.label} hint={f.hint} validationState={message ? "error" : "none"} validationMessage={message}>
            {f.key === "forecast" ? (
              <Select
                className={s.fill}
                aria-label={`${f.label} of the push plan, ${who}`}
                value={st.pushPlan.forecast || "moving-average"}
                data-field={id}
                onChange={(_e, d) => set("forecast")(d.value)}
              >
                {["moving-average", "exp-smoothing"].map((c) => (
                  <option key={c} value={c}>
                    {FORECAST_LABELS[c]}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                className={s.fill}
                aria-label={`${f.label} of the push plan, ${who}`}
                value={st.pushPlan[f.key]}
                inputMode={f.integer ? "numeric" : "decimal"}
                data-field={id}
                onChange={(_e, d) => set(f.key)(d.value)}
              />
            )}
          </Field>
        );
      })}
    </section>
  );
}

// ---- Output: the scenarios side by side ----------------------------------------------------

/** The push-vs-pull outcome: one row per scenario, the network's four figures; the lowest cost in bold. */
export function SideBySideTable(p: { rows: SideBySide[]; customerStage: string; topStage: string }) {
  const s = usePushStyles();
  const best = p.rows.reduce((a, b) => (b.costPerPeriod < a.costPerPeriod ? b : a), p.rows[0]);
  return (
    <>
      <table className={s.table} aria-label="Push vs pull, scenarios side by side">
        <thead>
          <tr>
            <th scope="col" className={mergeClasses(s.th, s.nameHead)}>
              Scenario
            </th>
            <th scope="col" className={s.th}>
              Stock
            </th>
            <th scope="col" className={s.th}>
              Fill rate
            </th>
            <th scope="col" className={s.th}>
              Bull&shy;whip
            </th>
            <th scope="col" className={s.th}>
              Cost per period
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.label} className={r === best ? s.best : undefined}>
              <th scope="row" className={mergeClasses(s.name, r === best && s.best)}>
                {r.label}
              </th>
              <td className={s.value}>{formatFigure(r.onHand)}</td>
              <td className={s.value}>{formatShare(r.fillRate)}</td>
              <td className={s.value}>{formatFigure(r.bullwhip)}</td>
              <td className={s.value}>{formatFigure(r.costPerPeriod)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={s.note}>
        {`Stock: average units on hand, all stages. Fill rate at ${p.customerStage}, bullwhip at ${p.topStage}, cost of the whole chain. Lowest cost per period in bold: ${best.label}.`}
      </p>
    </>
  );
}
