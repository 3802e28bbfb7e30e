/** The step navigation of both wizards: one row of equal buttons, each step's number over its name. */
import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  // Equal columns, the number over the name: one row even at 320 px.
  nav: { margin: 0, padding: 0, listStyleType: "none", display: "grid", gap: "2px" },
  navButton: {
    width: "100%",
    minWidth: "0",
    height: "auto",
    minHeight: "40px",
    flexDirection: "column",
    rowGap: "0",
    padding: "3px 1px",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightRegular,
  },
  navNumber: { fontWeight: tokens.fontWeightSemibold },
  navBad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightBold },
});

export interface StepNavProps {
  /** The nav's accessible name ("Wizard steps") and each button's prefix ("Step 2: Demand"). */
  label: string;
  prefix: string;
  steps: readonly string[];
  /** The current step, 1-based. */
  step: number;
  /** Whether step n shows errors (a "!" beside its number). */
  bad: (n: number) => boolean;
  goTo: (n: number) => void;
  disabled: boolean;
}

export function StepNav(p: StepNavProps) {
  const styles = useStyles();
  return (
    <nav aria-label={p.label}>
      <ol className={styles.nav} style={{ gridTemplateColumns: `repeat(${p.steps.length}, minmax(0, 1fr))` }}>
        {p.steps.map((label, i) => {
          const n = i + 1;
          const bad = p.bad(n);
          return (
            <li key={label}>
              <Button
                className={styles.navButton}
                size="small"
                appearance={n === p.step ? "primary" : "subtle"}
                aria-current={n === p.step ? "step" : undefined}
                aria-label={`${p.prefix} ${n}: ${label}${bad ? " (has errors)" : ""}`}
                onClick={() => p.goTo(n)}
                disabled={p.disabled}
              >
                <span className={styles.navNumber}>
                  {n}
                  {bad && <span className={n === p.step ? undefined : styles.navBad}>{" !"}</span>}
                </span>
                <span>{label}</span>
              </Button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
