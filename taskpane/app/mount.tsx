/** Mounts the wizard in the page, in Fluent's light or dark theme to match Excel's. */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { ExcelRun } from "../excel/writer";
import type { SimRunner } from "../worker/simRunner";
import { App } from "./App";

export interface MountOptions {
  run: ExcelRun | null;
  simulate: SimRunner;
  unsupported: string | null;
  dark: boolean;
}

export function mountWizard(el: HTMLElement, opts: MountOptions): void {
  createRoot(el).render(
    <FluentProvider theme={opts.dark ? webDarkTheme : webLightTheme} style={{ background: "transparent" }}>
      <App run={opts.run} simulate={opts.simulate} unsupported={opts.unsupported} />
    </FluentProvider>,
  );
}
