/**
 * The pane's two wizards behind a choice of tabs: the simulation (App) and the replenishment plan
 * (PlanWizard). Once shown, each stays mounted, hidden while the other is shown, so that switching
 * keeps what was typed in each. The pane opens on the simulation, or on the plan when the workbook
 * holds a plan and no simulation.
 */
import * as React from "react";
import { makeStyles, Tab, TabList } from "@fluentui/react-components";
import { LoadedPlanSettings, loadPlanSettings } from "../excel/planStore";
import type { ExcelRun } from "../excel/writer";
import { PlanWizard } from "../plan/PlanWizard";
import type { PlanRunner } from "../worker/planRunner";
import type { SimRunner } from "../worker/simRunner";
import { App } from "./App";
import { WizardBoundary } from "./boundary";

type Wizard = "simulation" | "plan";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "12px", minWidth: 0 },
  tabs: { minWidth: 0, flexWrap: "wrap" },
});

export interface PaneProps {
  run: ExcelRun | null;
  simulate: SimRunner;
  computePlan: PlanRunner;
  unsupported: string | null;
}

export function Pane(props: PaneProps) {
  const styles = useStyles();
  const [wizard, setWizard] = React.useState<Wizard>("simulation");
  // The plan wizard is mounted when first shown, then kept (hidden) like the simulation's.
  const [planShown, setPlanShown] = React.useState(false);
  const [storedPlan, setStoredPlan] = React.useState<LoadedPlanSettings | undefined>(undefined);
  /** The planner chose a tab: the stored workbook no longer decides. */
  const chosen = React.useRef(false);

  // The plan settings the workbook holds: the pane opens on the plan when there is a plan and no simulation.
  React.useEffect(() => {
    if (!props.run) return;
    let live = true;
    loadPlanSettings(props.run)
      .then((loaded) => {
        if (!live) return;
        setStoredPlan(loaded);
        if (loaded.raw !== undefined && !loaded.simulationStored && !chosen.current) {
          setWizard("plan");
          setPlanShown(true);
        }
      })
      .catch((e) => live && setStoredPlan({ problem: e instanceof Error ? e.message : String(e), simulationStored: false }));
    return () => {
      live = false;
    };
  }, [props.run]);

  return (
    <div className={styles.root}>
      <TabList
        className={styles.tabs}
        selectedValue={wizard}
        aria-label="Wizards"
        onTabSelect={(_e, d) => {
          chosen.current = true;
          setWizard(d.value as Wizard);
          if (d.value === "plan") setPlanShown(true);
        }}
      >
        <Tab value="simulation" id="tab-simulation" aria-controls="panel-simulation">
          Simulation
        </Tab>
        <Tab value="plan" id="tab-plan" aria-controls="panel-plan">
          Replenishment plan
        </Tab>
      </TabList>
      <div role="tabpanel" id="panel-simulation" aria-labelledby="tab-simulation" hidden={wizard !== "simulation"}>
        <WizardBoundary>
          {(restarts) => (
            <App key={restarts} run={props.run} simulate={props.simulate} unsupported={props.unsupported} readStored={restarts === 0} />
          )}
        </WizardBoundary>
      </div>
      <div role="tabpanel" id="panel-plan" aria-labelledby="tab-plan" hidden={wizard !== "plan"}>
        {planShown && (
          <WizardBoundary restartLabel="Start the plan wizard again">
            {(restarts) => (
              <PlanWizard
                key={restarts}
                run={props.run}
                compute={props.computePlan}
                unsupported={props.unsupported}
                stored={storedPlan}
                readStored={restarts === 0}
              />
            )}
          </WizardBoundary>
        )}
      </div>
    </div>
  );
}
