/** The replenishment-plan wizard's two steps (the SKU table and its columns, the policy) and its build outcome. */
import * as React from "react";
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { ColumnMapping, ColumnRole, COLUMN_ROLES, REQUIRED_ROLES, ROLE_LABELS } from "../../src/plan/columns";
import type { ForecastMethod } from "../../src/forecast/model";
import type { FieldErrors } from "../model/form";
import { METHOD_LABELS, ORDER_RULE_LABELS, OrderRuleKind, POLICY_FIELD_LABELS, PolicyForm } from "../model/planForm";
import { columnLabel, rowList, sheetRow, TableCheck, TableSnapshot } from "../model/planTable";
import { NumberField, StepHeading, useStyles } from "../app/ui";
import type { PlanOutcome } from "./planBuild";

const usePlanStyles = makeStyles({
  fill: { width: "100%", minWidth: 0 },
  columns: { display: "flex", flexDirection: "column", rowGap: "8px" },
  pair: { display: "flex", flexWrap: "wrap", columnGap: "12px", rowGap: "8px", alignItems: "flex-start" },
  half: { flex: "1 1 130px", minWidth: 0 },
  third: { flex: "1 1 80px", minWidth: 0 },
  problems: { margin: "4px 0 0", paddingLeft: "18px" },
  figures: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, max-content)",
    columnGap: "12px",
    rowGap: "2px",
    margin: "6px 0 4px",
  },
  figureName: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  figureValue: { margin: 0, fontWeight: tokens.fontWeightSemibold, textAlign: "right", fontVariantNumeric: "tabular-nums" },
  detail: { margin: "4px 0 0", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  action: { marginTop: "8px" },
});

const fmt = (n: number) => n.toLocaleString("en-US");

// ---- 1. the table -----------------------------------------------------------------------------------

export interface TableStepProps {
  table: TableSnapshot | null;
  mapping: ColumnMapping;
  check: TableCheck | null;
  errors: FieldErrors;
  /** Show "select a table" and the like (after Next or Build). */
  show: boolean;
  canRead: boolean;
  reading: boolean;
  readProblem: string | null;
  useSelection(): void;
  setRole(role: ColumnRole, col: number | null): void;
  setHistory(end: "first" | "last", col: number | null): void;
}

