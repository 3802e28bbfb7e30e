/**
 * The replenishment-plan wizard (ARCHITECTURE.md section 12): the planner's SKU table and its
 * columns, the policy, then Build (the plan computed in a worker, the Plan sheet written beside the
 * planner's sheets, the settings stored in the workbook). The settings a workbook holds (read by the
 * pane when it opens) are checked field by field; the table is then read again from its address.
 */
import * as React from "react";
import { Button, Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, tokens } from "@fluentui/react-components";
import { ColumnMapping, ColumnRole } from "../../src/plan/columns";
import type { FieldErrors } from "../model/form";
import { checkPolicy, defaultPolicyForm, policyToForm, PolicyForm, withHistory, withRole } from "../model/planForm";
import { mappingOnTable, readPlanSettings } from "../model/planSettings";
import { checkTable, columnLabel, proposeMapping, TableSnapshot } from "../model/planTable";
import type { LoadedPlanSettings } from "../excel/planStore";
import { readSelectedTable, readTableAt } from "../excel/tableReader";
import { BuildError, ExcelRun } from "../excel/writer";
import type { PlanRunner } from "../worker/planRunner";
import { StepNav } from "../app/stepNav";
import { useFocusFields, useKeepInView } from "../app/ui";
import { buildPlan, builtAtText, goToSheet, PlanOutcome, PlanPhase } from "./planBuild";
import { PlanResult, PolicyStep, TableStep } from "./planSteps";

const STEPS = ["Table", "Policy"] as const;

const PHASE_TEXT: Record<PlanPhase, string> = {
  reading: "Reading the table\u2026",
  computing: "Planning every SKU\u2026",
  writing: "Writing the Plan sheet\u2026",
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "12px", minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px", justifyContent: "space-between", marginTop: "4px" },
  footer: { display: "flex", flexDirection: "column", rowGap: "8px", scrollMarginBottom: "12px", scrollMarginTop: "12px" },
  progress: {
    display: "flex",
    flexDirection: "column",
    rowGap: "8px",
    padding: "10px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  list: { margin: "4px 0 0", paddingLeft: "18px" },
});

export interface PlanWizardProps {
  /** Excel.run, or null outside Excel (reading and building are then unavailable). */
  run: ExcelRun | null;
  compute: PlanRunner;
  /** Why building is not possible here (e.g. an old Excel), or null. */
  unsupported: string | null;
  /** The settings the workbook holds, as the pane read them when it opened (undefined: none, or not read yet). */
  stored?: LoadedPlanSettings;
  /** Apply the stored settings (default); off after a failure, when the wizard starts from its defaults. */
  readStored?: boolean;
}

type BuildState =
  | { kind: "idle" }
  | { kind: "running"; phase: PlanPhase; done?: number; total?: number }
  | { kind: "done"; outcome: PlanOutcome; table: TableSnapshot }
  | { kind: "failed"; message: string; removed: string[] };

interface StoredNote {
  table: string | null;
  ignored: string[];
  /** Why the stored table could not be read again, or null. */
  tableProblem: string | null;
}

