/*
 * The Excel stand-in itself (test/taskpane/standin/excelStandIn.ts), driven the way the writer drives
 * Excel: new ExcelStandIn(...) and xl.run(async (ctx) => ...). One block per rule of Microsoft's
 * documentation that the stand-in enforces; where the documentation is unclear the stand-in takes the
 * reading under which Excel would fail, and the test says so.
 */
// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose main module pulls
// ESM-only packages that jest cannot load: give it the enum's own file (wherever npm put the package).
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"), { virtual: true });
jest.mock(
  "office-addin-mock/node_modules/office-addin-manifest",
  () => jest.requireActual("office-addin-mock/node_modules/office-addin-manifest/lib/officeApp"),
  { virtual: true },
);
import {
  dateSerial,
  definedNameProblem,
  ExcelStandIn,
  parseTypedInput,
  REQUEST_MODEL,
  sheetNameProblem,
  StandInError,
  StandInOptions,
  VALIDATION_LIMITS,
} from "./standin/excelStandIn";

/** Runs one batch; returns the error it threw (or undefined). */
async function attempt(xl: ExcelStandIn, batch: (ctx: any) => unknown): Promise<StandInError | undefined> {
  try {
    await xl.run(async (ctx) => {
      await batch(ctx);
      await ctx.sync();
    });
    return undefined;
  } catch (e) {
    return e as StandInError;
  }
}

const sheet = (ctx: any, name = "Sheet1") => ctx.workbook.worksheets.getItem(name);

// ---- 1. data validation ---------------------------------------------------------------------------