/** A drop-down of the table's columns for one role (or one end of the history), "None" first. */
function ColumnSelect(p: {
  id: string;
  label: string;
  hint?: string;
  table: TableSnapshot;
  value: number | undefined;
  message?: string;
  allowNone: boolean;
  onChange(col: number | null): void;
}) {
  const s = usePlanStyles();
  return (
    <Field label={p.label} hint={p.hint} validationState={p.message ? "error" : "none"} validationMessage={p.message}>
      <Select
        className={s.fill}
        value={p.value === undefined ? "" : String(p.value)}
        data-field={p.id}
        onChange={(_e, d) => p.onChange(d.value === "" ? null : Number(d.value))}
      >
        {(p.allowNone || p.value === undefined) && <option value="">{p.allowNone ? "None" : "Choose a column"}</option>}
        {p.table.headers.map((_h, c) => (
          <option key={c} value={String(c)}>
            {columnLabel(p.table, c)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function TableStep(p: TableStepProps) {
  const styles = useStyles();
  const s = usePlanStyles();
  const t = p.table;
  // Where the table is can be wrong once read (always shown); that none is read shows after Next or Build.
  const tableError = p.check?.table ?? (p.show ? p.errors.table : undefined);
  const h = p.mapping.history;
  return (
    <div className={styles.stack}>
      <StepHeading id="plan-step-heading">1. SKU table</StepHeading>
      <p className={styles.hint}>
        Select your SKU table with its header row: one row per SKU, the demand history in columns across, oldest at the left. One selected
        cell stands for the whole table of its sheet.
      </p>
      <Button appearance={t ? "secondary" : "primary"} onClick={p.useSelection} disabled={!p.canRead || p.reading} data-field="table">
        Use the selected table
      </Button>
      {!p.canRead && <p className={styles.hint}>Open this pane in Excel to read the table.</p>}
      {p.reading && <Spinner size="tiny" label="Reading the table\u2026" />}
      {(p.readProblem || tableError) && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{p.readProblem ?? tableError}</MessageBarBody>
        </MessageBar>
      )}
      {t && p.check && (
        <>
          <p role="status">
            {`${fmt(p.check.skus)} SKU${p.check.skus === 1 ? "" : "s"} and ${fmt(p.check.periods)} period${p.check.periods === 1 ? "" : "s"} of history from ${t.address}.`}
          </p>
          {p.check.mapping.length > 0 && (
            <MessageBar intent="error" role="alert" layout="multiline">
              <MessageBarBody>
                {`${p.check.mapping.length === 1 ? "One column needs" : `${p.check.mapping.length} columns need`} your choice before building:`}
                <ul className={s.problems}>
                  {p.check.mapping.map((m) => (
                    <li key={m.message}>{m.message}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          <section className={styles.group} aria-labelledby="plan-columns">
            <h4 id="plan-columns" className={styles.groupTitle}>
              Columns
            </h4>
            <p className={styles.hint}>Recognised from the headers: correct any of them here.</p>
            <div className={s.columns}>
              {COLUMN_ROLES.map((role) => (
                <ColumnSelect
                  key={role}
                  id={`role.${role}`}
                  label={`${ROLE_LABELS[role]}${REQUIRED_ROLES.includes(role) ? "" : " (optional)"}`}
                  table={t}
                  value={p.mapping.roles[role]}
                  message={p.errors[`role.${role}`]}
                  allowNone
                  onChange={(c) => p.setRole(role, c)}
                />
              ))}
            </div>
          </section>
          <section className={styles.group} aria-labelledby="plan-history">
            <h4 id="plan-history" className={styles.groupTitle}>
              Demand history
            </h4>
            <p className={styles.hint}>One column per period, oldest first; blank cells before a SKU&apos;s first sale are skipped.</p>
            <div className={s.pair}>
              <div className={s.half}>
                <ColumnSelect
                  id="history.first"
                  label="First period"
                  table={t}
                  value={h?.first}
                  message={p.errors["history.first"]}
                  allowNone={false}
                  onChange={(c) => p.setHistory("first", c)}
                />
              </div>
              <div className={s.half}>
                <ColumnSelect
                  id="history.last"
                  label="Last period"
                  table={t}
                  value={h?.last}
                  allowNone={false}
                  onChange={(c) => p.setHistory("last", c)}
                />
              </div>
            </div>
          </section>
          {p.check.badRows > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{`${fmt(p.check.badRows)} of ${fmt(p.check.skus)} SKUs cannot be planned as they are`}</MessageBarTitle>
                The plan lists them in its Problem column and plans the others. To include them:
                <ul className={s.problems}>
                  {p.check.groups.slice(0, 6).map((g) => (
                    <li key={g.reason}>{`${capital(g.reason)} (${rowList(g.rows)}): ${g.fix}.`}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
    </div>
  );
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---- 2. the policy ----------------------------------------------------------------------------------

export interface PolicyStepProps {
  form: PolicyForm;
  errors: FieldErrors;
  show: boolean;
  notes: string[];
  /** The table's service level and case size columns, in words ("Service level (column E)"), or null. */
  serviceColumn: string | null;
  caseColumn: string | null;
  set<K extends keyof PolicyForm>(key: K, value: PolicyForm[K]): void;
}

/** Every method, the automatic choice first. */
const METHODS = Object.keys(METHOD_LABELS) as ForecastMethod[];

export function PolicyStep(p: PolicyStepProps) {
  const styles = useStyles();
  const s = usePlanStyles();
  const f = p.form;
  const text = (key: Exclude<keyof PolicyForm, "method" | "orderRule">) => (v: string) => p.set(key, v);
  const num = (key: Exclude<keyof PolicyForm, "method" | "orderRule">, hint: string, integer = false, className?: string) => (
    <NumberField
      className={className}
      id={`policy.${key}`}
      label={POLICY_FIELD_LABELS[key]}
      hint={hint}
      integer={integer}
      value={f[key]}
      onChange={text(key)}
      errors={p.errors}
      show={p.show}
    />
  );
  const methodError = p.show ? p.errors["policy.method"] : undefined;
  return (
    <div className={styles.stack}>
      <StepHeading id="plan-step-heading">2. Policy</StepHeading>
      <Field
        label={POLICY_FIELD_LABELS.method}
        hint="Automatic chooses per SKU: SBA for intermittent demand, else the exponential-smoothing model with the lowest AICc."
        validationState={methodError ? "error" : "none"}
        validationMessage={methodError}
      >
        <Select
          className={s.fill}
          value={f.method}
          data-field="policy.method"
          onChange={(_e, d) => p.set("method", d.value as ForecastMethod)}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {METHOD_LABELS[m]}
            </option>
          ))}
        </Select>
      </Field>
      {num("seasonLength", "52 for weekly history, 12 for monthly, 1 for none.", true)}
      {num("periodsPerYear", "The holding rate is per year: 52 for weekly history, 12 for monthly.")}
      {num("reviewPeriod", "Periods between two planning runs (0: continuous review). Safety stock covers the lead time plus this.")}
      {p.notes.map((n) => (
        <p key={n} className={styles.hint} role="note">
          {n}
        </p>
      ))}
      <section className={styles.group} aria-labelledby="plan-service">
        <h4 id="plan-service" className={styles.groupTitle}>
          Service level by ABC class
        </h4>
        <p className={styles.hint}>
          The chance of no stock-out in a replenishment cycle, in percent. Class A holds the SKUs with 80% of the value of past demand.
        </p>
        <div className={s.pair}>
          {num("serviceA", "", false, s.third)}
          {num("serviceB", "", false, s.third)}
          {num("serviceC", "", false, s.third)}
        </div>
        <p className={styles.hint} role="note">
          {p.serviceColumn
            ? `Your table's ${p.serviceColumn} overrides these for every SKU with a value in it.`
            : "A Service level column in your table would override these for the SKUs with a value in it."}
        </p>
      </section>
      <section className={styles.group} aria-labelledby="plan-order">
        <h4 id="plan-order" className={styles.groupTitle}>
          Order quantity
        </h4>
        <RadioGroup aria-labelledby="plan-order" value={f.orderRule} onChange={(_e, d) => p.set("orderRule", d.value as OrderRuleKind)}>
          {(Object.keys(ORDER_RULE_LABELS) as OrderRuleKind[]).map((k) => (
            <Radio key={k} value={k} label={ORDER_RULE_LABELS[k]} />
          ))}
        </RadioGroup>
        {f.orderRule === "eoq-cases" && (
          <p className={styles.hint} role="note">
            {p.caseColumn
              ? `Rounded up to whole cases of your table's ${p.caseColumn}; a SKU without a case size gets the EOQ in units.`
              : "Your table has no Case size column: choose one on the Table step, or the EOQ stays in units."}
          </p>
        )}
        {f.orderRule === "periods" && num("periodsOfSupply", "One order covers this many periods of forecast demand.")}
      </section>
    </div>
  );
}

// ---- the outcome ------------------------------------------------------------------------------------

export function PlanResult(p: {
  outcome: Extract<PlanOutcome, { status: "built" }>;
  table: TableSnapshot;
  goToPlan(): void;
  canGo: boolean;
}) {
  const s = usePlanStyles();
  const { summary, problems, clashes } = p.outcome;
  return (
    <MessageBar intent="success" role="status" layout="multiline" aria-label="Plan built">
      <MessageBarBody>
        <MessageBarTitle>Plan built</MessageBarTitle>
        <dl className={s.figures} aria-label="Plan figures">
          <dt className={s.figureName}>SKUs planned</dt>
          <dd className={s.figureValue}>{`${fmt(summary.planned)} of ${fmt(summary.skus)}`}</dd>
          <dt className={s.figureName}>SKUs to order now</dt>
          <dd className={s.figureValue}>{fmt(summary.orderNow)}</dd>
          <dt className={s.figureName}>SKUs with a problem</dt>
          <dd className={s.figureValue}>{fmt(summary.problems)}</dd>
        </dl>
        {problems.length > 0 && (
          <>
            <p className={s.detail}>
              {problems.length > 5 ? "The first problems (all are in the Plan sheet's Problem column):" : "Problems:"}
            </p>
            <ul className={s.problems} aria-label="Problems">
              {problems.slice(0, 5).map((q) => (
                <li key={q.row}>{`Row ${sheetRow(p.table, q.row)}, ${q.sku}: ${q.problem}`}</li>
              ))}
            </ul>
          </>
        )}
        <p className={s.detail}>
          {`The ${p.outcome.planSheet.name} sheet holds live formulas over ${p.table.where.sheet}: paste today's on hand there and the order alerts follow.`}
        </p>
        {clashes
          .filter((c) => c.kind === "sheet")
          .map((c) => (
            <p key={c.planned} className={s.detail}>
              {`Your workbook already has a sheet named \u201c${c.planned}\u201d; the plan is on \u201c${c.used}\u201d instead.`}
            </p>
          ))}
        {p.outcome.settingsProblem && (
          <p
            className={s.detail}
          >{`The wizard's settings could not be saved in the workbook (${p.outcome.settingsProblem}); the plan is written.`}</p>
        )}
        <Button className={s.action} onClick={p.goToPlan} disabled={!p.canGo}>
          {`Go to the ${p.outcome.planSheet.name} sheet`}
        </Button>
      </MessageBarBody>
    </MessageBar>
  );
}
