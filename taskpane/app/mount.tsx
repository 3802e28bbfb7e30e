/**
 * Mounts the wizards in the page, in Fluent's light or dark theme to match Excel's. The theme is the
 * page's: Office's own when it reports one (taskpane.ts sets <html data-theme>), else the browser's
 * prefers-color-scheme; the wizard follows either when it changes, as the page's own CSS does.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { ExcelRun } from "../excel/writer";
import type { PlanRunner } from "../worker/planRunner";
import type { SimRunner } from "../worker/simRunner";
import { Pane } from "./Pane";

export interface MountOptions {
  run: ExcelRun | null;
  simulate: SimRunner;
  computePlan: PlanRunner;
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

export function mountWizard(el: HTMLElement, opts: MountOptions): void {
  createRoot(el).render(
    <ThemedProvider>
      <Pane run={opts.run} simulate={opts.simulate} computePlan={opts.computePlan} unsupported={opts.unsupported} />
    </ThemedProvider>,
  );
}