describe("1. data validation rules (Excel.DataValidation, ExcelApi 1.8)", () => {
  const setRule = (rule: unknown, address = "C1") => {
    const xl = new ExcelStandIn();
    return attempt(xl, (ctx) => {
      sheet(ctx).getRange(address).dataValidation.rule = rule;
    }).then((e) => ({ xl, e }));
  };

  test("accepts each documented kind: wholeNumber, decimal, textLength, date, time, list, custom", async () => {
    const rules = [
      { wholeNumber: { formula1: 1, formula2: 8, operator: "Between" } },
      { decimal: { formula1: "=E1", operator: "GreaterThanOrEqualTo" } },
      { textLength: { formula1: "10", operator: "LessThanOrEqualTo" } },
      { date: { formula1: "2022-04-01", formula2: "2022-04-08", operator: "Between" } },
      { time: { formula1: "T09:00:00", operator: "GreaterThan" } },
      { list: { inCellDropDown: true, source: "Sue, Ricky, Liz" } },
      { list: { inCellDropDown: false, source: "=Sheet1!$E$1:$E$3" } },
      { custom: { formula: "=COUNTIF($B$2:$B$7,B8)=0" } },
    ];
    for (const rule of rules) expect((await setRule(rule)).e).toBeUndefined();
    const { xl } = await setRule({ custom: { formula: "=AND(ISNUMBER(C1),C1>0)" } });
    expect(xl.sheet("Sheet1")!.validations.get("C1")).toEqual({ rule: { custom: { formula: "=AND(ISNUMBER(C1),C1>0)" } } });
  });

  test.each([
    ["no kind", {}],
    ["two kinds", { wholeNumber: { formula1: 1, operator: "GreaterThan" }, decimal: { formula1: 1, operator: "GreaterThan" } }],
    ["an unknown kind", { integer: { formula1: 1, operator: "GreaterThan" } }],
    ["no operator", { wholeNumber: { formula1: 1 } }],
    ["an operator not in DataValidationOperator", { wholeNumber: { formula1: 1, operator: "between" } }],
    ["no formula1", { decimal: { operator: "GreaterThan" } }],
    ["Between without formula2", { wholeNumber: { formula1: 1, operator: "Between" } }],
    ["NotBetween without formula2", { textLength: { formula1: 1, operator: "NotBetween" } }],
    // "Is not used with the binary operators": sending one is taken for a mistake (strict reading)
    ["formula2 with a binary operator", { decimal: { formula1: 0, formula2: 1, operator: "GreaterThan" } }],
    // formula1 is "a number, a range object, or a string formula" ("10", "=A1"): "A1" alone is neither (strict)
    ["a formula1 string that is neither a number nor a formula", { decimal: { formula1: "A1", operator: "GreaterThan" } }],
    ["a date bound given as a number", { date: { formula1: 44000, operator: "GreaterThan" } }],
    ["list without inCellDropDown", { list: { source: "a,b" } }],
    ["list without source", { list: { inCellDropDown: true } }],
    // a literal list is one string constant of a formula: 255 characters at most (MS-XLS PtgStr; strict)
    ["a literal list source of 256 characters", { list: { inCellDropDown: true, source: "x".repeat(256) } }],
    // every documented custom formula starts with "=" (strict reading)
    ["a custom formula without '='", { custom: { formula: "AND(C1>0,C1<1)" } }],
    ["a custom formula that is not a string", { custom: { formula: 1 } }],
    // a source string with "=" is a range reference ("=Names!$A$1:$A$3"), one row or one column (Excel's rule)
    ["a list source range of two rows and two columns", { list: { inCellDropDown: true, source: "=Sheet1!$E$1:$F$3" } }],
    ["a list source Range of two rows and two columns", "range E1:F3"],
    ["a list source formula that is not a reference", { list: { inCellDropDown: true, source: "=OFFSET($E$1,0,0,3)" } }],
  ])("refuses a rule with %s", async (_what, given) => {
    const rule =
      given === "range E1:F3" ? (ctx: any) => ({ list: { inCellDropDown: true, source: sheet(ctx).getRange("E1:F3") } }) : () => given;
    const xl = new ExcelStandIn();
    const e = await attempt(xl, (ctx) => {
      sheet(ctx).getRange("C1").dataValidation.rule = rule(ctx);
    });
    expect(e).toMatchObject({ code: "InvalidArgument", debugInfo: { errorLocation: "DataValidation.rule" } });
    expect(xl.sheet("Sheet1")!.validations.size).toBe(0);
  });

  test("a list source from a range: a Range object, or its reference as a formula string, one row or one column", async () => {
    for (const source of ["=Sheet1!$E$1:$E$3", "=$E$1:$G$1", "='My list'!$A$2:$A$9", "=$E$1"]) {
      expect((await setRule({ list: { inCellDropDown: true, source } })).e).toBeUndefined();
    }
    const xl = new ExcelStandIn();
    expect(
      await attempt(xl, (ctx) => {
        sheet(ctx).getRange("C1").dataValidation.rule = { list: { inCellDropDown: true, source: sheet(ctx).getRange("E1:E3") } };
      }),
    ).toBeUndefined();
    expect(xl.sheet("Sheet1")!.validations.get("C1")).toEqual({ rule: { list: { inCellDropDown: true, source: "=Sheet1!E1:E3" } } });
  });

  test("a literal list source of 255 characters is accepted; a range source has no such limit", async () => {
    expect(VALIDATION_LIMITS.listSource).toBe(255);
    expect((await setRule({ list: { inCellDropDown: true, source: "x".repeat(255) } })).e).toBeUndefined();
    expect((await setRule({ list: { inCellDropDown: true, source: `=Sheet1!$E$1:$E$${"9".repeat(3)}` } })).e).toBeUndefined();
  });

  test("prompt and error alert: titles 32 characters, prompt 255, error message 224, style Stop/Warning/Information", async () => {
    const set = async (key: "prompt" | "errorAlert", value: unknown) => {
      const xl = new ExcelStandIn();
      return attempt(xl, (ctx) => {
        sheet(ctx).getRange("C1").dataValidation[key] = value;
      });
    };
    const prompt = (title: string, message: string) => ({ showPrompt: true, title, message });
    const alert = (title: string, message: string, style = "Stop") => ({ showAlert: true, style, title, message });
    expect(await set("prompt", prompt("t".repeat(32), "m".repeat(255)))).toBeUndefined();
    expect(await set("prompt", prompt("t".repeat(33), "m"))).toMatchObject({ code: "InvalidArgument" });
    expect(await set("prompt", prompt("t", "m".repeat(256)))).toMatchObject({ code: "InvalidArgument" });
    expect(await set("prompt", { showPrompt: true, message: "no title" })).toMatchObject({ code: "InvalidArgument" });
    expect(await set("errorAlert", alert("t".repeat(32), "m".repeat(224)))).toBeUndefined();
    expect(await set("errorAlert", alert("t".repeat(33), "m"))).toMatchObject({ code: "InvalidArgument" });
    // MS-OI29500 2.1.613: Excel keeps at most 224 characters of the error message (MS-XLSB says 225;
    // the smaller is taken), not the 255 of the prompt
    expect(await set("errorAlert", alert("t", "m".repeat(225)))).toMatchObject({ code: "InvalidArgument" });
    for (const style of ["Warning", "Information"]) expect(await set("errorAlert", alert("t", "m", style))).toBeUndefined();
    expect(await set("errorAlert", alert("t", "m", "Error"))).toMatchObject({ code: "InvalidArgument" });
    expect(await set("errorAlert", alert("t", "m", "stop"))).toMatchObject({ code: "InvalidArgument" });
  });

  test("a rule cannot be set where one already is (clear first); prompt then rule on the same range is fine; a partial overlap is refused", async () => {
    const xl = new ExcelStandIn();
    const rule = { wholeNumber: { formula1: 1, operator: "GreaterThan" } };
    // the documentation does not say what happens; Microsoft's samples clear first, so the stand-in refuses (strict)
    expect(
      await attempt(xl, (ctx) => {
        sheet(ctx).getRange("C1:C10").dataValidation.rule = rule;
        sheet(ctx).getRange("C1:C10").dataValidation.rule = { decimal: { formula1: 0, operator: "GreaterThan" } };
      }),
    ).toMatchObject({ code: "InvalidArgument" });
    expect(xl.sheet("Sheet1")!.validations.get("C1:C10")).toEqual({ rule });
    // prompt, alert and ignoreBlanks go on the same range as the rule
    expect(
      await attempt(xl, (ctx) => {
        const dv = sheet(ctx).getRange("C1:C10").dataValidation;
        dv.ignoreBlanks = false;
        dv.prompt = { showPrompt: true, title: "", message: "A whole number above 1." };
      }),
    ).toBeUndefined();
    // a range that only partly overlaps the validated one (https://github.com/OfficeDev/office-js/issues/2594)
    expect(
      await attempt(xl, (ctx) => {
        sheet(ctx).getRange("C5:D5").dataValidation.prompt = { showPrompt: true, title: "", message: "x" };
      }),
    ).toMatchObject({ code: "InvalidArgument" });
    // clear() removes validation from the overlapping cells only; then a rule can be set there
    expect(
      await attempt(xl, (ctx) => {
        sheet(ctx).getRange("C5").dataValidation.clear();
        sheet(ctx).getRange("C5").dataValidation.rule = { decimal: { formula1: 0, operator: "GreaterThan" } };
      }),
    ).toBeUndefined();
    expect([...xl.sheet("Sheet1")!.validations.keys()].sort()).toEqual(["C1:C4", "C5", "C6:C10"]);
    expect(xl.sheet("Sheet1")!.validations.get("C6:C10")).toMatchObject({ rule, ignoreBlanks: false });
    // the prompt set before the rule on exactly the same range: allowed
    expect(
      await attempt(xl, (ctx) => {
        const dv = sheet(ctx).getRange("E1").dataValidation;
        dv.prompt = { showPrompt: true, title: "", message: "x" };
        dv.rule = rule;
      }),
    ).toBeUndefined();
  });
});

