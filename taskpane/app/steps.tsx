/** The five steps of the wizard: network, demand, stages, levers, output. */
import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Switch,
  tokens,
} from "@fluentui/react-components";
import type { CompareKind, FieldErrors, LeverId, NetworkPreset, PolicyType, StageForm, SweepParam, WizardForm } from "../model/form";
import { FORECAST_LABELS, POLICY_FIELDS, POLICY_LABELS, STAGE_FIELD_LABELS, stageFieldLabel } from "../model/form";
import type { LeverInfo } from "../model/levers";
import { MAX_SERIAL, MAX_STORES, MIN_SERIAL, MIN_STORES } from "../model/presets";
import { PUSH_PLAN_FIELDS, type PushRole } from "../model/pushPull";
import { BoundaryField, boundaryNote, PushPlanFields, roleOf, showsPushPlan } from "./pushPullControls";
import { NumberField, StepHeading, useStyles } from "./ui";

export interface StepProps {
  form: WizardForm;
  errors: FieldErrors;
  show: boolean;
  update(f: (draft: WizardForm) => void): void;
}

// ---- 1. network -------------------------------------------------------------------------------

export function NetworkStep(p: StepProps & { choosePreset(preset: NetworkPreset, count: string): void }) {
  const styles = useStyles();
  const net = p.form.network;
  return (
    <div className={styles.stack}>
      <StepHeading id="step-heading">1. Network</StepHeading>
      <Field label="Supply chain">
        <RadioGroup
          value={net.preset}
          onChange={(_e, d) => p.choosePreset(d.value as NetworkPreset, d.value === "one-n" ? net.storeCount : net.stageCount)}
        >
          <Radio value="beer-game" label="Beer game: retailer, wholesaler, distributor, factory (Sterman's board)" />
          <Radio value="push-vs-pull" label="Push vs pull: four stages, the distributor and the factory pushing, demand stepping up" />
          <Radio value="custom-serial" label={`Serial chain of ${MIN_SERIAL} to ${MAX_SERIAL} stages`} />
          <Radio value="one-n" label="A distribution center with N stores (the 1-N case)" />
        </RadioGroup>
      </Field>
      {net.preset === "custom-serial" && (
        <NumberField
          id="network.stageCount"
          label="Number of stages"
          hint={`${MIN_SERIAL} to ${MAX_SERIAL}; stage 1 faces the customers.`}
          integer
          value={net.stageCount}
          errors={p.errors}
          show={p.show}
          onChange={(v) => p.choosePreset("custom-serial", v)}
        />
      )}
      {net.preset === "one-n" && (
        <NumberField
          id="network.storeCount"
          label="Number of stores"
          hint={`${MIN_STORES} to ${MAX_STORES} stores, each served by the DC.`}
          integer
          value={net.storeCount}
          errors={p.errors}
          show={p.show}
          onChange={(v) => p.choosePreset("one-n", v)}
        />
      )}
      <p className={styles.hint}>
        {net.preset === "beer-game"
          ? "Four stages with two-period shipping delays and Sterman's ordering rule; demand steps from 4 to 8 in period 4."
          : net.preset === "push-vs-pull"
            ? "The distributor and the factory push their forecast of customer demand, learned 2 weeks late; the wholesaler and the retailer pull. Demand steps from 100 to 120 a week in week 52, with noise. Compared as pure push, pull, pull with shared demand data and this boundary."
            : net.preset === "one-n"
              ? "The DC keeps a base stock; each store runs an (s, Q) policy. A DC short of stock rations across the stores."
              : "Each stage orders up to a level set from its forecast; change policies on the Stages step."}
      </p>
    </div>
  );
}

// ---- 2. demand --------------------------------------------------------------------------------

