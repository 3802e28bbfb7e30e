/**
 * What-if edits: an Inputs cell changed in the .xlsx file, and the same change made to the scenario
 * the engine runs. Each edit names the workbook name of the cell and how the scenario changes.
 */
import { readFileSync, writeFileSync } from "fs";
import ExcelJS from "../../cli/exceljs";
import type { NamedRange } from "../../src/workbook";
import type { ScenarioInput } from "../../src/sim";

export interface InputEdit {
  /** Workbook name of the Inputs cell, e.g. SCM_LeadTime_2. */
  name: string;
  value: number;
  /** The same change, made to the scenario. */
  apply: (s: ScenarioInput) => void;
}

export interface WhatIf {
  id: string;
  scenario: string;
  edits: InputEdit[];
}

type Stage = ScenarioInput["stages"][number];
const stage = (s: ScenarioInput, k: number): Stage => s.stages[k];
const policy = (s: ScenarioInput, k: number) => s.stages[k].policy as unknown as Record<string, unknown>;

export const WHAT_IFS: WhatIf[] = [
  {
    id: "lead-time",
    scenario: "ma-decentralised",
    edits: [{ name: "SCM_LeadTime_2", value: 5, apply: (s) => void (stage(s, 1).leadTime = 5) }],
  },
  {
    id: "window-service-sharing",
    scenario: "ma-decentralised",
    edits: [
      { name: "SCM_Window_3", value: 3, apply: (s) => void (policy(s, 2).window = 3) },
      { name: "SCM_ServiceLevel_1", value: 0.75, apply: (s) => void (policy(s, 0).serviceLevel = 0.75) },
      { name: "SCM_InfoSharing", value: 1, apply: (s) => void (s.informationSharing = true) },
    ],
  },
  {
    id: "case-size-min-max",
    scenario: "sq-minmax-basestock-levers",
    edits: [
      { name: "SCM_CaseSize_3", value: 7, apply: (s) => void (stage(s, 2).caseSize = 7) },
      { name: "SCM_ServiceLevel_2", value: 0.97, apply: (s) => void (policy(s, 1).serviceLevel = 0.97) },
      { name: "SCM_LeadTime_1", value: 3, apply: (s) => void (stage(s, 0).leadTime = 3) },
    ],
  },
  {
    id: "dc-lead-time-vmi",
    scenario: "one-to-n",
    edits: [
      { name: "SCM_LeadTime_1", value: 1, apply: (s) => void (stage(s, 0).leadTime = 1) },
      { name: "SCM_VMI_3", value: 0, apply: (s) => void (stage(s, 2).vmi = false) },
      { name: "SCM_OrderDelay_1", value: 0, apply: (s) => void (stage(s, 0).orderDelay = 0) },
    ],
  },
  {
    id: "echelon-levels-in-transit",
    scenario: "echelon-serial",
    edits: [
      { name: "SCM_EchelonBaseStock_2", value: 17, apply: (s) => void (policy(s, 1).level = 17) },
      { name: "SCM_InTransitHoldingCost_1", value: 5, apply: (s) => void (stage(s, 0).inTransitHoldingCost = 5) },
      { name: "SCM_LeadTime_1", value: 2, apply: (s) => void (stage(s, 0).leadTime = 2) },
    ],
  },
  {
    id: "push-plan",
    scenario: "push-pull-middle",
    edits: [
      { name: "SCM_InfoLag_3", value: 3, apply: (s) => void (stage(s, 2).pushPlan!.infoLag = 3) },
      { name: "SCM_Window_3", value: 2, apply: (s) => void (stage(s, 2).pushPlan!.window = 2) },
      { name: "SCM_Alpha_4", value: 0.6, apply: (s) => void (stage(s, 3).pushPlan!.alpha = 0.6) },
    ],
  },
];

/** The scenario with the edits applied (a deep copy). */
export function editedScenario(s: ScenarioInput, edits: InputEdit[]): ScenarioInput {
  const copy = JSON.parse(JSON.stringify(s)) as ScenarioInput;
  for (const e of edits) e.apply(copy);
  return copy;
}

/** Sets the named Inputs cells of an .xlsx file, as a user would, and saves it as `to`. */
export async function editXlsx(from: string, to: string, names: NamedRange[], edits: InputEdit[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(from));
  for (const e of edits) {
    const n = names.find((x) => x.name === e.name);
    if (!n) throw new Error(`no workbook name ${e.name}`);
    const [sheet, ref] = n.ref.split("!");
    const ws = wb.getWorksheet(sheet.replace(/^'|'$/g, ""));
    if (!ws) throw new Error(`no sheet ${sheet}`);
    ws.getCell(ref.replace(/\$/g, "")).value = e.value;
  }
  writeFileSync(to, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}