describe("1. validationViolations()", () => {
  async function validated(cells: Record<string, string | number | boolean>, rules: [string, Record<string, unknown>][]) {
    const xl = new ExcelStandIn({ sheets: [{ name: "Inputs", cells }] });
    const e = await attempt(xl, (ctx) => {
      for (const [address, dv] of rules) {
        const v = sheet(ctx, "Inputs").getRange(address).dataValidation;
        for (const [k, x] of Object.entries(dv)) v[k] = x;
      }
    });
    expect(e).toBeUndefined();
    return xl;
  }

  test("custom: relative references follow each cell of the range (from its top-left cell), $ references stay", async () => {
    const xl = await validated({ C30: 0.95, C31: 1.5, C32: "x", C33: 0.2, E1: 0.5 }, [
      ["C30:C32", { rule: { custom: { formula: "=AND(ISNUMBER(C30),C30>0,C30<1)" } } }],
      ["C33", { rule: { custom: { formula: "=C33<=$E$1" } } }],
    ]);
    expect(xl.validationViolations()).toEqual([
      "Inputs!C31: 1.5 breaks custom AND(ISNUMBER(C30),C30>0,C30<1)",
      'Inputs!C32: "x" breaks custom AND(ISNUMBER(C30),C30>0,C30<1)',
    ]);
    xl.sheet("Inputs")!.cells.set("E1", { value: 0.1 });
    expect(xl.validationViolations()).toContain("Inputs!C33: 0.2 breaks custom C33<=$E$1");
  });

  test("custom: the operators and functions the evaluator knows; only TRUE passes (strict)", async () => {
    const f = (formula: string) => ["A1", { rule: { custom: { formula } } }] as [string, Record<string, unknown>];
    const pass = [
      "=A1=5",
      "=A1<>4",
      "=A1>=5",
      "=A1<=5",
      "=A1*2/5=2",
      "=A1-1+1=5",
      "=OR(A1<0,A1>4)",
      "=NOT(A1<0)",
      "=INT(A1+0.5)=5",
      "=ABS(-A1)=5",
    ];
    for (const formula of pass) expect((await validated({ A1: 5 }, [f(formula)])).validationViolations()).toEqual([]);
    for (const formula of ["=ISTEXT(A1)", "=ISBLANK(A1)", "=A1", '=A1="5"']) {
      expect((await validated({ A1: 5 }, [f(formula)])).validationViolations()).toEqual([`Inputs!A1: 5 breaks custom ${formula.slice(1)}`]);
    }
    // text compares case-insensitively; TRUE/FALSE and strings
    expect((await validated({ A1: "Yes" }, [f('=OR(A1="yes",FALSE)')])).validationViolations()).toEqual([]);
  });

  test("custom: a function the evaluator does not know is reported, so a new kind of rule gets noticed", async () => {
    const xl = await validated({ A1: 4 }, [["A1", { rule: { custom: { formula: "=ISEVEN(A1)" } } }]]);
    expect(xl.validationViolations()).toEqual(["Inputs!A1: cannot evaluate custom ISEVEN(A1): unknown function ISEVEN"]);
  });

  test("wholeNumber and decimal: the type and the operator, bounds from numbers or formulas", async () => {
    const xl = await validated({ B1: 3, B2: 2.5, B3: 9, B4: "five", D1: 0.5, D2: -1, D3: 0, E1: 0 }, [
      ["B1:B4", { rule: { wholeNumber: { formula1: 1, formula2: 8, operator: "Between" } } }],
      ["D1:D3", { rule: { decimal: { formula1: "=$E$1", operator: "GreaterThan" } } }],
    ]);
    expect(xl.validationViolations()).toEqual([
      "Inputs!B2: 2.5 breaks wholeNumber Between 1 and 8",
      "Inputs!B3: 9 breaks wholeNumber Between 1 and 8",
      'Inputs!B4: "five" breaks wholeNumber Between 1 and 8',
      "Inputs!D2: -1 breaks decimal GreaterThan =$E$1",
      "Inputs!D3: 0 breaks decimal GreaterThan =$E$1",
    ]);
  });

  test("list: case-insensitive text, numbers as their text, items untrimmed (strict), or a range source", async () => {
    const xl = await validated({ A1: "B", A2: "d", B1: 2, B2: 3, C1: "Ricky", E1: "x", E2: 7, F1: 7 }, [
      ["A1:A2", { rule: { list: { inCellDropDown: true, source: "a,b,c" } } }],
      ["B1:B2", { rule: { list: { inCellDropDown: true, source: "1,2" } } }],
      // "Sue, Ricky, Liz": Excel keeps the space before "Ricky" (strict reading), so "Ricky" is not an item
      ["C1", { rule: { list: { inCellDropDown: true, source: "Sue, Ricky, Liz" } } }],
      ["F1", { rule: { list: { inCellDropDown: true, source: "=$E$1:$E$2" } } }],
    ]);
    expect(xl.validationViolations()).toEqual([
      'Inputs!A2: "d" breaks list "a,b,c"',
      'Inputs!B2: 3 breaks list "1,2"',
      'Inputs!C1: "Ricky" breaks list "Sue, Ricky, Liz"',
    ]);
  });

  test("blank cells: pass with ignoreBlanks true (Excel's default), break the rule with ignoreBlanks false", async () => {
    const rule = { decimal: { formula1: 0, operator: "GreaterThan" } };
    expect((await validated({}, [["A1", { rule }]])).validationViolations()).toEqual([]);
    expect((await validated({}, [["A1", { rule, ignoreBlanks: true }]])).validationViolations()).toEqual([]);
    expect((await validated({}, [["A1", { rule, ignoreBlanks: false }]])).validationViolations()).toEqual([
      "Inputs!A1: (blank) breaks decimal GreaterThan 0 (ignoreBlanks is false)",
    ]);
  });

  test("a cell holding a formula is checked on its result, evaluated; an error value breaks every rule", async () => {
    const rule = { decimal: { formula1: 0, formula2: 1, operator: "Between" } };
    const xl = await validated({ A1: "=0.5+0.2", A2: "=2", A3: "=NOW()", A4: "x" }, [["A1:A3", { rule }]]);
    await attempt(xl, (ctx) => {
      sheet(ctx, "Inputs").getRange("A4").values = [["#N/A"]];
      sheet(ctx, "Inputs").getRange("A4").dataValidation.rule = rule;
    });
    expect(xl.validationViolations()).toEqual([
      "Inputs!A2: =2 (= 2) breaks decimal Between 0 and 1",
      "Inputs!A3: cannot evaluate its formula =NOW(): unknown function NOW",
      "Inputs!A4: #N/A breaks decimal Between 0 and 1",
    ]);
  });
});

