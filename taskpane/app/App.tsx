/** The wizard: five steps, then Build (workbook plan, Monte Carlo in a worker, results). */
import * as React from "react";
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  ProgressBar,
  tokens,
} from "@fluentui/react-components";
import type { ScenarioInput } from "../../src/sim/types";
import type { VariantResult } from "../excel/resultsPlan";
import { validateScenario } from "../../src/sim/validate";
import { loadStoredScenario } from "../excel/scenarioStore";
import { BuildError, ExcelRun } from "../excel/writer";
import { checkForm, FieldErrors, NetworkPreset, PolicyType, readHistory, stepOf, WizardForm } from "../model/form";
import { leverInfo, sweepApplies, variantsOf } from "../model/levers";
import {
  defaultParams,
  isFixedPreset,
  MAX_SERIAL,
  MAX_STORES,
  MIN_SERIAL,
  MIN_STORES,
  presetForm,
  presetScenario,
  resizeStages,
  scenarioToForm,
  wizardExtras,
} from "../model/presets";
import { formatFigure, Headline, headline, SideBySide, sideBySide } from "../model/outcome";
import { boundaryAfterResize, pushPullComparison, pushPullProblem } from "../model/pushPull";
import { readWizardExtras } from "../model/storedExtras";
import type { SimRunner } from "../worker/simRunner";
import { StepNav } from "./stepNav";
import { build, BuildOutcome, Phase } from "./build";
import { SideBySideTable } from "./pushPullControls";
import { DemandStep, inPageOrder, LeversStep, NetworkStep, OutputStep, StagesStep } from "./steps";
import { useFocusFields, useKeepInView } from "./ui";

