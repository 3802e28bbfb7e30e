/**
 * What the end-to-end suites share: the built add-in served locally, chromium with the Excel
 * stand-in in place of office.js, the pane opened in a theme, the stand-in's workbook, and the
 * screenshots at the pane's widths in both themes (each checking that nothing is wider than the pane).
 * `e2eHarness()` registers the suite's beforeAll / afterAll and returns the helpers.
 */
import * as fs from "fs";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import type { StandInOptions, WorkbookSnapshot } from "../taskpane/standin/excelStandIn";
import { builtAddIn, launch, serve, SHOTS, standInScript } from "./support";

export type Theme = "light" | "dark";

/** The widths the pane must fit: narrower than Excel's default task pane, and the default (about 350 px). */
export const WIDTHS = [320, 350] as const;

export interface Harness {
  /** The server and the browser, once beforeAll has run. */
  env: { server: { url: string; close(): Promise<void> }; browser: { context: BrowserContext; close(): Promise<void> } };
  /** The pane in Excel (the stand-in) in Office's light or dark theme, ready once `ready` (a heading) shows. */
  openPane(options: StandInOptions, theme?: Theme, ready?: string): Promise<{ page: Page; errors: string[] }>;
  snapshot(page: Page): Promise<WorkbookSnapshot>;
  expectTheme(page: Page, theme: Theme): Promise<void>;
  setTheme(page: Page, theme: Theme): Promise<void>;
  expectFits(page: Page, where: string): Promise<void>;
  shot(page: Page, name: string, whole?: boolean): Promise<void>;
}

export function e2eHarness(): Harness {
  const env = {} as Harness["env"];
  let built: { dir: string; temporary: boolean } | undefined;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    built = await builtAddIn();
    const script = await standInScript();
    env.server = await serve(built.dir);
    env.browser = await launch(script);
  }, 600_000);

  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
    if (built?.temporary) fs.rmSync(built.dir, { recursive: true, force: true });
  });

  const snapshot = (page: Page) =>
    page.evaluate(() => (window as unknown as { __standIn: { snapshot(): unknown } }).__standIn.snapshot()) as Promise<WorkbookSnapshot>;

  /** The page and the wizard are in `theme`: the page's colours and Fluent's. */
  async function expectTheme(page: Page, theme: Theme) {
    await page.waitForFunction((t) => document.querySelector(".fui-FluentProvider")?.getAttribute("data-theme") === t, theme);
    const colours = await page.evaluate(() => {
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"]).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      };
      const heading = document.getElementById("step-heading") ?? document.querySelector(".fui-FluentProvider");
      return { page: lum(getComputedStyle(document.body).backgroundColor), text: lum(getComputedStyle(heading!).color) };
    });
    const dark = theme === "dark";
    expect({ theme, darkPage: colours.page < 0.5, lightText: colours.text > 0.5 }).toEqual({ theme, darkPage: dark, lightText: dark });
  }

  async function openPane(
    options: StandInOptions,
    theme: Theme = "light",
    ready = "1. Network",
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await env.browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    const withTheme = { themeBackground: theme === "dark" ? "#262626" : "#ffffff", ...options };
    await page.addInitScript(
      (o) => {
        (window as unknown as { __standInOptions: unknown }).__standInOptions = o;
      },
      withTheme as unknown as Record<string, unknown>,
    );
    await page.goto(`${env.server.url}/taskpane.html`);
    await page.getByRole("heading", { name: ready }).waitFor();
    await expectTheme(page, theme);
    return { page, errors };
  }

  /**
   * Switches the open page to `theme` as Office would report it (the attribute taskpane.ts sets from
   * Office's theme) and as the browser would prefer it (for a page outside Office).
   */
  async function setTheme(page: Page, theme: Theme) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await page.evaluate((t) => {
      if (document.documentElement.dataset.theme) document.documentElement.dataset.theme = t;
    }, theme);
    await expectTheme(page, theme);
  }

  const currentTheme = (page: Page) =>
    page.evaluate(() => document.querySelector(".fui-FluentProvider")?.getAttribute("data-theme") ?? "light") as Promise<Theme>;

  /** Nothing wider than the pane: the page does not scroll sideways and no element ends beyond the viewport. */
  async function expectFits(page: Page, where: string) {
    const problems = await page.evaluate(() => {
      const root = document.documentElement;
      const width = root.clientWidth;
      const out: string[] = [];
      if (root.scrollWidth > width) out.push(`the page scrolls sideways: scrollWidth ${root.scrollWidth} > ${width}`);
      for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.display === "none") continue;
        if (r.right > width + 0.5 || r.left < -0.5) {
          const text = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40);
          out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> "${text}" spans ${Math.round(r.left)}..${Math.round(r.right)}`);
        }
      }
      return out.slice(0, 8);
    });
    expect({ where, problems }).toEqual({ where, problems: [] });
  }

  /**
   * Screenshots of the page down to the end of the wizard (the function help below it is the same on
   * every step), in both themes, at 350 px (`name-light.png`, `name-dark.png`) and 320 px
   * (`name-320-light.png`, ...); at each, nothing may overflow the pane. The page is left as it was.
   */
  async function shot(page: Page, name: string, whole = false) {
    const was = await currentTheme(page);
    for (const theme of [was, was === "light" ? "dark" : "light"] as Theme[]) {
      await setTheme(page, theme);
      for (const width of [...WIDTHS].reverse()) {
        await page.setViewportSize({ width, height: 900 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await expectFits(page, `${name} at ${width} px, ${theme}`);
        const file = path.join(SHOTS, `${name}${width === 350 ? "" : `-${width}`}-${theme}.png`);
        if (whole) await page.screenshot({ path: file, fullPage: true });
        else {
          const height = await page.evaluate(() =>
            Math.ceil(document.getElementById("wizard")!.getBoundingClientRect().bottom + window.scrollY + 12),
          );
          await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height } });
        }
      }
    }
    await page.setViewportSize({ width: 350, height: 900 });
    await setTheme(page, was);
  }

  return { env, openPane, snapshot, expectTheme, setTheme, expectFits, shot };
}