// ---- 2. tables ------------------------------------------------------------------------------------

describe("2. TableCollection.add: the address's sheet, else the active sheet", () => {
  const book = (): StandInOptions => ({ sheets: [{ name: "Sheet1" }, { name: "Data" }, { name: "My sheet" }] });
  const where = (xl: ExcelStandIn) => xl.snapshot().tables.map((t) => `${t.sheet}!${t.address}`);

  test("an address without a sheet name goes to the active sheet, from workbook.tables and from worksheet.tables alike", async () => {
    // "If the address does not contain a sheet name, the currently-active sheet is used." Worksheet.tables
    // is the same TableCollection class: its add follows the same rule, not the sheet it was reached from.
    const xl = new ExcelStandIn(book());
    expect(
      await attempt(xl, (ctx) => {
        ctx.workbook.tables.add("A1:B3", true);
        sheet(ctx, "Data").tables.add("D1:E3", true);
      }),
    ).toBeUndefined();
    expect(where(xl)).toEqual(["Sheet1!A1:B3", "Sheet1!D1:E3"]);
    // after activating Data, it is Data
    await attempt(xl, (ctx) => sheet(ctx, "Data").activate());
    await attempt(xl, (ctx) => sheet(ctx, "My sheet").tables.add("A1:B3", true));
    expect(where(xl)[2]).toBe("Data!A1:B3");
  });

  test("a sheet-qualified address goes to that sheet; a Range (ExcelApi 1.3) to its own sheet", async () => {
    const xl = new ExcelStandIn(book());
    expect(
      await attempt(xl, (ctx) => {
        ctx.workbook.tables.add("'My sheet'!A1:C5", true);
        sheet(ctx, "Sheet1").tables.add("Data!A1:B2", true);
        sheet(ctx, "Sheet1").tables.add(sheet(ctx, "Data").getRange("D1:E4"), true);
      }),
    ).toBeUndefined();
    expect(where(xl)).toEqual(["My sheet!A1:C5", "Data!A1:B2", "Data!D1:E4"]);
    expect(xl.tables.map((t) => t.name)).toEqual(["Table1", "Table2", "Table3"]);
  });

  test("an overlap with another table of that sheet, or a bad address, is refused", async () => {
    const xl = new ExcelStandIn(book());
    expect(await attempt(xl, (ctx) => ctx.workbook.tables.add("Data!A1:B3", true))).toBeUndefined();
    expect(await attempt(xl, (ctx) => ctx.workbook.tables.add("Data!B2:C4", true))).toMatchObject({ code: "InvalidOperation" });
    expect(await attempt(xl, (ctx) => ctx.workbook.tables.add("Nowhere!A1:B2", true))).toMatchObject({ code: "ItemNotFound" });
    expect(await attempt(xl, (ctx) => ctx.workbook.tables.add("A1:B2:C3", true))).toMatchObject({ code: "InvalidArgument" });
  });
});

// ---- 3. request size ------------------------------------------------------------------------------

describe("3. request size as Excel on the web counts it", () => {
  /** UTF-8 bytes of a value's JSON once escaped inside the message (the body travels as a JSON string). */
  const esc = (v: unknown) => new TextEncoder().encode(JSON.stringify(JSON.stringify(v))).length - 2;
  const escText = (s: string) => new TextEncoder().encode(JSON.stringify(s)).length - 2;

  test("the fixed figures are those of the RichApi JSON entries, with 6-digit ids, escaped", () => {
    expect(REQUEST_MODEL.OBJECT_PATH).toBe(escText('"123456":{"Id":123456,"ObjectPathType":4,"Name":,"ParentObjectPathId":123456},'));
    expect(REQUEST_MODEL.ACTION).toBe(escText('{"Id":123456,"ActionType":1,"Name":,"ObjectPathId":123456},'));
    expect(REQUEST_MODEL.ARGUMENTS).toBe(escText(',"ArgumentInfo":{"Arguments":}'));
    expect(REQUEST_MODEL.QUERY).toBe(escText(',"QueryInfo":{"Select":}'));
    expect(REQUEST_MODEL.QUERY_ALL).toBe(escText(',"QueryInfo":{}'));
    expect(REQUEST_MODEL.REFERENCED_IDS).toBe(escText(',"ReferencedObjectPathIds":'));
  });

  test("one property set counts every object path it navigates (with its Instantiate action), then the action", async () => {
    const xl = new ExcelStandIn();
    await attempt(xl, (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.font.bold = true;
    });
    const M = REQUEST_MODEL;
    const path = (name: string, args?: unknown[]) => M.OBJECT_PATH + esc(name) + M.ACTION + (args ? M.ARGUMENTS + esc(args) : 0);
    const expected =
      M.ENVELOPE +
      path("") + // the workbook
      path("Worksheets") +
      path("GetItem", ["Sheet1"]) +
      path("GetRange", ["A1"]) +
      path("Format") +
      path("Font") +
      M.ACTION +
      esc("Bold") +
      M.ARGUMENTS +
      esc([true]);
    expect(xl.payloads).toEqual([expected]);
    expect(xl.requests[0]).toMatchObject({ objectPaths: 6, actions: 7, bytes: expected });
  });

  test("many small writes: the object paths weigh more than the arguments, and a request past the limit is refused whole", async () => {
    const write = (xl: ExcelStandIn) =>
      attempt(xl, (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sheet1");
        for (let r = 1; r <= 1000; r++) ws.getRange(`A${r}`).format.fill.color = "#FFF2CC";
      });
    const measure = new ExcelStandIn();
    expect(await write(measure)).toBeUndefined();
    const bytes = measure.payloads[0];
    // the arguments alone ("A1".."A1000" and the colour) are about 20 kB; each range costs its
    // GetRange, Format and Fill paths, their Instantiate actions and the SetProperty action
    expect(bytes).toBeGreaterThan(1000 * (3 * (REQUEST_MODEL.OBJECT_PATH + REQUEST_MODEL.ACTION) + REQUEST_MODEL.ACTION));
    const xl = new ExcelStandIn({ payloadLimit: bytes - 1 });
    expect(await write(xl)).toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(xl.payloads).toEqual([bytes]);
    expect(xl.sheet("Sheet1")!.cells.size).toBe(0);
  });

  test("a proxy used again in a later request sends its path again; loads and arguments count; text in UTF-8 and escaped", async () => {
    const xl = new ExcelStandIn();
    await xl.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").values = [["x"]];
      await ctx.sync();
      ws.getRange("A2").values = [["x"]];
      await ctx.sync();
      ws.load("name");
      await ctx.sync();
    });
    // the second request carries workbook, worksheets, getItem again, and the new range
    expect(xl.requests.map((r) => [r.objectPaths, r.actions])).toEqual([
      [4, 5],
      [4, 5],
      [3, 4],
    ]);
    expect(xl.payloads[2]).toBe(
      REQUEST_MODEL.ENVELOPE +
        3 * (REQUEST_MODEL.OBJECT_PATH + REQUEST_MODEL.ACTION) +
        esc("") +
        esc("Worksheets") +
        esc("GetItem") +
        REQUEST_MODEL.ARGUMENTS +
        esc(["Sheet1"]) +
        REQUEST_MODEL.ACTION +
        REQUEST_MODEL.QUERY +
        esc(["name"]),
    );
    const sized = async (text: string) => {
      const x = new ExcelStandIn();
      await attempt(x, (ctx) => (sheet(ctx).getRange("A1").values = [[text]]));
      return x.payloads[0];
    };
    // "✓" is 3 bytes in UTF-8; a quote is 1 byte, escaped inside the message to 2 (then once more as \")
    expect((await sized("✓")) - (await sized("x"))).toBe(2);
    expect((await sized('"')) - (await sized("x"))).toBe(escText(JSON.stringify('"')) - escText(JSON.stringify("x")));
  });

  test("a Range passed as an argument is sent as its path id, with its own path", async () => {
    const xl = new ExcelStandIn();
    await attempt(xl, (ctx) => {
      const ws = sheet(ctx);
      ws.freezePanes.freezeAt(ws.getRange("A1:B2"));
    });
    expect(xl.requests[0]).toMatchObject({ objectPaths: 5, actions: 6 });
    expect(xl.sheet("Sheet1")!.freeze).toEqual({ rows: 2, cols: 2 });
  });
});

