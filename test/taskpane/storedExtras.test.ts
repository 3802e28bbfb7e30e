/*
 * The wizard settings stored in a workbook beside its scenario are untrusted: each field is checked,
 * what is not usable is reported and left out, and whatever is stored, the wizard's model (the form,
 * its check, the levers and the variants) then works without throwing.
 */
import fc from "fast-check";
import { MAX_SERIES_VALUES, validateScenario } from "../../src/sim";
import type { ScenarioInput } from "../../src/sim/types";
import { checkForm, WizardForm } from "../../taskpane/model/form";
import { leverInfo, variantsOf } from "../../taskpane/model/levers";
import {
  beerGameScenario,
  customSerialScenario,
  oneNScenario,
  presetForm,
  pushVsPullScenario,
  scenarioToForm,
  wizardExtras,
} from "../../taskpane/model/presets";
import { readWizardExtras } from "../../taskpane/model/storedExtras";

const valid = (s: ScenarioInput) => {
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.errors.join("; "));
  return v.scenario;
};
const HISTORY = [22, 18, 25, 30, 19, 21, 27, 24, 16, 23, 28, 20];
const onHistory = (): ScenarioInput =>
  valid({ ...customSerialScenario(4), periods: HISTORY.length, warmup: 0, demand: { distribution: "series", values: HISTORY } });

/** Everything the pane does with a form when it opens and when it builds. */
function useForm(f: WizardForm) {
  const c = checkForm(f);
  const remove = f.levers.removeStage.trim() === "" ? null : Number(f.levers.removeStage);
  leverInfo(c.input ?? c.draft, remove);
  if (c.input) variantsOf(f, c.input);
  return c;
}

test("settings the wizard stored come back as they were, with nothing reported", () => {
  const s = onHistory();
  const f = scenarioToForm(s, { history: { address: "Sheet1!B2:B13", values: HISTORY } });
  Object.assign(f.output, {
    compare: "sweep",
    levers: ["vmi", "noGaming"],
    sweepParam: "window",
    sweepFrom: "2",
    sweepTo: "6",
    sweepStep: "2",
  });
  f.levers.removeStage = "2";
  const stored = JSON.parse(JSON.stringify(wizardExtras(f)));
  expect(readWizardExtras(stored, s)).toEqual({ extras: wizardExtras(f), ignored: [] });
  expect(readWizardExtras({ ...stored, sweepTo: "", sweepStep: "abc", removeStage: "", history: null }, s).ignored).toEqual([]);
  // only the fields the wizard uses are kept: a rebuild stores them again
  expect(readWizardExtras({ history: { address: "A1:A12", values: HISTORY, note: "x" }, other: 1 }, s)).toEqual({
    extras: { history: { address: "A1:A12", values: HISTORY } },
    ignored: [],
  });
});

test("nothing stored (a workbook from the command line): no settings, nothing reported", () => {
  expect(readWizardExtras(undefined, beerGameScenario())).toEqual({ extras: {}, ignored: [] });
  expect(readWizardExtras({}, beerGameScenario())).toEqual({ extras: {}, ignored: [] });
});

