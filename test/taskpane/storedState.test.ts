/*
 * The add-in's state part as read back from a workbook: a workbook is untrusted (hand-edited, damaged,
 * or written by another version), so only well-formed fields come through.
 */
import { emptyState, STATE_FORMAT, stateFromXml, stateToXml, StoredState } from "../../taskpane/excel/storedState";

const xmlOf = (state: Record<string, unknown>) => stateToXml(state as unknown as StoredState);
const read = (state: Record<string, unknown>) => {
  const parsed = stateFromXml(xmlOf(state));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.state;
};

test("a state written by the add-in reads back unchanged", () => {
  const state: StoredState = {
    ...emptyState(),
    scenario: { name: "x" },
    wizard: { compare: "none" },
    layoutVersion: 3,
    sheets: [{ id: "{A}", name: "Inputs", key: "model:inputs:1", group: "model" }],
    names: [{ name: "SCM_Periods", group: "model" }],
    tables: [{ name: "SCM_Results", group: "results" }],
  };
  expect(stateFromXml(stateToXml(state))).toEqual({ ok: true, state });
});

test("a layout version that is not a whole number is dropped", () => {
  for (const layoutVersion of ["3", -1, 1.5, { v: 3 }, null])
    expect(read({ ...emptyState(), layoutVersion }).layoutVersion).toBeUndefined();
  expect(read({ ...emptyState(), layoutVersion: 2 }).layoutVersion).toBe(2);
});

test("fields the add-in does not write are not kept (a rebuild would write them back)", () => {
  const state = read({ ...emptyState(), junk: "x".repeat(1000), wizard: { preset: "one-n" } });
  expect(Object.keys(state).sort()).toEqual(["format", "names", "sheets", "tables", "version", "wizard"]);
});

test("malformed sheets, names and tables are left out; a sheet without a name keeps its id", () => {
  const state = read({
    ...emptyState(),
    sheets: [{ id: "{A}", key: "model:inputs:1", group: "model", extra: 1 }, { id: 5, key: "k", group: "model" }, "Inputs", null],
    names: [{ name: "SCM_A", group: "model" }, { name: "SCM_B" }, 7],
    tables: "SCM_Results",
  });
  expect(state.sheets).toEqual([{ id: "{A}", name: "", key: "model:inputs:1", group: "model" }]);
  expect(state.names).toEqual([{ name: "SCM_A", group: "model" }]);
  expect(state.tables).toEqual([]);
});

test("a version that is not a whole number from 1, or another format, is refused", () => {
  for (const version of [0, 0.5, -1, "1"]) expect(stateFromXml(xmlOf({ ...emptyState(), version })).ok).toBe(false);
  expect(stateFromXml(xmlOf({ ...emptyState(), format: "other" })).ok).toBe(false);
  expect(stateFromXml(xmlOf({ ...emptyState(), version: 2 }))).toEqual({
    ok: false,
    reason: "the workbook was built by a newer version of the add-in (state version 2)",
  });
  expect(stateFromXml(`<state>[${JSON.stringify(STATE_FORMAT)}]</state>`)).toEqual({
    ok: false,
    reason: "the add-in's XML part is not in the expected format",
  });
});