// ---- 4. typed input -------------------------------------------------------------------------------

describe("4. text written through values or formulas is read like typed input", () => {
  const year = new Date().getFullYear();
  const cases: [string, Record<string, unknown>][] = [
    ["1,000", { value: 1000, typedAs: "number" }],
    ["1e5", { value: 100000, typedAs: "number" }],
    [" 5 ", { value: 5, typedAs: "number" }],
    ["-5", { value: -5, typedAs: "number" }],
    ["+1", { value: 1, typedAs: "number" }],
    ["$5", { value: 5, typedAs: "currency" }],
    ["(5)", { value: -5, typedAs: "number" }],
    ["50%", { value: 0.5, typedAs: "percent" }],
    ["1 1/2", { value: 1.5, typedAs: "fraction" }],
    ["5-Jan", { value: dateSerial(year, 1, 5), typedAs: "date" }],
    ["Jan 5", { value: dateSerial(year, 1, 5), typedAs: "date" }],
    ["1/2", { value: dateSerial(year, 1, 2), typedAs: "date" }],
    ["2020-01-05", { value: 43835, typedAs: "date" }],
    ["5 Jan 2020", { value: 43835, typedAs: "date" }],
    ["1/5/2020", { value: 43835, typedAs: "date" }],
    ["10:30", { value: 0.4375, typedAs: "time" }],
    ["10:30 PM", { value: 22.5 / 24, typedAs: "time" }],
    ["2020-01-05 12:00", { value: 43835.5, typedAs: "datetime" }],
    ["TRUE", { value: true, typedAs: "boolean" }],
    ["false", { value: false, typedAs: "boolean" }],
    ["#N/A", { value: "#N/A", error: "#N/A", typedAs: "error" }],
    ["#DIV/0!", { error: "#DIV/0!" }],
    ["#VALUE!", { error: "#VALUE!" }],
    ["#REF!", { error: "#REF!" }],
    ["#NAME?", { error: "#NAME?" }],
    ["#NUM!", { error: "#NUM!" }],
    ["#NULL!", { error: "#NULL!" }],
    ["=not a formula", { formula: "=not a formula", typedAs: "formula" }],
    // Range.values: "If the returned value starts with a plus, minus, or equal sign, Excel interprets this value as a formula."
    ["-x", { formula: "=-x", typedAs: "formula" }],
    ["'1,000", { value: "1,000", typedAs: "text" }],
    ["''quoted", { value: "'quoted", typedAs: "text" }],
    ["plain text", { value: "plain text" }],
    ["@home", { value: "@home" }],
  ];

  test.each(cases)("%j", async (input, expected) => {
    for (const prop of ["values", "formulas"]) {
      const xl = new ExcelStandIn();
      await attempt(xl, (ctx) => (sheet(ctx).getRange("A1")[prop] = [[input]]));
      const cell = xl.sheet("Sheet1")!.cells.get("A1")!;
      expect(cell).toMatchObject(expected);
      if (!("formula" in expected)) expect(cell.formula).toBeUndefined();
    }
  });

  test("Excel's date serials: 1900 date system with its 29 Feb 1900", () => {
    expect(dateSerial(1900, 1, 1)).toBe(1);
    expect(dateSerial(1900, 2, 28)).toBe(59);
    expect(dateSerial(1900, 3, 1)).toBe(61);
    expect(dateSerial(2020, 1, 5)).toBe(43835);
    expect(dateSerial(2021, 2, 29)).toBeNull();
    expect(parseTypedInput("13/45")).toEqual({ value: "13/45" });
  });

  test('a cell already formatted as text ("@") keeps the string: the order of numberFormat and formulas matters', async () => {
    const xl = new ExcelStandIn();
    await attempt(xl, (ctx) => {
      const a = sheet(ctx).getRange("A1:B1");
      a.numberFormat = [["@", "@"]];
      a.formulas = [["1,000", "=A1"]];
      const c = sheet(ctx).getRange("C1");
      c.formulas = [["1,000"]];
      c.numberFormat = [["@"]];
    });
    const cells = xl.sheet("Sheet1")!.cells;
    expect(cells.get("A1")).toMatchObject({ value: "1,000", typedAs: "text", numberFormat: "@" });
    expect(cells.get("B1")).toMatchObject({ value: "=A1", typedAs: "text" });
    expect(cells.get("B1")!.formula).toBeUndefined();
    expect(cells.get("C1")).toMatchObject({ value: 1000, typedAs: "number", numberFormat: "@" });
  });

  test("numbers and booleans are written as they are; values read back as Excel returns them", async () => {
    const xl = new ExcelStandIn();
    const read = await xl.run(async (ctx) => {
      const r = sheet(ctx).getRange("A1:D1");
      r.values = [[12.5, true, "#N/A", "=1+1"]];
      r.load("values,formulas");
      await ctx.sync();
      return [r.values, r.formulas];
    });
    expect(xl.sheet("Sheet1")!.cells.get("A1")).toEqual({ value: 12.5 });
    expect(read).toEqual([[[12.5, true, "#N/A", 2]], [[12.5, true, "#N/A", "=1+1"]]]);
  });
});