export function DemandStep(p: StepProps & { canReadSelection: boolean; useSelection(): void; selectionBusy: boolean }) {
  const styles = useStyles();
  const d = p.form.demand;
  const set = (k: keyof WizardForm["demand"]) => (v: string) => p.update((f) => void ((f.demand as Record<string, unknown>)[k] = v));
  const history = d.history;
  const historyError = p.show ? p.errors["demand.history"] : undefined;
  const ownDemand = p.form.stages.filter((st) => st.keep.demand !== undefined);
  return (
    <div className={styles.stack}>
      <StepHeading id="step-heading">2. Customer demand</StepHeading>
      <Field label="Demand per period">
        <RadioGroup value={d.kind} onChange={(_e, v) => p.update((f) => void (f.demand.kind = v.value as WizardForm["demand"]["kind"]))}>
          <Radio value="normal" label="Normal distribution" />
          <Radio value="poisson" label="Poisson distribution" />
          <Radio value="step" label="A step (constant, then a new level)" />
          <Radio value="history" label="My own history, from cells in the workbook" />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        {(d.kind === "normal" || d.kind === "poisson") && (
          <NumberField
            className={styles.narrowField}
            id="demand.mean"
            label="Mean"
            value={d.mean}
            onChange={set("mean")}
            errors={p.errors}
            show={p.show}
          />
        )}
        {d.kind === "normal" && (
          <NumberField
            className={styles.narrowField}
            id="demand.sd"
            label="Standard deviation"
            value={d.sd}
            onChange={set("sd")}
            errors={p.errors}
            show={p.show}
          />
        )}
        {d.kind === "step" && (
          <>
            <NumberField
              className={styles.narrowField}
              id="demand.before"
              label="Before the step"
              value={d.before}
              onChange={set("before")}
              errors={p.errors}
              show={p.show}
            />
            <NumberField
              className={styles.narrowField}
              id="demand.after"
              label="From the step on"
              value={d.after}
              onChange={set("after")}
              errors={p.errors}
              show={p.show}
            />
            <NumberField
              className={styles.narrowField}
              id="demand.at"
              label="Step in period"
              integer
              value={d.at}
              onChange={set("at")}
              errors={p.errors}
              show={p.show}
            />
            <NumberField
              className={styles.narrowField}
              id="demand.stepSd"
              label="Noise (standard deviation)"
              hint="Blank or 0: exactly the step."
              value={d.stepSd}
              onChange={set("stepSd")}
              errors={p.errors}
              show={p.show}
            />
          </>
        )}
      </div>
      {d.kind === "history" && (
        <div className={styles.group}>
          <p className={styles.hint}>Select one column or row of at least 8 numbers (one per period) in the workbook, then:</p>
          <Button onClick={p.useSelection} disabled={!p.canReadSelection || p.selectionBusy} data-field="demand.history">
            Use the selected cells
          </Button>
          {!p.canReadSelection && <p className={styles.hint}>Open this pane in Excel to read cells.</p>}
          {history && !historyError && (
            <p role="status">
              {history.values.length} periods from {history.address} (mean {mean(history.values).toFixed(2)}).
            </p>
          )}
          {historyError && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{historyError}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}
      {ownDemand.length > 0 && (
        <p className={styles.hint}>
          {`${ownDemand.length} store(s) keep their own demand from the preset (${ownDemand
            .slice(0, 3)
            .map((st) => st.name)
            .join(", ")}${ownDemand.length > 3 ? ", ..." : ""}); the demand above applies to the others.`}
        </p>
      )}
      <NumberField
        id="demand.seed"
        label="Random seed"
        hint="The same seed gives the same draws: builds are repeatable."
        integer
        value={d.seed}
        onChange={set("seed")}
        errors={p.errors}
        show={p.show}
      />
    </div>
  );
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);

// ---- 3. stages --------------------------------------------------------------------------------

// One card per stage, collapsible: the name and a one-line summary when closed, the fields stacked
// full width when open. A table does not fit a task pane 320 to 350 px wide.
const useStageStyles = makeStyles({
  tools: { display: "flex", flexWrap: "wrap", gap: "4px", alignItems: "center" },
  cards: { display: "flex", flexDirection: "column", rowGap: "8px" },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  cardBad: { border: `1px solid ${tokens.colorPaletteRedBorder2}` },
  headerButton: { paddingTop: "6px", paddingBottom: "6px", columnGap: "8px" },
  expandIcon: { flexGrow: 0, flexBasis: "auto" },
  badge: { flexShrink: 0 },
  headText: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0, textAlign: "left", rowGap: "2px" },
  stageName: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  summary: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: "anywhere",
  },
  panel: { display: "flex", flexDirection: "column", rowGap: "10px", paddingBottom: "12px", minWidth: 0 },
  fill: { width: "100%", minWidth: 0 },
  jumpList: { margin: "4px 0 0", paddingLeft: "18px" },
  jump: { textAlign: "left" },
});

