/**
 * Mounts the wizard in the page, in Fluent's light or dark theme to match Excel's. The theme is the
 * page's: Office's own when it reports one (taskpane.ts sets <html data-theme>), else the browser's
 * prefers-color-scheme; the wizard follows either when it changes, as the page's own CSS does.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import type { ExcelRun } from "../excel/writer";
import type { SimRunner } from "../worker/simRunner";
import { App } from "./App";

export interface MountOptions {
  run: ExcelRun | null;
  simulate: SimRunner;
  unsupported: string | null;
}

/** Dark when Office says so (<html data-theme>, set by taskpane.ts), else when the browser prefers it. */
export function pageIsDark(): boolean {
  const set = document.documentElement.dataset.theme;
  if (set === "dark" || set === "light") return set === "dark";
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Calls `changed` when Office's theme (the data-theme attribute) or the browser's preference changes. */
function watchTheme(changed: () => void): () => void {
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  const media = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;
  media?.addEventListener("change", changed);
  return () => {
    observer.disconnect();
    media?.removeEventListener("change", changed);
  };
}

/** Fluent's theme, light or dark as the page is. */
export function ThemedProvider(props: { children: React.ReactNode }) {
  const dark = React.useSyncExternalStore(watchTheme, pageIsDark, () => false);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ background: "transparent" }} data-theme={dark ? "dark" : "light"}>
      {props.children}
    </FluentProvider>
  );
}

interface BoundaryState {
  error: Error | null;
  /** How many times the wizard was started again: its key, so that it remounts with the default form. */
  restarts: number;
}

/**
 * Without a boundary, an error while rendering unmounts the whole wizard and leaves the pane blank.
 * This one says what went wrong and starts the wizard again from the beer game; it does not re-read
 * the workbook's stored scenario, which may be what failed.
 */
export class WizardBoundary extends React.Component<{ children(restarts: number): React.ReactNode }, BoundaryState> {
  state: BoundaryState = { error: null, restarts: 0 };

  static getDerivedStateFromError(e: unknown): Partial<BoundaryState> {
    return { error: e instanceof Error ? e : new Error(String(e)) };
  }

  componentDidCatch(error: unknown, info: React.ErrorInfo): void {
    console.error("The wizard stopped:", error, info.componentStack);
  }

  render(): React.ReactNode {
    const { error, restarts } = this.state;
    if (!error) return this.props.children(restarts);
    const line = (error.message || error.name).split("\n")[0];
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>The wizard stopped</MessageBarTitle>
          {line}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => this.setState({ error: null, restarts: restarts + 1 })}>Start again from the beer game</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}

export function mountWizard(el: HTMLElement, opts: MountOptions): void {
  createRoot(el).render(
    <ThemedProvider>
      <WizardBoundary>
        {(restarts) => (
          <App key={restarts} run={opts.run} simulate={opts.simulate} unsupported={opts.unsupported} readStored={restarts === 0} />
        )}
      </WizardBoundary>
    </ThemedProvider>,
  );
}