// ---- 5. names -------------------------------------------------------------------------------------

describe("5. defined names, table names and sheet names", () => {
  const invalidNames = [
    "",
    "A1",
    "a1",
    "XFD1048576",
    "SCM1", // column SCM (12935) exists: a cell reference
    "R",
    "c",
    "RC",
    "R1",
    "C12",
    "R1C1",
    "R1C",
    "RC1",
    "R2D2", // begins with an R1C1 row reference (MS-XLSB XLNameWideString)
    "my name",
    "1abc",
    ".abc",
    "a-b",
    "a$b",
    "a?b", // MS-XLSB allows "?" after the first character; the support article does not (strict)
    "a\\b",
    "TRUE",
    "false",
    "x".repeat(256),
  ];
  const validNames = ["_x", "\\x", "Rate", "Cost", "XFE1", "A1048577", "SCM_LeadTime_1", "a.b", "Ünïcode", "rc_x", "x".repeat(255)];

  test.each(invalidNames)("NamedItemCollection.add refuses %j", async (name) => {
    expect(definedNameProblem(name)).not.toBeNull();
    const xl = new ExcelStandIn();
    const e = await attempt(xl, (ctx) => ctx.workbook.names.add(name, "=Sheet1!$A$1"));
    expect(e).toMatchObject({ code: "InvalidArgument", debugInfo: { errorLocation: "NamedItemCollection.add" } });
    expect(xl.names).toEqual([]);
  });

  test.each(validNames)("NamedItemCollection.add accepts %j", async (name) => {
    expect(definedNameProblem(name)).toBeNull();
    const xl = new ExcelStandIn();
    expect(await attempt(xl, (ctx) => ctx.workbook.names.add(name, "=Sheet1!$A$1"))).toBeUndefined();
    expect(xl.names.map((n) => n.name)).toEqual([name]);
  });

  test("table names follow the same rules, and names and tables share one case-insensitive namespace", async () => {
    const xl = new ExcelStandIn({ names: [{ name: "Sales", formula: "=Sheet1!$A$1" }] });
    const rename = (name: string) => {
      xl.tables = [];
      return attempt(xl, (ctx) => {
        const t = ctx.workbook.tables.add("Sheet1!C1:D3", true);
        t.name = name;
      });
    };
    expect(await rename("R1C1")).toMatchObject({ code: "InvalidArgument", debugInfo: { errorLocation: "Table.name" } });
    expect(await rename("SALES")).toMatchObject({ code: "ItemAlreadyExists" });
    expect(await rename("Sales_2")).toBeUndefined();
    expect(await attempt(xl, (ctx) => ctx.workbook.names.add("sales_2", "=Sheet1!$A$1"))).toMatchObject({ code: "ItemAlreadyExists" });
  });

  test.each([
    ["", "blank"],
    ["x".repeat(32), "32 characters"],
    ["a:b", ":"],
    ["a/b", "/"],
    ["a\\b", "\\"],
    ["a?b", "?"],
    ["a*b", "*"],
    ["a[b", "["],
    ["a]b", "]"],
    ["'quoted", "a leading apostrophe"],
    ["quoted'", "a trailing apostrophe"],
    ["History", "the reserved name"],
    ["HISTORY", "the reserved name in another case"],
  ])("sheet names: add and rename refuse %j (%s)", async (name) => {
    expect(sheetNameProblem(name)).not.toBeNull();
    const xl = new ExcelStandIn();
    expect(await attempt(xl, (ctx) => ctx.workbook.worksheets.add(name))).toMatchObject({ code: "InvalidArgument" });
    expect(await attempt(xl, (ctx) => (sheet(ctx).name = name))).toMatchObject({ code: "InvalidArgument" });
    expect(xl.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  test("sheet names: 31 characters, inner apostrophes and Unicode are fine; a name in use (any case) is refused", async () => {
    const xl = new ExcelStandIn();
    for (const name of ["x".repeat(31), "Bob's data", "Entrepôt ✓", "Historyx"])
      expect(await attempt(xl, (ctx) => ctx.workbook.worksheets.add(name))).toBeUndefined();
    expect(await attempt(xl, (ctx) => ctx.workbook.worksheets.add("SHEET1"))).toMatchObject({ code: "ItemAlreadyExists" });
    expect(await attempt(xl, (ctx) => (sheet(ctx, "Historyx").name = "bob's DATA"))).toMatchObject({ code: "ItemAlreadyExists" });
    expect(await attempt(xl, (ctx) => (sheet(ctx).name = "sheet1"))).toBeUndefined();
  });
});

// ---- 6. calculation -------------------------------------------------------------------------------

describe("6. calculation: suspendApiCalculationUntilNextSync and Application.calculate", () => {
  const write = (ctx: any, suspend: boolean) => {
    if (suspend) ctx.application.suspendApiCalculationUntilNextSync();
    sheet(ctx).getRange("A1").formulas = [["=B1*2"]];
  };

  test("a write in a suspended batch needs a recalculation; only a full calculation in a batch that is not suspended clears it", async () => {
    const xl = new ExcelStandIn();
    await attempt(xl, (ctx) => write(ctx, false));
    expect(xl.needsRecalc).toBe(false);
    await attempt(xl, (ctx) => write(ctx, true));
    expect(xl.needsRecalc).toBe(true);
    expect(xl.snapshot().needsRecalc).toBe(true);
    // a calculate in a suspended batch does not count
    await attempt(xl, (ctx) => {
      ctx.application.suspendApiCalculationUntilNextSync();
      ctx.application.calculate("Full");
    });
    expect(xl.needsRecalc).toBe(true);
    // "Recalculate" recalculates cells marked dirty; whether suspended writes were marked is not documented (strict)
    await attempt(xl, (ctx) => ctx.application.calculate("Recalculate"));
    expect(xl.needsRecalc).toBe(true);
    // a later write without suspension does not make the earlier ones current either
    await attempt(xl, (ctx) => write(ctx, false));
    expect(xl.needsRecalc).toBe(true);
    // Workbook.application is the same Application
    await attempt(xl, (ctx) => ctx.workbook.application.calculate("Full"));
    expect(xl.needsRecalc).toBe(false);
    await attempt(xl, (ctx) => write(ctx, true));
    await attempt(xl, (ctx) => ctx.application.calculate("FullRebuild"));
    expect(xl.snapshot().needsRecalc).toBe(false);
    expect(xl.ops.filter((o) => o.location === "Application.calculate").map((o) => [o.args[0], o.calcSuspended])).toEqual([
      ["Full", true],
      ["Recalculate", false],
      ["Full", false],
      ["FullRebuild", false],
    ]);
  });

  test("the suspension covers the whole batch, wherever it is queued (strict); clear() is a content write too", async () => {
    const xl = new ExcelStandIn();
    await attempt(xl, (ctx) => {
      sheet(ctx).getRange("A1").values = [[1]];
      ctx.application.suspendApiCalculationUntilNextSync();
    });
    expect(xl.needsRecalc).toBe(true);
    await attempt(xl, (ctx) => ctx.application.calculate("Full"));
    await attempt(xl, (ctx) => {
      ctx.application.suspendApiCalculationUntilNextSync();
      sheet(ctx).getRange("A1").clear("Contents");
    });
    expect(xl.needsRecalc).toBe(true);
  });

  test("an unknown calculation type is refused", async () => {
    const xl = new ExcelStandIn();
    expect(await attempt(xl, (ctx) => ctx.application.calculate("full"))).toMatchObject({ code: "InvalidArgument" });
  });
});

// ---- 7. visibility --------------------------------------------------------------------------------

describe("7. worksheet visibility", () => {
  const book = (): StandInOptions => ({ sheets: [{ name: "A" }, { name: "B" }, { name: "C" }] });

  test("the workbook keeps at least one visible sheet (hiding or deleting the last one is refused)", async () => {
    const xl = new ExcelStandIn({ sheets: [{ name: "A" }, { name: "B", visibility: "Hidden" }] });
    expect(await attempt(xl, (ctx) => (sheet(ctx, "A").visibility = "Hidden"))).toMatchObject({ code: "InvalidOperation" });
    expect(await attempt(xl, (ctx) => (sheet(ctx, "A").visibility = "VeryHidden"))).toMatchObject({ code: "InvalidOperation" });
    expect(await attempt(xl, (ctx) => sheet(ctx, "A").delete())).toMatchObject({ code: "InvalidOperation" });
    expect(await attempt(xl, (ctx) => (sheet(ctx, "A").visibility = "hidden"))).toMatchObject({ code: "InvalidArgument" });
  });

  test("a very hidden sheet cannot be deleted (documented: make it hidden or visible first)", async () => {
    const xl = new ExcelStandIn(book());
    await attempt(xl, (ctx) => (sheet(ctx, "B").visibility = "VeryHidden"));
    expect(await attempt(xl, (ctx) => sheet(ctx, "B").delete())).toMatchObject({
      code: "InvalidOperation",
      debugInfo: { errorLocation: "Worksheet.delete" },
    });
    expect(
      await attempt(xl, (ctx) => {
        sheet(ctx, "B").visibility = "Hidden";
        sheet(ctx, "B").delete();
      }),
    ).toBeUndefined();
    expect(xl.sheets.map((s) => s.name)).toEqual(["A", "C"]);
  });

  test("hiding or deleting the active sheet is not an error (not documented as one); Excel shows the next visible sheet", async () => {
    const xl = new ExcelStandIn(book());
    expect(xl.snapshot().activeSheet).toBe("A");
    await attempt(xl, (ctx) => (sheet(ctx, "A").visibility = "Hidden"));
    expect(xl.snapshot().activeSheet).toBe("B");
    await attempt(xl, (ctx) => sheet(ctx, "B").delete());
    expect(xl.snapshot().activeSheet).toBe("C");
  });

  test("activating a hidden sheet is refused (not documented; Excel cannot show it: strict)", async () => {
    const xl = new ExcelStandIn(book());
    await attempt(xl, (ctx) => (sheet(ctx, "C").visibility = "Hidden"));
    expect(await attempt(xl, (ctx) => sheet(ctx, "C").activate())).toMatchObject({ code: "InvalidOperation" });
    expect(await attempt(xl, (ctx) => sheet(ctx, "B").activate())).toBeUndefined();
    expect(xl.snapshot().activeSheet).toBe("B");
  });
});

describe("8. conditional formats (Range.conditionalFormats, ExcelApi 1.6) and hidden columns (Range.columnHidden)", () => {
  const addCustom = (set: (cf: any) => void, type: unknown = "Custom", address = "B2:B9") => {
    const xl = new ExcelStandIn();
    return attempt(xl, (ctx) => set(sheet(ctx).getRange(address).conditionalFormats.add(type))).then((e) => ({ xl, e }));
  };

  test("a custom format: its range, rule formula (with '='), fill, font colour and bold are applied at sync", async () => {
    const { xl, e } = await addCustom((cf) => {
      cf.custom.rule.formula = '=$B2="Order now"';
      cf.custom.format.fill.color = "#F8CBAD";
      cf.custom.format.font.color = "#9C0006";
      cf.custom.format.font.bold = true;
    });
    expect(e).toBeUndefined();
    expect(xl.snapshot().sheets[0].conditionalFormats).toEqual([
      { address: "B2:B9", type: "Custom", formula: '=$B2="Order now"', fill: "#F8CBAD", fontColor: "#9C0006", bold: true },
    ]);
    expect(xl.ops.map((o) => o.location)).toEqual([
      "ConditionalFormatCollection.add",
      "ConditionalFormatRule.formula",
      "ConditionalRangeFill.color",
      "ConditionalRangeFont.color",
      "ConditionalRangeFont.bold",
    ]);
  });

  test.each([
    // every documented rule formula starts with "=" (strict reading), as in DataValidation.rule.custom
    ["a rule formula without '='", (cf: any) => (cf.custom.rule.formula = "$B2>0"), "ConditionalFormatRule.formula"],
    ["an empty rule formula", (cf: any) => (cf.custom.rule.formula = "="), "ConditionalFormatRule.formula"],
    [
      "a rule formula over 255 characters (strict)",
      (cf: any) => (cf.custom.rule.formula = `=${"1+".repeat(127)}1`),
      "ConditionalFormatRule.formula",
    ],
    // "#RRGGBB" or a named HTML colour (the reference's "FFA500" example contradicts its form: strict)
    ["a fill colour without '#'", (cf: any) => (cf.custom.format.fill.color = "F8CBAD"), "ConditionalRangeFill.color"],
    ["a font colour of 3 digits", (cf: any) => (cf.custom.format.font.color = "#FFF"), "ConditionalRangeFont.color"],
    ["bold as a string", (cf: any) => (cf.custom.format.font.bold = "true"), "ConditionalRangeFont.bold"],
  ])("refuses %s", async (_what, set, location) => {
    const { e } = await addCustom(set);
    expect(e).toMatchObject({ code: "InvalidArgument", debugInfo: { errorLocation: location } });
  });

  test("an unknown type is refused; a documented type other than Custom is not modelled (refused, so it gets noticed)", async () => {
    expect((await addCustom(() => undefined, "custom")).e).toMatchObject({ code: "InvalidArgument" });
    expect((await addCustom(() => undefined, "DataBar")).e?.message).toMatch(/models only custom/);
  });

  test("clear('All') leaves conditional formats (not documented to remove them: strict); clearAll() removes the overlap only", async () => {
    const xl = new ExcelStandIn();
    await attempt(xl, (ctx) => {
      for (const a of ["A1:A9", "C1:C3"]) sheet(ctx).getRange(a).conditionalFormats.add("Custom").custom.rule.formula = "=TRUE";
    });
    await attempt(xl, (ctx) => sheet(ctx).getRange().clear("All"));
    expect(xl.sheet("Sheet1")!.conditionalFormats.map((f) => f.address)).toEqual(["A1:A9", "C1:C3"]);
    await attempt(xl, (ctx) => sheet(ctx).getRange("A4:C5").conditionalFormats.clearAll());
    expect(xl.sheet("Sheet1")!.conditionalFormats.map((f) => f.address)).toEqual(["A1:A3,A6:A9", "C1:C3"]);
    await attempt(xl, (ctx) => sheet(ctx).getRange().conditionalFormats.clearAll());
    expect(xl.sheet("Sheet1")!.conditionalFormats).toEqual([]);
  });

  test("columnHidden: a boolean; reads true (all hidden), false (none) or null (some); clear('All') does not unhide", async () => {
    const xl = new ExcelStandIn();
    expect(
      await attempt(xl, (ctx) => {
        sheet(ctx).getRange("U:X").columnHidden = true;
      }),
    ).toBeUndefined();
    await attempt(xl, (ctx) => sheet(ctx).getRange().clear("All"));
    expect([...xl.sheet("Sheet1")!.hiddenColumns]).toEqual(["U", "V", "W", "X"]);
    const read = (address: string) =>
      xl.run(async (ctx) => {
        const r = sheet(ctx).getRange(address);
        r.load("columnHidden");
        await ctx.sync();
        return r.columnHidden;
      });
    expect([await read("U:X"), await read("A:B"), await read("T:U")]).toEqual([true, false, null]);
    const e = await attempt(xl, (ctx) => {
      sheet(ctx).getRange("A:A").columnHidden = "yes";
    });
    expect(e).toMatchObject({ code: "InvalidArgument", debugInfo: { errorLocation: "Range.columnHidden" } });
    await attempt(xl, (ctx) => {
      sheet(ctx).getRange().columnHidden = false;
    });
    expect(xl.snapshot().sheets[0].hiddenColumns).toEqual([]);
  });
});

// ---- the rest of the public API -------------------------------------------------------------------

describe("the stand-in's own API still works", () => {
  test("ops, syncs, payloads, snapshot, failAt and properties that need load + sync", async () => {
    const xl = new ExcelStandIn({ failAt: { location: "Range.numberFormat", nth: 2 } });
    const e = await attempt(xl, (ctx) => {
      const r = sheet(ctx).getRange("A1");
      r.values = [[1]];
      r.numberFormat = [["0"]];
      r.numberFormat = [["0.0"]];
      r.values = [[2]];
    });
    expect(e).toMatchObject({ code: "GeneralException", debugInfo: { errorLocation: "Range.numberFormat" } });
    expect(xl.ops.map((o) => o.location)).toEqual(["Range.values", "Range.numberFormat"]);
    expect(xl.sheet("Sheet1")!.cells.get("A1")).toEqual({ value: 1, numberFormat: "0" });
    const snap = xl.snapshot();
    expect(snap).toMatchObject({ syncs: 1, runs: 1, activeSheet: "Sheet1", needsRecalc: false });
    expect(snap.payloads).toHaveLength(1);
    await expect(
      xl.run(async (ctx) => {
        const r = sheet(ctx).getRange("A1");
        r.load("values");
        return r.values;
      }),
    ).rejects.toThrow(/PropertyNotLoaded/);
  });
});