/** The order of a stage's fields in its card (for "the first error"). */
const CARD_ORDER = ["name", "leadTime", "policy", "pushPlan", "initialInventory", "holdingCost", "backlogCost"];

/** The last fields of a stage card, each with its hint. */
const STOCK_AND_COST_FIELDS = [
  ["initialInventory", "Units on hand in period 0."],
  ["holdingCost", "Per unit on hand per period."],
  ["backlogCost", "Per unit backordered per period."],
] as const;

/** Sorts field keys as the page shows them: stages by position and by their place in the card; other keys keep their order. */
export function inPageOrder(form: WizardForm, keys: string[]): string[] {
  const rank = (key: string): [number, number, number] => {
    const [, idx, field, sub] = key.split(".");
    if (!key.startsWith("stages.")) return [-1, 0, 0];
    const st = form.stages[Number(idx)];
    const param =
      field === "policy" && st
        ? POLICY_FIELDS[st.policy].findIndex((f) => f.key === sub)
        : field === "pushPlan"
          ? PUSH_PLAN_FIELDS.findIndex((f) => f.key === sub)
          : 0;
    return [Number(idx), CARD_ORDER.indexOf(field), param];
  };
  return keys
    .map((k, i) => ({ k, i, r: rank(k) }))
    .sort((a, b) => (a.r[0] === -1 || b.r[0] === -1 ? a.i - b.i : a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2] || a.i - b.i))
    .map((x) => x.k);
}

/**
 * "Sterman (beer game) · lead time 2 periods": what a closed card says about its stage. A stage that
 * pushes, or the push-pull boundary, places no orders: its role stands in for its policy.
 */
export function stageSummary(st: StageForm, role: PushRole = "pulls"): string {
  const lt = st.leadTime.trim();
  const lead = lt === "" ? "no lead time" : `lead time ${lt} ${lt === "1" ? "period" : "periods"}`;
  const how = role === "pushes" ? "pushes its forecast" : role === "boundary" ? "push-pull boundary" : POLICY_LABELS[st.policy];
  return `${how} \u00b7 ${lead}`;
}

interface StageFieldProps {
  id: string;
  label: string;
  /** Whose field: the stage's name, for the accessible name ("Lead time (periods), Retailer"). */
  who: string;
  /** The accessible name, when not "label, who". */
  ariaLabel?: string;
  value: string;
  onChange(v: string): void;
  errors: FieldErrors;
  show: boolean;
  hint?: string;
  integer?: boolean;
}

function StageField(p: StageFieldProps) {
  const s = useStageStyles();
  const message = p.show ? p.errors[p.id] : undefined;
  return (
    <Field label={p.label} hint={p.hint} validationState={message ? "error" : "none"} validationMessage={message}>
      <Input
        className={s.fill}
        aria-label={p.ariaLabel ?? `${p.label}, ${p.who}`}
        value={p.value}
        inputMode={p.id.endsWith(".name") ? "text" : p.integer ? "numeric" : "decimal"}
        data-field={p.id}
        onChange={(_e, d) => p.onChange(d.value)}
      />
    </Field>
  );
}

export interface StagesStepProps extends StepProps {
  setPolicy(k: number, type: PolicyType): void;
  /** The stages whose cards are open. */
  open: number[];
  setOpen(open: number[]): void;
  /** Opens the card of a field, focuses the field and scrolls it into view. */
  focusField(field: string): void;
}