export function PlanWizard(props: PlanWizardProps) {
  const styles = useStyles();
  const [step, setStep] = React.useState(1);
  const [shown, setShown] = React.useState<Set<number>>(new Set());
  const [table, setTable] = React.useState<TableSnapshot | null>(null);
  const [mapping, setMapping] = React.useState<ColumnMapping>({ roles: {} });
  const [policy, setPolicy] = React.useState<PolicyForm>(defaultPolicyForm);
  const [reading, setReading] = React.useState(false);
  const [readProblem, setReadProblem] = React.useState<string | null>(null);
  const [stored, setStored] = React.useState<StoredNote | null>(null);
  const [storedProblem, setStoredProblem] = React.useState<string | null>(null);
  const [buildState, setBuildState] = React.useState<BuildState>({ kind: "idle" });
  const [focusRequest, setFocusRequest] = React.useState<{ fields: string[]; n: number } | null>(null);
  const cancelRef = React.useRef<(() => void) | null>(null);
  const rootRef = React.useRef<HTMLDivElement>(null);
  const footerRef = React.useRef<HTMLDivElement>(null);

  // Settings stored by an earlier build (on any machine), read by the pane when it opened: the policy,
  // and the table read again from its address (unless the planner has read one meanwhile).
  const storedSettings = props.readStored === false ? undefined : props.stored;
  const tableRef = React.useRef(table);
  tableRef.current = table;
  React.useEffect(() => {
    const run = props.run;
    if (!run || !storedSettings) return;
    let live = true;
    if (storedSettings.problem) setStoredProblem(storedSettings.problem);
    if (storedSettings.raw === undefined) return;
    const s = readPlanSettings(storedSettings.raw);
    setPolicy(policyToForm(s.policy));
    const note: StoredNote = { table: s.table, ignored: [...s.ignored], tableProblem: null };
    (async () => {
      if (s.table) {
        const read = await readTableAt(run, s.table);
        if (!live || tableRef.current) return;
        if (read.ok) {
          const m = mappingOnTable(s, read.table);
          setTable(read.table);
          setMapping(m.mapping);
          if (m.changed.length > 0) note.ignored.push(`the columns for ${m.changed.join("; ")}, recognised again`);
        } else note.tableProblem = read.problem;
      }
      setStored(note);
    })().catch((e) => live && setStoredProblem(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [props.run, storedSettings]);

  const check = React.useMemo(() => (table ? checkTable(table, mapping) : null), [table, mapping]);
  const policyCheck = React.useMemo(() => checkPolicy(policy, check && check.periods > 0 ? check.periods : undefined), [policy, check]);

  const errors: FieldErrors = React.useMemo(() => {
    const e: FieldErrors = {};
    if (!table) e.table = "Select your SKU table with its header row, then press Use the selected table.";
    else if (check?.table) e.table = check.table;
    for (const m of check?.mapping ?? []) e[m.field] ??= m.message;
    for (const [k, v] of Object.entries(policyCheck.errors)) e[`policy.${k}`] = v;
    return e;
  }, [table, check, policyCheck]);
  const errorsOn = (s: number) => Object.keys(errors).filter((k) => (s === 1 ? !k.startsWith("policy.") : k.startsWith("policy.")));

  // Focus the field once it is on the page (its step may have just been shown).
  useFocusFields(focusRequest, rootRef);

  // What building says sits under the Build button: keep it in view as it changes.
  useKeepInView(footerRef, buildState.kind);

  const focusFirstError = (s: number) => {
    const first = errorsOn(s)[0];
    if (first) setFocusRequest((old) => ({ fields: [first], n: (old?.n ?? 0) + 1 }));
  };

  /** Moves to step `to`; moving forward needs the steps left behind to be valid. */
  const goTo = (to: number) => {
    for (let s = step; s < to; s++) {
      if (errorsOn(s).length > 0) {
        setShown((old) => new Set(old).add(s));
        if (s !== step) setStep(s);
        focusFirstError(s);
        return;
      }
    }
    setStep(to);
  };

  const useSelection = async () => {
    if (!props.run) return;
    setReading(true);
    try {
      const read = await readSelectedTable(props.run);
      if (!read.ok) setReadProblem(read.problem);
      else {
        setReadProblem(null);
        setTable(read.table);
        setMapping(proposeMapping(read.table));
        setBuildState({ kind: "idle" });
      }
      setShown((old) => new Set(old).add(1));
    } finally {
      setReading(false);
    }
  };

  const running = buildState.kind === "running";
  const buildBlocked = !props.run || !!props.unsupported;
  const allErrors = Object.keys(errors).length;

  const onBuild = async () => {
    if (!props.run || running) return;
    const plannedPolicy = policyCheck.policy;
    if (allErrors > 0 || !table || !plannedPolicy) {
      setShown(new Set([1, 2]));
      const first = errorsOn(1).length > 0 ? 1 : 2;
      setStep(first);
      focusFirstError(first);
      setBuildState({ kind: "idle" });
      return;
    }
    setBuildState({ kind: "running", phase: "computing" });
    try {
      const outcome = await buildPlan(
        props.run,
        props.compute,
        { table, mapping, policy: plannedPolicy, builtAt: builtAtText(new Date()) },
        {
          onPhase: (phase) => setBuildState({ kind: "running", phase }),
          onProgress: (done, total) => setBuildState({ kind: "running", phase: "computing", done, total }),
          onCancellable: (c) => (cancelRef.current = c),
        },
      );
      if (outcome.status === "built") {
        setTable(outcome.table);
        setBuildState({ kind: "done", outcome, table: outcome.table });
      } else setBuildState({ kind: "idle" });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setBuildState({ kind: "failed", message, removed: e instanceof BuildError ? e.removedSheets : [] });
    }
  };

  const goToPlan = async () => {
    if (!props.run || buildState.kind !== "done" || buildState.outcome.status !== "built") return;
    try {
      await goToSheet(props.run, buildState.outcome.planSheet.id);
    } catch (e) {
      setBuildState({
        kind: "failed",
        message: `Could not show the plan sheet: ${e instanceof Error ? e.message : String(e)}`,
        removed: [],
      });
    }
  };

  const roleColumn = (role: ColumnRole) => {
    const c = mapping.roles[role];
    return table && c !== undefined ? columnLabel(table, c) : null;
  };

  return (
    <div className={styles.root} ref={rootRef}>
      {stored && (
        <MessageBar intent={stored.ignored.length > 0 || stored.tableProblem ? "warning" : "info"} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Plan settings stored in this workbook</MessageBarTitle>
            {stored.table ? `The table ${stored.table} and the policy of the last build.` : "The policy of the last build."}
            {stored.tableProblem && <p>{stored.tableProblem}</p>}
            {stored.ignored.length > 0 && <p>{`Some were not usable and were reset: ${stored.ignored.join("; ")}.`}</p>}
          </MessageBarBody>
        </MessageBar>
      )}
      {storedProblem && (
        <MessageBar intent="warning">
          <MessageBarBody>{`The plan settings stored in this workbook could not be read (${storedProblem}); the wizard starts from its defaults.`}</MessageBarBody>
        </MessageBar>
      )}
      <StepNav
        label="Plan wizard steps"
        prefix="Plan step"
        steps={STEPS}
        step={step}
        bad={(n) => shown.has(n) && errorsOn(n).length > 0}
        goTo={goTo}
        disabled={running}
      />

      <section aria-labelledby="plan-step-heading" key={step}>
        {step === 1 ? (
          <TableStep
            table={table}
            mapping={mapping}
            check={check}
            errors={errors}
            show={shown.has(1)}
            canRead={!!props.run}
            reading={reading}
            readProblem={readProblem}
            useSelection={useSelection}
            setRole={(role, col) => setMapping((m) => withRole(m, role, col))}
            setHistory={(end, col) => setMapping((m) => withHistory(m, end, col, table?.headers.length ?? 0))}
          />
        ) : (
          <PolicyStep
            form={policy}
            errors={errors}
            show={true}
            notes={policyCheck.notes}
            serviceColumn={roleColumn("serviceLevel")}
            caseColumn={roleColumn("caseSize")}
            set={(key, value) => setPolicy((f) => ({ ...f, [key]: value }))}
          />
        )}
      </section>

      <div className={styles.footer} ref={footerRef}>
        <div className={styles.actions}>
          <Button onClick={() => setStep(step - 1)} disabled={step === 1 || running}>
            Back
          </Button>
          {step < STEPS.length ? (
            <Button appearance="primary" onClick={() => goTo(step + 1)} disabled={running}>
              Next
            </Button>
          ) : (
            <Button appearance="primary" onClick={onBuild} disabled={running || buildBlocked}>
              Build the plan
            </Button>
          )}
        </div>
        {step === STEPS.length && buildBlocked && <p role="note">{props.unsupported ?? "Open this pane in Excel to build the plan."}</p>}
        {step === STEPS.length && shown.has(2) && allErrors > 0 && buildState.kind === "idle" && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{`Correct the ${allErrors} value(s) marked in red before building. Nothing was written.`}</MessageBarBody>
          </MessageBar>
        )}
        {buildState.kind === "running" && (
          <div className={styles.progress} role="region" aria-label="Build progress">
            <Field
              label={buildState.phase === "writing" ? "Plan sheet" : "Forecasts and reorder points"}
              validationMessage={
                buildState.total
                  ? `${PHASE_TEXT[buildState.phase]} ${buildState.done ?? 0} of ${buildState.total} SKUs.`
                  : PHASE_TEXT[buildState.phase]
              }
              validationState="none"
            >
              <ProgressBar
                thickness="large"
                aria-label="Build progress"
                value={buildState.total ? (buildState.done ?? 0) / buildState.total : undefined}
              />
            </Field>
            {buildState.phase === "computing" && <Button onClick={() => cancelRef.current?.()}>Cancel</Button>}
          </div>
        )}
        {buildState.kind === "done" && buildState.outcome.status === "built" && (
          <PlanResult outcome={buildState.outcome} table={buildState.table} goToPlan={goToPlan} canGo={!!props.run} />
        )}
        {buildState.kind === "failed" && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>Build failed</MessageBarTitle>
              {buildState.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </div>
  );
}