test.each<[string, unknown, Record<string, unknown>, RegExp]>([
  [
    "a stage number stored as a number",
    { removeStage: 5, compare: "levers" },
    { compare: "levers" },
    /^the stage to remove in the comparison/,
  ],
  ["a stage that the chain does not have", { removeStage: "7" }, {}, /^the stage to remove in the comparison/],
  [
    "a sweep start that is not text",
    { compare: "sweep", sweepFrom: {}, sweepTo: "5" },
    { compare: "sweep", sweepTo: "5" },
    /^the sweep's From value/,
  ],
  [
    "a demand history whose values are not a list",
    { history: { values: "x" }, preset: "custom-serial" },
    { preset: "custom-serial" },
    /^the demand history/,
  ],
  [
    "a demand history with a negative value",
    { history: { address: "A1:A12", values: HISTORY.map((v, i) => (i === 3 ? -v : v)) } },
    {},
    /^the demand history/,
  ],
  [
    "a demand history too long",
    { history: { address: "A:A", values: new Array(MAX_SERIES_VALUES + 1).fill(1) } },
    {},
    /^the demand history/,
  ],
  [
    "a demand history other than the scenario's",
    { history: { address: "A1:A12", values: HISTORY.map((v) => v + 1) } },
    {},
    /^the demand history/,
  ],
  [
    "a sweep up to a billion",
    { sweepTo: "1000000000", sweepParam: "caseSize" },
    { sweepParam: "caseSize" },
    /^the sweep range \(from 1 to 1000000000 in steps of 1: more than 12 values\)$/,
  ],
  ["a very long sweep value", { sweepStep: "1".repeat(100) }, {}, /^the sweep's Step/],
  ["levers that are not a list", { levers: "abc" }, {}, /^the levers to compare/],
  [
    "an unknown lever",
    { levers: ["vmi", "teleport", "vmi", 3] },
    { levers: ["vmi"] },
    /^2 levers to compare that the wizard does not know/,
  ],
  ["an unknown comparison", { compare: "all" }, {}, /^what to compare/],
  ["an unknown parameter to sweep", { sweepParam: "price" }, {}, /^the parameter to sweep/],
  ["a preset for another kind of network", { preset: "one-n" }, {}, /^the kind of supply chain/],
])("%s: left out and reported, the rest kept", (_what, stored, kept, reported) => {
  const s = onHistory();
  const r = readWizardExtras(stored, s);
  expect(r.extras).toEqual(kept);
  expect(r.ignored).toHaveLength(1);
  expect(r.ignored[0]).toMatch(reported);
  useForm(scenarioToForm(s, r.extras));
});

test("push vs pull: the comparison and the preset come back; a distribution network resets both, saying why", () => {
  const s = valid(pushVsPullScenario());
  const f = presetForm("push-vs-pull", 4);
  const stored = JSON.parse(JSON.stringify(wizardExtras(f)));
  const r = readWizardExtras(stored, s);
  expect(r).toEqual({ extras: wizardExtras(f), ignored: [] });
  expect(r.extras).toMatchObject({ preset: "push-vs-pull", compare: "pushPull" });
  const back = scenarioToForm(s, r.extras);
  expect(back.output.compare).toBe("pushPull");
  expect(variantsOf(back, useForm(back).input!)).toHaveLength(4);
  // any serial chain may compare push and pull
  expect(readWizardExtras({ compare: "pushPull" }, onHistory())).toEqual({ extras: { compare: "pushPull" }, ignored: [] });
  const oneN = valid(oneNScenario(3));
  expect(readWizardExtras({ compare: "pushPull", preset: "push-vs-pull" }, oneN)).toEqual({
    extras: {},
    ignored: [
      "the kind of supply chain (it does not match the stored distribution network)",
      "what to compare (push vs pull needs a serial chain)",
    ],
  });
});

test("settings that are not an object at all are reported once", () => {
  for (const stored of ["x", 3, [1, 2], null]) {
    expect(readWizardExtras(stored, beerGameScenario())).toEqual({ extras: {}, ignored: ["all of them (they are not a set of settings)"] });
  }
});

test("whatever is stored, the wizard's model works on what is kept", () => {
  const key = fc.constantFrom(
    "preset",
    "compare",
    "levers",
    "sweepParam",
    "sweepFrom",
    "sweepTo",
    "sweepStep",
    "removeStage",
    "history",
    "other",
  );
  const value = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom(
      "beer-game",
      "one-n",
      "push-vs-pull",
      "levers",
      "sweep",
      "pushPull",
      "window",
      "1",
      "0",
      "-3",
      "1e9",
      "1e-300",
      "",
      "x",
    ),
    fc.array(fc.constantFrom("vmi", "noBatching", "removeEchelon", "x"), { maxLength: 8 }),
    fc.record({ address: fc.string(), values: fc.oneof(fc.jsonValue(), fc.array(fc.double(), { maxLength: 30 })) }),
  );
  const scenarios = [beerGameScenario(), onHistory(), valid(oneNScenario(3)), pushVsPullScenario()].map(valid);
  fc.assert(
    fc.property(fc.dictionary(key, value), fc.constantFrom(0, 1, 2, 3), (stored, k) => {
      const r = readWizardExtras(stored, scenarios[k]);
      expect(r.ignored.length).toBeLessThanOrEqual(Object.keys(stored).length);
      useForm(scenarioToForm(scenarios[k], r.extras));
    }),
    { seed: 20240601, numRuns: 400 },
  );
});