const STEPS = ["Network", "Demand", "Stages", "Levers", "Output"] as const;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "12px", minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px", justifyContent: "space-between", marginTop: "4px" },
  progress: {
    display: "flex",
    flexDirection: "column",
    rowGap: "8px",
    padding: "10px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  list: { margin: "4px 0 0", paddingLeft: "18px" },
  note: { margin: "4px 0 0" },
  /** The Build button's row and what building says, together: the outcome shows beside the button. */
  footer: { display: "flex", flexDirection: "column", rowGap: "8px", scrollMarginBottom: "12px", scrollMarginTop: "12px" },
  figures: {
    display: "grid",
    gridTemplateColumns: "minmax(0, max-content) minmax(0, 1fr)",
    columnGap: "12px",
    rowGap: "2px",
    margin: "6px 0 4px",
  },
  figureName: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  figureValue: { margin: 0, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere", fontVariantNumeric: "tabular-nums" },
  /** A figure too long for the second column: its name, then the value under it. */
  figureWide: { gridColumn: "1 / -1", fontWeight: tokens.fontWeightRegular },
  detail: { margin: "4px 0 0", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface AppProps {
  /** Excel.run, or null outside Excel (Build and reading cells are then unavailable). */
  run: ExcelRun | null;
  simulate: SimRunner;
  /** Why building is not possible here (e.g. an old Excel), or null. */
  unsupported: string | null;
  /** Show the scenario stored in the workbook (default); off after a failure, when the wizard starts again from the beer game. */
  readStored?: boolean;
}

type BuildState =
  | { kind: "idle" }
  | { kind: "running"; phase: Phase; fraction: number | undefined; detail: string }
  | { kind: "done"; outcome: BuildOutcome; headline: Headline | null; compared: Compared | null }
  | { kind: "failed"; message: string; removed: string[] };

/** A push-vs-pull build's scenarios side by side, with the stages its figures are read at. */
interface Compared {
  rows: SideBySide[];
  customerStage: string;
  topStage: string;
}

export function initialForm(): WizardForm {
  return presetForm("beer-game", 4);
}

function clampCount(text: string, lo: number, hi: number): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : null;
}

export function App(props: AppProps) {
  const styles = useStyles();
  const [form, setForm] = React.useState<WizardForm>(initialForm);
  const [step, setStep] = React.useState(1);
  const [shown, setShown] = React.useState<Set<number>>(new Set());
  const [selectionProblem, setSelectionProblem] = React.useState<string | null>(null);
  const [selectionBusy, setSelectionBusy] = React.useState(false);
  const [stored, setStored] = React.useState<{ name: string; sheets: number } | null>(null);
  const [storedProblem, setStoredProblem] = React.useState<string | null>(null);
  const [storedIgnored, setStoredIgnored] = React.useState<string[]>([]);
  const [buildState, setBuildState] = React.useState<BuildState>({ kind: "idle" });
  const cancelRef = React.useRef<(() => void) | null>(null);
  /** The stage cards open on the Stages step. */
  const [openStages, setOpenStages] = React.useState<number[]>([]);
  /** Fields to focus (the first of them on the page) and scroll into view once shown (n: a new request each time). */
  const [focusRequest, setFocusRequest] = React.useState<{ fields: string[]; n: number } | null>(null);
  const footerRef = React.useRef<HTMLDivElement>(null);

  // A workbook built earlier (on any machine) carries its scenario: show it.
  const readStored = props.readStored ?? true;
  React.useEffect(() => {
    if (!props.run || !readStored) return;
    let live = true;
    loadStoredScenario(props.run)
      .then((r) => {
        if (!live) return;
        if (!r.found) {
          if (r.problem) setStoredProblem(r.problem);
          return;
        }
        const v = validateScenario(r.stored.scenario);
        if (!v.ok) {
          setStoredProblem(`the stored scenario is not valid: ${v.errors.slice(0, 3).join("; ")}`);
          return;
        }
        // The wizard settings beside it are as untrusted as the scenario: only the usable ones are applied.
        const { extras, ignored } = readWizardExtras(r.stored.wizard, v.scenario);
        setForm(scenarioToForm(v.scenario, extras));
        setStored({ name: v.scenario.name, sheets: r.stored.sheets.length });
        setStoredIgnored(ignored);
      })
      .catch((e) => live && setStoredProblem(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [props.run, readStored]);

  const update = React.useCallback((f: (draft: WizardForm) => void) => {
    setForm((old) => {
      const draft = structuredClone(old);
      f(draft);
      return draft;
    });
  }, []);

  const checked = React.useMemo(() => checkForm(form), [form]);
  const errors: FieldErrors = React.useMemo(() => {
    const e = { ...checked.fields };
    if (form.network.preset === "custom-serial" && clampCount(form.network.stageCount, MIN_SERIAL, MAX_SERIAL) === null) {
      e["network.stageCount"] = `Enter a whole number from ${MIN_SERIAL} to ${MAX_SERIAL}.`;
    }
    if (form.network.preset === "one-n" && clampCount(form.network.storeCount, MIN_STORES, MAX_STORES) === null) {
      e["network.storeCount"] = `Enter a whole number from ${MIN_STORES} to ${MAX_STORES}.`;
    }
    if (form.demand.kind === "history" && selectionProblem) e["demand.history"] = selectionProblem;
    return e;
  }, [checked, form.network, form.demand.kind, selectionProblem]);

  const errorsOn = (s: number) => Object.keys(errors).filter((k) => stepOf(k) === s);

  /** Opens the stage cards of `fields`, then focuses the first of them on the page and scrolls it into view. */
  const focusField = (...fields: string[]) => {
    const stages = fields.map((f) => /^stages\.(\d+)\./.exec(f)).filter((m) => m !== null);
    if (stages.length > 0) setOpenStages((old) => [...new Set([...old, ...stages.map((m) => Number(m[1]))])].sort((a, b) => a - b));
    setFocusRequest((old) => ({ fields, n: (old?.n ?? 0) + 1 }));
  };

  /** Focuses the first field in error on step `s`, opening every stage card that has an error. */
  const focusFirstError = (s: number) => {
    const keys = inPageOrder(form, errorsOn(s));
    if (keys.length > 0) focusField(...keys);
  };

  // After the render that shows the field (its step, its card), before the step heading's focus is seen:
  // a parent's effect runs after its children's.
  useFocusFields(focusRequest);

  // What building says sits under the Build button: keep it in view as it changes.
  useKeepInView(footerRef, buildState.kind);

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

  const choosePreset = (preset: NetworkPreset, countText: string) => {
    const serialCount = clampCount(countText, MIN_SERIAL, MAX_SERIAL);
    const storeCount = clampCount(countText, MIN_STORES, MAX_STORES);
    setSelectionProblem(null);
    setForm((old) => {
      const samePreset = old.network.preset === preset;
      const net = {
        preset,
        stageCount: preset === "custom-serial" ? countText : old.network.stageCount,
        storeCount: preset === "one-n" ? countText : old.network.storeCount,
      };
      if (samePreset && !isFixedPreset(preset)) {
        // Same kind of network, another size: keep what the user typed, add or drop stages.
        const count = preset === "one-n" ? storeCount : serialCount;
        const draft = structuredClone(old);
        draft.network = net;
        if (count !== null) {
          draft.stages = resizeStages(draft, count);
          draft.levers.pushPullBoundary = boundaryAfterResize(draft.levers.pushPullBoundary, draft.stages.length);
          // A preset's own name follows the size; a name the user typed is kept.
          const before = old.stages.length - (preset === "one-n" ? 1 : 0);
          if (draft.output.name === presetScenario(preset, before).name) draft.output.name = presetScenario(preset, count).name;
        }
        return draft;
      }
      const count = preset === "one-n" ? (storeCount ?? 20) : (serialCount ?? 4);
      const next = presetForm(preset, count);
      next.network = {
        ...net,
        stageCount: preset === "custom-serial" ? String(count) : net.stageCount,
        storeCount: preset === "one-n" ? String(count) : net.storeCount,
      };
      return next;
    });
  };

  const setPolicy = (k: number, type: PolicyType) =>
    update((f) => {
      const mean = Number(f.demand.mean) || 10;
      f.stages[k].policy = type;
      f.stages[k].params = defaultParams(type, mean);
      f.stages[k].keepPolicy = {};
    });

  const useSelection = async () => {
    if (!props.run) return;
    setSelectionBusy(true);
    try {
      const sel = await props.run(async (context) => {
        const r = context.workbook.getSelectedRange();
        r.load("values,address");
        await context.sync();
        return { values: r.values as unknown[][], address: r.address };
      });
      const h = readHistory(sel.values, sel.address);
      if ("problem" in h) {
        setSelectionProblem(h.problem);
        update((f) => void (f.demand.history = null));
      } else {
        setSelectionProblem(null);
        update((f) => {
          f.demand.history = { address: sel.address, values: h.values };
          if (Number(f.output.periods) > h.values.length || !Number.isFinite(Number(f.output.periods)))
            f.output.periods = String(h.values.length);
          if (Number(f.output.warmup) > h.values.length - 2) f.output.warmup = "0";
        });
      }
      setShown((old) => new Set(old).add(2));
    } catch (e) {
      setSelectionProblem(`Could not read the selection: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setSelectionBusy(false);
    }
  };

  const baseline: ScenarioInput | null = checked.input;
  const removeStage = form.levers.removeStage.trim() === "" ? null : Number(form.levers.removeStage);
  const levers = React.useMemo(() => {
    // The lever list reads the baseline; while the form has errors, read the last preset shape.
    const s = baseline ?? presetScenario(form.network.preset, form.stages.length - (form.network.preset === "one-n" ? 1 : 0));
    return leverInfo(s, removeStage);
  }, [baseline, removeStage, form.network.preset, form.stages.length]);
  const sweepProblem = baseline && form.output.compare === "sweep" ? sweepApplies(baseline, form.output.sweepParam) : null;
  const pushPull = React.useMemo(() => {
    const s = baseline ?? presetScenario(form.network.preset, form.stages.length - (form.network.preset === "one-n" ? 1 : 0));
    const problem = pushPullProblem(s);
    const labels = baseline && !problem && form.output.compare === "pushPull" ? pushPullComparison(baseline).map((v) => v.label) : null;
    return { problem, labels };
  }, [baseline, form.network.preset, form.stages.length, form.output.compare]);

  const running = buildState.kind === "running";
  const allErrors = Object.keys(errors).length + checked.general.length;

  const onBuild = async () => {
    if (!props.run || running) return;
    if (allErrors > 0 || !baseline || sweepProblem) {
      const all = new Set([1, 2, 3, 4, 5]);
      setShown(all);
      const firstStep = Math.min(...Object.keys(errors).map(stepOf), 5);
      setStep(firstStep);
      focusFirstError(firstStep);
      setBuildState({ kind: "idle" });
      return;
    }
    setBuildState({ kind: "running", phase: "writing", fraction: undefined, detail: "Writing the sheets\u2026" });
    // The figures for the headline: the worker's results as build() receives them.
    let results: VariantResult[] = [];
    const comparing = form.output.compare;
    const simulate: SimRunner = (req, onProgress) => {
      const running = props.simulate(req, onProgress);
      running.results.then(
        (r) => void (results = r),
        () => undefined,
      );
      return running;
    };
    try {
      const outcome = await build(
        props.run,
        simulate,
        {
          scenario: baseline,
          wizard: wizardExtras(form),
          variants: variantsOf(form, baseline),
          replications: Number(form.output.replications),
        },
        {
          onPhase: (phase) =>
            setBuildState({
              kind: "running",
              phase,
              fraction: phase === "simulating" ? 0 : undefined,
              detail:
                phase === "writing"
                  ? "Writing the sheets\u2026"
                  : phase === "simulating"
                    ? "Simulating\u2026"
                    : "Writing the results\u2026",
            }),
          onProgress: (p) =>
            setBuildState({
              kind: "running",
              phase: "simulating",
              fraction: p.fraction,
              detail: `Scenario ${p.variant + 1} of ${p.variants}: ${p.done} of ${p.total} replications`,
            }),
          onCancellable: (c) => (cancelRef.current = c),
        },
      );
      const built = outcome.status === "built";
      const stages = results[0]?.result.stages ?? [];
      const compared =
        built && comparing === "pushPull" && stages.length > 0
          ? { rows: sideBySide(results), customerStage: stages[0].name, topStage: stages[stages.length - 1].name }
          : null;
      setBuildState({ kind: "done", outcome, headline: built ? headline(results, baseline.network) : null, compared });
      setStored({ name: baseline.name, sheets: outcome.sheets.length });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setBuildState({ kind: "failed", message, removed: e instanceof BuildError ? e.removedSheets : [] });
    }
  };

  const stepProps = { form, errors, show: shown.has(step), update };
  const buildBlocked = !props.run || !!props.unsupported;

  return (
    <div className={styles.root}>
      {stored && (
        <MessageBar intent={storedIgnored.length > 0 ? "warning" : "info"}>
          <MessageBarBody>
            <MessageBarTitle>Scenario stored in this workbook</MessageBarTitle>
            {`\u201c${stored.name}\u201d. Build updates the ${stored.sheets} sheet(s) the add-in created; your other sheets are never changed.`}
            {storedIgnored.length > 0 && (
              <p className={styles.note}>
                {`Some wizard settings stored in this workbook were not usable and were reset: ${storedIgnored.join("; ")}.`}
              </p>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {storedProblem && (
        <MessageBar intent="warning">
          <MessageBarBody>{`The scenario stored in this workbook could not be read (${storedProblem}); the wizard starts from the beer game.`}</MessageBarBody>
        </MessageBar>
      )}
      <StepNav
        label="Wizard steps"
        prefix="Step"
        steps={STEPS}
        step={step}
        bad={(n) => shown.has(n) && errorsOn(n).length > 0}
        goTo={goTo}
        disabled={running}
      />

      <section aria-labelledby="step-heading" key={step}>
        {step === 1 && <NetworkStep {...stepProps} choosePreset={choosePreset} />}
        {step === 2 && (
          <DemandStep {...stepProps} canReadSelection={!!props.run} useSelection={useSelection} selectionBusy={selectionBusy} />
        )}
        {step === 3 && (
          <StagesStep {...stepProps} setPolicy={setPolicy} open={openStages} setOpen={setOpenStages} focusField={focusField} />
        )}
        {step === 4 && <LeversStep {...stepProps} />}
        {step === 5 && (
          <OutputStep
            {...stepProps}
            levers={levers}
            sweepProblem={sweepProblem}
            pushPullProblem={pushPull.problem}
            pushPullLabels={pushPull.labels}
          />
        )}
      </section>

      {shown.has(step) && checked.general.length > 0 && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <ul className={styles.list}>
              {checked.general.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.footer} ref={footerRef}>
        <div className={styles.actions}>
          <Button onClick={() => setStep(step - 1)} disabled={step === 1 || running}>
            Back
          </Button>
          {step < 5 ? (
            <Button appearance="primary" onClick={() => goTo(step + 1)} disabled={running}>
              Next
            </Button>
          ) : (
            <Button appearance="primary" onClick={onBuild} disabled={running || buildBlocked}>
              Build
            </Button>
          )}
        </div>
        {step === 5 && buildBlocked && <p role="note">{props.unsupported ?? "Open this pane in Excel to build the workbook."}</p>}
        {step === 5 && shown.has(5) && allErrors > 0 && buildState.kind === "idle" && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{`Correct the ${allErrors} value(s) marked in red before building. Nothing was written.`}</MessageBarBody>
          </MessageBar>
        )}

        {buildState.kind === "running" && (
          <div className={styles.progress} role="region" aria-label="Build progress">
            <Field
              label={buildState.phase === "simulating" ? "Monte Carlo replications" : "Workbook"}
              validationMessage={buildState.detail}
              validationState="none"
            >
              <ProgressBar value={buildState.fraction} max={1} thickness="large" aria-label="Build progress" />
            </Field>
            <div role="status" aria-live="polite">
              {buildState.detail}
            </div>
            {buildState.phase === "simulating" && <Button onClick={() => cancelRef.current?.()}>Cancel</Button>}
          </div>
        )}
        {buildState.kind === "done" && (
          <BuildSummary outcome={buildState.outcome} headline={buildState.headline} compared={buildState.compared} />
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

function BuildSummary({ outcome, headline: h, compared }: { outcome: BuildOutcome; headline: Headline | null; compared: Compared | null }) {
  const styles = useStyles();
  const clashes = outcome.clashes.map((c) =>
    c.kind === "sheet"
      ? `Your workbook already has a sheet named \u201c${c.planned}\u201d; the add-in's sheet is named \u201c${c.used}\u201d instead.`
      : `The ${c.kind === "name" ? "name" : "table name"} ${c.planned} is already used in your workbook; the add-in uses ${c.used} instead.`,
  );
  const best = h?.best;
  return (
    <MessageBar intent={outcome.status === "built" ? "success" : "warning"} role="status" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{outcome.status === "built" ? "Built" : "Cancelled"}</MessageBarTitle>
        {outcome.status === "built" && compared && (
          <SideBySideTable rows={compared.rows} customerStage={compared.customerStage} topStage={compared.topStage} />
        )}
        {outcome.status === "built" && h && !compared && (
          <dl className={styles.figures} aria-label="Headline results">
            <dt className={styles.figureName}>{`Bullwhip at ${h.baseline.topStage}`}</dt>
            <dd className={styles.figureValue}>{formatFigure(h.baseline.bullwhip)}</dd>
            <dt className={styles.figureName}>{`Total cost, ${h.baseline.measuredPeriods} periods`}</dt>
            <dd className={styles.figureValue}>{formatFigure(h.baseline.totalCost)}</dd>
            {best && (
              <>
                <dt className={mergeClasses(styles.figureName, styles.figureWide)}>{`Best of ${h.scenarios.length}`}</dt>
                <dd className={mergeClasses(styles.figureValue, styles.figureWide)}>
                  {best.label === h.baseline.label ? (
                    "The baseline has the lowest total cost"
                  ) : (
                    <>
                      <strong>{best.label}</strong>
                      {`: total cost ${formatFigure(best.totalCost)}${best.saving > 0 ? `, ${formatFigure(best.saving)} less than the baseline` : ""}`}
                    </>
                  )}
                </dd>
              </>
            )}
          </dl>
        )}
        {outcome.status === "built" ? (
          <p className={styles.detail}>
            {`${compared ? "Every figure by stage is" : h && h.scenarios.length > 1 ? "Figures of the baseline; every scenario's figures are" : "Every figure is"} on the Results sheet, with 95% confidence intervals. Sheets: ${outcome.sheets.join(", ")}.`}
          </p>
        ) : (
          `The model sheets were written (${outcome.sheets.join(", ")}); the Monte Carlo results were not.`
        )}
        {clashes.length > 0 && (
          <ul className={styles.list}>
            {clashes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