export function StagesStep(p: StagesStepProps) {
  const styles = useStyles();
  const s = useStageStyles();
  const setField = (k: number, key: keyof StageForm) => (v: string) =>
    p.update((f) => void ((f.stages[k] as unknown as Record<string, unknown>)[key] = v));
  const setParam = (k: number, key: string) => (v: string) => p.update((f) => void (f.stages[k].params[key] = v));
  const n = p.form.stages.length;
  const oneN = p.form.network.preset === "one-n";
  const stageKeys = inPageOrder(
    p.form,
    Object.keys(p.errors).filter((k) => k.startsWith("stages.")),
  );
  const errorsOf = (k: number) => (p.show ? stageKeys.filter((key) => key.startsWith(`stages.${k}.`)) : []);
  const who = (k: number) => p.form.stages[k].name.trim() || `stage ${k + 1}`;
  const allOpen = p.open.filter((k) => k < n).length === n;
  return (
    <div className={styles.stack}>
      <StepHeading id="step-heading">3. Stages</StepHeading>
      <p className={styles.hint}>
        {oneN ? "Stage 1 is the DC; the others are its stores." : "Stage 1 faces the customers; the last stage is the top supplier."} Open a
        stage to change it.
      </p>
      {p.show && stageKeys.length > 0 && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            {stageKeys.length} value{stageKeys.length > 1 ? "s need" : " needs"} correcting:
            <ul className={s.jumpList}>
              {stageKeys.slice(0, 6).map((key) => {
                const k = Number(key.split(".")[1]);
                const label = `${p.form.stages[k]?.name || `Stage ${k + 1}`}, ${stageFieldLabel(p.form, key)}`;
                return (
                  <li key={key}>
                    <Link as="button" className={s.jump} onClick={() => p.focusField(key)}>
                      {label}
                    </Link>
                    {`: ${p.errors[key]}`}
                  </li>
                );
              })}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={s.tools}>
        <Button size="small" appearance="subtle" disabled={allOpen} onClick={() => p.setOpen(p.form.stages.map((_, k) => k))}>
          Open all stages
        </Button>
        <Button size="small" appearance="subtle" disabled={p.open.length === 0} onClick={() => p.setOpen([])}>
          Close all
        </Button>
      </div>
      <Accordion
        className={s.cards}
        multiple
        collapsible
        openItems={p.open}
        onToggle={(_e, d) => p.setOpen((d.openItems as number[]).slice().sort((a, b) => a - b))}
      >
        {p.form.stages.map((st, k) => {
          const bad = errorsOf(k);
          const name = st.name.trim() || `Stage ${k + 1}`;
          const role = oneN ? (k === 0 ? "DC" : "store") : k === 0 ? "faces the customers" : k === n - 1 ? "top supplier" : "";
          return (
            <AccordionItem key={k} value={k} className={mergeClasses(s.card, bad.length > 0 && s.cardBad)} data-stage={k}>
              <AccordionHeader
                as="h4"
                expandIconPosition="end"
                button={{ className: s.headerButton }}
                expandIcon={{ className: s.expandIcon }}
              >
                <span className={s.headText}>
                  <span className={s.stageName}>{name}</span>
                  <span className={s.summary}>
                    {`${k + 1}${role && role !== name ? ` \u00b7 ${role}` : ""} \u00b7 ${stageSummary(st, roleOf(p.form, k))}`}
                  </span>
                </span>
                {bad.length > 0 && (
                  <Badge className={s.badge} color="danger" appearance="filled" shape="rounded">
                    {`${bad.length} to fix`}
                  </Badge>
                )}
              </AccordionHeader>
              <AccordionPanel collapseMotion={null}>
                <div className={s.panel} role="group" aria-label={`Stage ${k + 1}: ${name}`}>
                  <StageField
                    id={`stages.${k}.name`}
                    label={STAGE_FIELD_LABELS.name}
                    ariaLabel={`Name of stage ${k + 1}`}
                    who={who(k)}
                    value={st.name}
                    onChange={setField(k, "name")}
                    errors={p.errors}
                    show={p.show}
                  />
                  <StageField
                    id={`stages.${k}.leadTime`}
                    label={STAGE_FIELD_LABELS.leadTime}
                    who={who(k)}
                    hint="From order to delivery."
                    integer
                    value={st.leadTime}
                    onChange={setField(k, "leadTime")}
                    errors={p.errors}
                    show={p.show}
                  />
                  <Field label="Ordering policy">
                    <Select
                      className={s.fill}
                      aria-label={`Ordering policy, ${who(k)}`}
                      value={st.policy}
                      onChange={(_e, d) => p.setPolicy(k, d.value as PolicyType)}
                    >
                      {(Object.keys(POLICY_LABELS) as PolicyType[]).map((t) => (
                        <option key={t} value={t}>
                          {POLICY_LABELS[t]}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  {POLICY_FIELDS[st.policy].map((f) => {
                    const id = `stages.${k}.policy.${f.key}`;
                    // Smoothing applies to exponential smoothing only; shown anyway when it holds an error.
                    if (f.key === "alpha" && (st.params.forecast ?? "moving-average") !== "exp-smoothing" && !(p.show && p.errors[id]))
                      return null;
                    return f.choices ? (
                      <Field key={f.key} label={f.label} hint={f.hint}>
                        <Select
                          className={s.fill}
                          aria-label={`${f.label}, ${who(k)}`}
                          value={st.params[f.key] ?? f.choices[0]}
                          onChange={(_e, d) => setParam(k, f.key)(d.value)}
                        >
                          {f.choices.map((c) => (
                            <option key={c} value={c}>
                              {FORECAST_LABELS[c] ?? c}
                            </option>
                          ))}
                        </Select>
                      </Field>
                    ) : (
                      <StageField
                        key={f.key}
                        id={id}
                        label={f.label}
                        who={who(k)}
                        hint={f.hint}
                        integer={f.integer}
                        value={st.params[f.key] ?? ""}
                        onChange={setParam(k, f.key)}
                        errors={p.errors}
                        show={p.show}
                      />
                    );
                  })}
                  {boundaryNote(p.form, k) && <p className={styles.hint}>{boundaryNote(p.form, k)}</p>}
                  {showsPushPlan(p.form, k, p.errors, p.show) && (
                    <PushPlanFields form={p.form} k={k} errors={p.errors} show={p.show} update={p.update} />
                  )}
                  {STOCK_AND_COST_FIELDS.map(([key, hint]) => (
                    <StageField
                      key={key}
                      id={`stages.${k}.${key}`}
                      label={STAGE_FIELD_LABELS[key]}
                      who={who(k)}
                      hint={hint}
                      value={st[key]}
                      onChange={setField(k, key)}
                      errors={p.errors}
                      show={p.show}
                    />
                  ))}
                </div>
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
    </div>
  );
}

// ---- 4. levers --------------------------------------------------------------------------------

export function LeversStep(p: StepProps) {
  const styles = useStyles();
  const L = p.form.levers;
  const serial = p.form.network.preset !== "one-n";
  const set = (k: keyof WizardForm["levers"]) => (v: string) => p.update((f) => void ((f.levers as Record<string, unknown>)[k] = v));
  const msg = (id: string) => (p.show ? p.errors[id] : undefined);
  return (
    <div className={styles.stack}>
      <StepHeading id="step-heading">4. Bullwhip levers</StepHeading>
      <p className={styles.hint}>These set the baseline. The Output step compares the baseline with each lever changed.</p>
      <section className={styles.group} aria-labelledby="lever-push">
        <h4 id="lever-push" className={styles.groupTitle}>
          Push or pull
        </h4>
        <BoundaryField form={p.form} errors={p.errors} show={p.show} set={set("pushPullBoundary")} />
      </section>
      <section className={styles.group} aria-labelledby="lever-info">
        <h4 id="lever-info" className={styles.groupTitle}>
          Information
        </h4>
        <Switch
          label="Share customer demand with every stage"
          checked={L.informationSharing}
          onChange={(_e, d) => p.update((f) => void (f.levers.informationSharing = d.checked))}
        />
        <Field validationState={msg("levers.vmi") ? "error" : "none"} validationMessage={msg("levers.vmi")}>
          <Switch
            label={serial ? "Vendor-managed inventory at the retailer" : "Vendor-managed inventory at the stores"}
            checked={L.vmi}
            data-field="levers.vmi"
            onChange={(_e, d) => p.update((f) => void (f.levers.vmi = d.checked))}
          />
        </Field>
      </section>
      <section className={styles.group} aria-labelledby="lever-batch">
        <h4 id="lever-batch" className={styles.groupTitle}>
          Order batching
        </h4>
        <NumberField
          id="levers.caseSize"
          label="Case size"
          hint="Orders are rounded up to whole cases; blank: no rounding."
          value={L.caseSize}
          onChange={set("caseSize")}
          errors={p.errors}
          show={p.show}
        />
        <NumberField
          id="levers.orderEvery"
          label="Order interval (R periods)"
          hint="Order every R periods; blank or 1: every period."
          integer
          value={L.orderEvery}
          onChange={set("orderEvery")}
          errors={p.errors}
          show={p.show}
        />
      </section>
      <section className={styles.group} aria-labelledby="lever-gaming">
        <h4 id="lever-gaming" className={styles.groupTitle}>
          Rationing and shortage gaming
        </h4>
        <NumberField
          id="levers.gamingFactor"
          label="Order inflation while the supplier is short"
          hint="A factor of 1 or more, e.g. 1.5; blank: no gaming. A supplier short of stock rations proportionally to orders."
          value={L.gamingFactor}
          onChange={set("gamingFactor")}
          errors={p.errors}
          show={p.show}
        />
      </section>
      <section className={styles.group} aria-labelledby="lever-promo">
        <h4 id="lever-promo" className={styles.groupTitle}>
          Promotions
        </h4>
        <Field
          label="Promotion periods"
          hint="Period numbers from 0, separated by commas; blank: none."
          validationState={msg("levers.promotionPeriods") ? "error" : "none"}
          validationMessage={msg("levers.promotionPeriods")}
        >
          <Input value={L.promotionPeriods} data-field="levers.promotionPeriods" onChange={(_e, d) => set("promotionPeriods")(d.value)} />
        </Field>
        <NumberField
          id="levers.forwardBuy"
          label="Forward buy (periods of demand)"
          value={L.forwardBuy}
          onChange={set("forwardBuy")}
          errors={p.errors}
          show={p.show}
        />
      </section>
      <section className={styles.group} aria-labelledby="lever-echelon">
        <h4 id="lever-echelon" className={styles.groupTitle}>
          An echelon removed
        </h4>
        <Field
          label="Stage to remove in the comparison"
          hint={serial ? "Its downstream stage then orders from its supplier." : "Only for serial chains."}
        >
          <Select value={L.removeStage} disabled={!serial || p.form.stages.length <= 2} onChange={(_e, d) => set("removeStage")(d.value)}>
            <option value="">None</option>
            {p.form.stages.map((st, k) =>
              k === 0 ? null : (
                <option key={k} value={String(k)}>
                  {st.name || `Stage ${k + 1}`}
                </option>
              ),
            )}
          </Select>
        </Field>
      </section>
    </div>
  );
}

// ---- 5. output --------------------------------------------------------------------------------

export interface OutputStepProps extends StepProps {
  levers: LeverInfo[];
  sweepProblem: string | null;
  /** Why push vs pull cannot be compared here, or null. */
  pushPullProblem: string | null;
  /** The scenarios a push-vs-pull comparison runs (when the form is valid), in order. */
  pushPullLabels: string[] | null;
}

export function OutputStep(p: OutputStepProps) {
  const styles = useStyles();
  const o = p.form.output;
  const set = (k: keyof WizardForm["output"]) => (v: string) => p.update((f) => void ((f.output as Record<string, unknown>)[k] = v));
  const toggle = (id: LeverId, on: boolean) =>
    p.update((f) => {
      const s = new Set(f.output.levers);
      if (on) s.add(id);
      else s.delete(id);
      f.output.levers = [...s];
    });
  const msg = (id: string) => (p.show ? p.errors[id] : undefined);
  return (
    <div className={styles.stack}>
      <StepHeading id="step-heading">5. Output</StepHeading>
      <Field label="Scenario name" validationState={msg("output.name") ? "error" : "none"} validationMessage={msg("output.name")}>
        <Input value={o.name} data-field="output.name" onChange={(_e, d) => set("name")(d.value)} />
      </Field>
      <div className={styles.row}>
        <NumberField
          className={styles.narrowField}
          id="output.periods"
          label="Periods"
          integer
          value={o.periods}
          onChange={set("periods")}
          errors={p.errors}
          show={p.show}
        />
        <NumberField
          className={styles.narrowField}
          id="output.warmup"
          label="Warm-up periods"
          hint="Left out of the statistics."
          integer
          value={o.warmup}
          onChange={set("warmup")}
          errors={p.errors}
          show={p.show}
        />
        <NumberField
          className={styles.narrowField}
          id="output.replications"
          label="Replications"
          integer
          value={o.replications}
          onChange={set("replications")}
          errors={p.errors}
          show={p.show}
        />
      </div>
      <Field label="Compare" validationState={msg("output.compare") ? "error" : "none"} validationMessage={msg("output.compare")}>
        <RadioGroup value={o.compare} onChange={(_e, d) => p.update((f) => void (f.output.compare = d.value as CompareKind))}>
          <Radio value="none" label="The baseline only" />
          <Radio value="levers" label="The baseline with each lever changed" />
          <Radio value="sweep" label="A sweep of one parameter" />
          <Radio
            value="pushPull"
            label="Push vs pull: pure push, pull, pull with shared demand data, a push-pull boundary"
            disabled={!!p.pushPullProblem && o.compare !== "pushPull"}
            data-field="output.compare"
          />
        </RadioGroup>
      </Field>
      {p.pushPullProblem && o.compare !== "pushPull" && (
        <div className={`${styles.hint} ${styles.indented}`}>Push vs pull is not available: {p.pushPullProblem}.</div>
      )}
      {o.compare === "pushPull" && !p.pushPullProblem && (
        <p className={styles.hint}>
          {p.pushPullLabels
            ? `Runs ${p.pushPullLabels.length} scenarios with the same demand draws: ${p.pushPullLabels.join("; ")}. Each pushing stage uses the push plan on its card (Stages step).`
            : "Runs pure push, pull, pull with shared demand data and a push-pull boundary in the middle of the chain, once every value is valid."}
        </p>
      )}
      {o.compare === "levers" && (
        // A fieldset, not a Field: a Field gives every control inside it the same id.
        <fieldset className={styles.fieldset} aria-describedby={msg("output.levers") ? "levers-error" : undefined}>
          <legend className={styles.legend}>Levers to compare</legend>
          {p.levers.map((l) => (
            <div key={l.id}>
              <Checkbox
                label={l.label}
                checked={o.levers.includes(l.id) && !l.unavailable}
                disabled={!!l.unavailable}
                data-field={l.unavailable ? undefined : "output.levers"}
                onChange={(_e, d) => toggle(l.id, !!d.checked)}
              />
              {l.unavailable && <div className={`${styles.hint} ${styles.indented}`}>Not available: {l.unavailable}.</div>}
            </div>
          ))}
          {msg("output.levers") && (
            <div id="levers-error" role="alert" className={styles.error}>
              {msg("output.levers")}
            </div>
          )}
        </fieldset>
      )}
      {o.compare === "sweep" && (
        <div className={styles.group}>
          <Field label="Parameter (all stages)">
            <Select value={o.sweepParam} onChange={(_e, d) => p.update((f) => void (f.output.sweepParam = d.value as SweepParam))}>
              <option value="leadTime">Lead time</option>
              <option value="window">Forecast window (p periods)</option>
              <option value="caseSize">Case size</option>
            </Select>
          </Field>
          {p.sweepProblem && (
            <MessageBar intent="warning">
              <MessageBarBody>{p.sweepProblem}</MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.row}>
            <NumberField
              className={styles.narrowField}
              id="output.sweepFrom"
              label="From"
              value={o.sweepFrom}
              onChange={set("sweepFrom")}
              errors={p.errors}
              show={p.show}
            />
            <NumberField
              className={styles.narrowField}
              id="output.sweepTo"
              label="To"
              value={o.sweepTo}
              onChange={set("sweepTo")}
              errors={p.errors}
              show={p.show}
            />
            <NumberField
              className={styles.narrowField}
              id="output.sweepStep"
              label="Step"
              value={o.sweepStep}
              onChange={set("sweepStep")}
              errors={p.errors}
              show={p.show}
            />
          </div>
        </div>
      )}
    </div>
  );
}
