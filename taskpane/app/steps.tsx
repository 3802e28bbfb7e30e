/** The five steps of the wizard: network, demand, stages, levers, output. */
import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Switch,
  tokens,
} from "@fluentui/react-components";
import type { FieldErrors, LeverId, NetworkPreset, PolicyType, StageForm, SweepParam, WizardForm } from "../model/form";
import { POLICY_FIELDS, POLICY_LABELS } from "../model/form";
import type { LeverInfo } from "../model/levers";
import { MAX_SERIAL, MAX_STORES, MIN_SERIAL, MIN_STORES } from "../model/presets";
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
        <RadioGroup value={net.preset} onChange={(_e, d) => p.choosePreset(d.value as NetworkPreset, d.value === "one-n" ? net.storeCount : net.stageCount)}>
          <Radio value="beer-game" label="Beer game: retailer, wholesaler, distributor, factory (Sterman's board)" />
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
          <NumberField className={styles.narrowField} id="demand.mean" label="Mean" value={d.mean} onChange={set("mean")} errors={p.errors} show={p.show} />
        )}
        {d.kind === "normal" && (
          <NumberField className={styles.narrowField} id="demand.sd" label="Standard deviation" value={d.sd} onChange={set("sd")} errors={p.errors} show={p.show} />
        )}
        {d.kind === "step" && (
          <>
            <NumberField className={styles.narrowField} id="demand.before" label="Before the step" value={d.before} onChange={set("before")} errors={p.errors} show={p.show} />
            <NumberField className={styles.narrowField} id="demand.after" label="From the step on" value={d.after} onChange={set("after")} errors={p.errors} show={p.show} />
            <NumberField className={styles.narrowField} id="demand.at" label="Step in period" integer value={d.at} onChange={set("at")} errors={p.errors} show={p.show} />
          </>
        )}
      </div>
      {d.kind === "history" && (
        <div className={styles.group}>
          <p className={styles.hint}>Select one column or row of at least 8 numbers (one per period) in the workbook, then:</p>
          <Button onClick={p.useSelection} disabled={!p.canReadSelection || p.selectionBusy}>
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

const useTableStyles = makeStyles({
  scroller: {
    overflowX: "auto",
    maxWidth: "100%",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    padding: "6px 4px",
    verticalAlign: "bottom",
    backgroundColor: tokens.colorNeutralBackground3,
  },
  td: { padding: "4px", verticalAlign: "top", borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  sticky: { position: "sticky", left: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  stickyHead: { position: "sticky", left: 0, zIndex: 2, backgroundColor: tokens.colorNeutralBackground3 },
  cellInput: { width: "72px", minWidth: "72px" },
  nameInput: { width: "96px", minWidth: "96px" },
  params: { display: "flex", flexDirection: "column", rowGap: "4px", width: "140px" },
  paramLabel: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3, whiteSpace: "normal" },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase100, maxWidth: "150px", marginTop: "2px" },
});

function CellInput(props: { id: string; label: string; value: string; onChange(v: string): void; errors: FieldErrors; show: boolean; wide?: boolean }) {
  const s = useTableStyles();
  const message = props.show ? props.errors[props.id] : undefined;
  const errId = `${props.id.replace(/\./g, "-")}-error`;
  return (
    <div>
      <Input
        className={props.wide ? s.nameInput : s.cellInput}
        aria-label={props.label}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? errId : undefined}
        value={props.value}
        data-field={props.id}
        onChange={(_e, d) => props.onChange(d.value)}
      />
      {message && (
        <div id={errId} className={s.error}>
          {message}
        </div>
      )}
    </div>
  );
}

export function StagesStep(p: StepProps & { setPolicy(k: number, type: PolicyType): void }) {
  const styles = useStyles();
  const s = useTableStyles();
  const setField = (k: number, key: keyof StageForm) => (v: string) => p.update((f) => void ((f.stages[k] as unknown as Record<string, unknown>)[key] = v));
  const setParam = (k: number, key: string) => (v: string) => p.update((f) => void (f.stages[k].params[key] = v));
  const FIELD_LABELS: Record<string, string> = { name: "Name", leadTime: "Lead time", initialInventory: "Initial stock", holdingCost: "Holding cost", backlogCost: "Backlog cost" };
  // Listed above the table too: at the pane's width a message in the table may be scrolled out of view.
  const stageMessages = Object.entries(p.errors)
    .filter(([k]) => k.startsWith("stages."))
    .map(([k, m]) => {
      const [, idx, field, sub] = k.split(".");
      const st = p.form.stages[Number(idx)];
      const label = field === "policy" ? (POLICY_FIELDS[st.policy].find((f) => f.key === sub)?.label ?? sub) : (FIELD_LABELS[field] ?? field);
      return `${st.name || `Stage ${Number(idx) + 1}`}, ${label}: ${m}`;
    });
  const stageErrors = stageMessages.length;
  return (
    <div className={styles.stack}>
      <StepHeading id="step-heading">3. Stages</StepHeading>
      <p className={styles.hint}>
        Stage 1 {p.form.network.preset === "one-n" ? "is the DC; the others are stores" : "faces the customers"}. Lead time is in periods; costs are per unit per period.
        The table scrolls sideways.
      </p>
      {p.show && stageErrors > 0 && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {stageErrors} value{stageErrors > 1 ? "s need" : " needs"} correcting in the table:
            <ul className={styles.list}>
              {stageMessages.slice(0, 6).map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={s.scroller} tabIndex={0} role="region" aria-label="Stages table (scrolls sideways)">
        <table className={s.table}>
          <thead>
            <tr>
              <th className={`${s.th} ${s.stickyHead}`} scope="col">
                Stage
              </th>
              <th className={s.th} scope="col">
                Lead time
              </th>
              <th className={s.th} scope="col">
                Policy and parameters
              </th>
              <th className={s.th} scope="col">
                Initial stock
              </th>
              <th className={s.th} scope="col">
                Holding cost
              </th>
              <th className={s.th} scope="col">
                Backlog cost
              </th>
            </tr>
          </thead>
          <tbody>
            {p.form.stages.map((st, k) => {
              const who = st.name || `stage ${k + 1}`;
              return (
                <tr key={k}>
                  <th className={`${s.td} ${s.sticky}`} scope="row">
                    <CellInput id={`stages.${k}.name`} label={`Name of stage ${k + 1}`} value={st.name} onChange={setField(k, "name")} errors={p.errors} show={p.show} wide />
                  </th>
                  <td className={s.td}>
                    <CellInput id={`stages.${k}.leadTime`} label={`Lead time, ${who}`} value={st.leadTime} onChange={setField(k, "leadTime")} errors={p.errors} show={p.show} />
                  </td>
                  <td className={s.td}>
                    <div className={s.params}>
                      <Select aria-label={`Policy, ${who}`} value={st.policy} onChange={(_e, d) => p.setPolicy(k, d.value as PolicyType)}>
                        {(Object.keys(POLICY_LABELS) as PolicyType[]).map((t) => (
                          <option key={t} value={t}>
                            {POLICY_LABELS[t]}
                          </option>
                        ))}
                      </Select>
                      {POLICY_FIELDS[st.policy].map((f) =>
                        f.choices ? (
                          <Select key={f.key} aria-label={`${f.label}, ${who}`} value={st.params[f.key] ?? f.choices[0]} onChange={(_e, d) => setParam(k, f.key)(d.value)}>
                            {f.choices.map((c) => (
                              <option key={c} value={c}>
                                {c === "moving-average" ? "Moving average" : c === "exp-smoothing" ? "Exponential smoothing" : c}
                              </option>
                            ))}
                          </Select>
                        ) : (
                          <label key={f.key} className={s.paramLabel}>
                            {f.label}
                            <CellInput
                              id={`stages.${k}.policy.${f.key}`}
                              label={`${f.label}, ${who}`}
                              value={st.params[f.key] ?? ""}
                              onChange={setParam(k, f.key)}
                              errors={p.errors}
                              show={p.show}
                            />
                          </label>
                        ),
                      )}
                    </div>
                  </td>
                  <td className={s.td}>
                    <CellInput id={`stages.${k}.initialInventory`} label={`Initial stock, ${who}`} value={st.initialInventory} onChange={setField(k, "initialInventory")} errors={p.errors} show={p.show} />
                  </td>
                  <td className={s.td}>
                    <CellInput id={`stages.${k}.holdingCost`} label={`Holding cost, ${who}`} value={st.holdingCost} onChange={setField(k, "holdingCost")} errors={p.errors} show={p.show} />
                  </td>
                  <td className={s.td}>
                    <CellInput id={`stages.${k}.backlogCost`} label={`Backlog cost, ${who}`} value={st.backlogCost} onChange={setField(k, "backlogCost")} errors={p.errors} show={p.show} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
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
            onChange={(_e, d) => p.update((f) => void (f.levers.vmi = d.checked))}
          />
        </Field>
      </section>
      <section className={styles.group} aria-labelledby="lever-batch">
        <h4 id="lever-batch" className={styles.groupTitle}>
          Order batching
        </h4>
        <div className={styles.row}>
          <NumberField className={styles.narrowField} id="levers.caseSize" label="Case size" hint="Blank: no rounding." value={L.caseSize} onChange={set("caseSize")} errors={p.errors} show={p.show} />
          <NumberField className={styles.narrowField} id="levers.orderEvery" label="Order every R periods" hint="Blank or 1: every period." integer value={L.orderEvery} onChange={set("orderEvery")} errors={p.errors} show={p.show} />
        </div>
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
        <NumberField id="levers.forwardBuy" label="Forward buy (periods of demand)" value={L.forwardBuy} onChange={set("forwardBuy")} errors={p.errors} show={p.show} />
      </section>
      <section className={styles.group} aria-labelledby="lever-echelon">
        <h4 id="lever-echelon" className={styles.groupTitle}>
          An echelon removed
        </h4>
        <Field label="Stage to remove in the comparison" hint={serial ? "Its downstream stage then orders from its supplier." : "Only for serial chains."}>
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

export function OutputStep(p: StepProps & { levers: LeverInfo[]; sweepProblem: string | null }) {
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
        <NumberField className={styles.narrowField} id="output.periods" label="Periods" integer value={o.periods} onChange={set("periods")} errors={p.errors} show={p.show} />
        <NumberField className={styles.narrowField} id="output.warmup" label="Warm-up periods" hint="Left out of the statistics." integer value={o.warmup} onChange={set("warmup")} errors={p.errors} show={p.show} />
        <NumberField className={styles.narrowField} id="output.replications" label="Replications" integer value={o.replications} onChange={set("replications")} errors={p.errors} show={p.show} />
      </div>
      <Field label="Compare">
        <RadioGroup value={o.compare} onChange={(_e, d) => p.update((f) => void (f.output.compare = d.value as WizardForm["output"]["compare"]))}>
          <Radio value="none" label="The baseline only" />
          <Radio value="levers" label="The baseline with each lever changed" />
          <Radio value="sweep" label="A sweep of one parameter" />
        </RadioGroup>
      </Field>
      {o.compare === "levers" && (
        // A fieldset, not a Field: a Field gives every control inside it the same id.
        <fieldset className={styles.fieldset} aria-describedby={msg("output.levers") ? "levers-error" : undefined}>
          <legend className={styles.legend}>Levers to compare</legend>
          {p.levers.map((l) => (
            <div key={l.id}>
              <Checkbox label={l.label} checked={o.levers.includes(l.id) && !l.unavailable} disabled={!!l.unavailable} onChange={(_e, d) => toggle(l.id, !!d.checked)} />
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
              <option value="window">Forecast window p</option>
              <option value="caseSize">Case size</option>
            </Select>
          </Field>
          {p.sweepProblem && (
            <MessageBar intent="warning">
              <MessageBarBody>{p.sweepProblem}</MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.row}>
            <NumberField className={styles.narrowField} id="output.sweepFrom" label="From" value={o.sweepFrom} onChange={set("sweepFrom")} errors={p.errors} show={p.show} />
            <NumberField className={styles.narrowField} id="output.sweepTo" label="To" value={o.sweepTo} onChange={set("sweepTo")} errors={p.errors} show={p.show} />
            <NumberField className={styles.narrowField} id="output.sweepStep" label="Step" value={o.sweepStep} onChange={set("sweepStep")} errors={p.errors} show={p.show} />
          </div>
        </div>
      )}
    </div>
  );
}
