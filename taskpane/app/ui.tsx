/** Small building blocks shared by the wizard's steps. */
import * as React from "react";
import { Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import type { FieldErrors } from "../model/form";

export const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", rowGap: "12px" },
  row: { display: "flex", flexWrap: "wrap", columnGap: "12px", rowGap: "8px", alignItems: "flex-start" },
  narrowField: { flex: "1 1 130px", minWidth: 0 },
  fill: { width: "100%", minWidth: 0 },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  stepHeading: { margin: "4px 0 0", fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, outlineStyle: "none" },
  group: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: "10px",
    display: "flex",
    flexDirection: "column",
    rowGap: "8px",
  },
  groupTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  fieldset: { border: "none", margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: "4px", fontWeight: tokens.fontWeightRegular },
  indented: { marginLeft: "32px" },
  list: { margin: "4px 0 0", paddingLeft: "18px" },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

export interface NumberFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  errors: FieldErrors;
  show: boolean;
  hint?: string;
  className?: string;
  integer?: boolean;
}

/** A labelled text input for a number, with the field's validation message under it. */
export function NumberField(p: NumberFieldProps) {
  const styles = useStyles();
  const message = p.show ? p.errors[p.id] : undefined;
  return (
    <Field className={p.className} label={p.label} hint={p.hint} validationState={message ? "error" : "none"} validationMessage={message}>
      <Input
        className={styles.fill}
        value={p.value}
        inputMode={p.integer ? "numeric" : "decimal"}
        data-field={p.id}
        onChange={(_e, d) => p.onChange(d.value)}
      />
    </Field>
  );
}

/** Focuses the step heading when the step changes, so screen readers announce it. */
export function StepHeading(props: { children: React.ReactNode; id: string }) {
  const styles = useStyles();
  const ref = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h3 id={props.id} ref={ref} tabIndex={-1} className={styles.stepHeading}>
      {props.children}
    </h3>
  );
}

/**
 * Focuses the first field (in document order, inside `root` or the page) of a request once it is on
 * the page: its step or card may only appear with the next renders, so it retries for a few frames.
 * A new request object (its `n` changes) asks again for the same fields.
 */
export function useFocusFields(request: { fields: string[]; n: number } | null, root?: React.RefObject<HTMLElement | null>): void {
  React.useEffect(() => {
    if (!request) return;
    let frame = 0;
    let tries = 0;
    const go = () => {
      const selector = request.fields.map((f) => `[data-field="${CSS.escape(f)}"]`).join(", ");
      const el = (root?.current ?? document).querySelector<HTMLElement>(selector);
      if (!el) {
        if (tries++ < 10) frame = requestAnimationFrame(go);
        return;
      }
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "center", inline: "nearest" });
    };
    go();
    return () => cancelAnimationFrame(frame);
  }, [request]);
}

/** Keeps `ref` in view whenever `key` changes to something other than `idle` (what building says, under the Build button). */
export function useKeepInView(ref: React.RefObject<HTMLElement | null>, key: string, idle = "idle"): void {
  React.useEffect(() => {
    if (key === idle) return;
    ref.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [key]);
}
