/* Renaming sheets, names and tables inside a plan's formulas (taskpane/excel/planRewrite.ts). */
import { renameInPlan, rewriteFormula } from "../../taskpane/excel/planRewrite";
import type { WorkbookPlan } from "../../src/workbook/plan";

const renames = {
  sheets: new Map([
    ["Inputs", "Inputs (2)"],
    ["Stage 1", "Stage 1 (2)"],
    ["It's", "Its"],
  ]),
  names: new Map([["SCM_LeadTime_1", "SCM_LeadTime_1_2"]]),
  tables: new Map([["SCM_Summary", "SCM_Summary_2"]]),
};

test.each([
  ["Inputs!$C$5", "'Inputs (2)'!$C$5"],
  ["'Stage 1'!B6+inputs!C5", "'Stage 1 (2)'!B6+'Inputs (2)'!C5"],
  ["'It''s'!A1", "Its!A1"],
  ["MyInputs!A1+Inputs2!A1", "MyInputs!A1+Inputs2!A1"],
  ["INDEX(B6:E6,SCM_LeadTime_1)*scm_leadtime_1", "INDEX(B6:E6,SCM_LeadTime_1_2)*SCM_LeadTime_1_2"],
  ["SCM_LeadTime_10+SCM_LeadTime_1x", "SCM_LeadTime_10+SCM_LeadTime_1x"],
  ['IF(A1="Inputs!A1",SCM_Summary[Stage],"SCM_LeadTime_1")', 'IF(A1="Inputs!A1",SCM_Summary_2[Stage],"SCM_LeadTime_1")'],
  ["SUM(Other!A1:A3)", "SUM(Other!A1:A3)"],
])("%s -> %s", (from, to) => {
  expect(rewriteFormula(from, renames)).toBe(to);
});

test("renameInPlan follows the renames into validation formulas, list sources and conditional formats", () => {
  const plan: WorkbookPlan = {
    layoutVersion: 1,
    styles: {} as WorkbookPlan["styles"],
    sheets: [],
    names: [],
    tables: [],
    charts: [],
    validations: [
      { sheet: "Inputs", range: "E12", type: "list", source: "Inputs!$A$16:$A$20", prompt: "", error: "" },
      { sheet: "Inputs", range: "C5", type: "custom", formula: "AND(C5>0,C5<SCM_LeadTime_1)", prompt: "", error: "" },
    ],
    conditionalFormats: [{ sheet: "Inputs", range: "N16:N20", formula: "$N16<='Stage 1'!$F2+\"Inputs!A1\"", style: { bold: true } }],
  };
  const out = renameInPlan(plan, renames);
  expect(out.validations.map((v) => [v.sheet, v.source ?? v.formula])).toEqual([
    ["Inputs (2)", "'Inputs (2)'!$A$16:$A$20"],
    ["Inputs (2)", "AND(C5>0,C5<SCM_LeadTime_1_2)"],
  ]);
  expect(out.conditionalFormats).toEqual([
    { sheet: "Inputs (2)", range: "N16:N20", formula: "$N16<='Stage 1 (2)'!$F2+\"Inputs!A1\"", style: { bold: true } },
  ]);
  expect(renameInPlan({ ...plan, conditionalFormats: undefined }, renames).conditionalFormats).toBeUndefined();
});
