/**
 * Stand-in for the parts of Excel's custom-functions runtime the adapters use: the global
 * `CustomFunctions.Error` class and the `CustomFunctions.ErrorCode` strings. Excel's runtime cannot
 * run here (it lives inside Excel); each test file installs this on globalThis before its tests.
 */
export class StandInError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export function installCustomFunctionsStandIn(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    Error: StandInError,
    ErrorCode: ERROR_CODES,
  };
}

/** The four codes SCM functions produce (a passed-through argument error keeps its own code). */
export const SCM_CODES = new Set(["#VALUE!", "#NUM!", "#DIV/0!", "#N/A"]);

export const isErr = (x: unknown, code?: string): x is StandInError => x instanceof StandInError && (code === undefined || x.code === code);

/** "#VALUE!: message" / "#NUM!" / the number / "" for compact assertions. */
export function show(x: unknown): unknown {
  if (x instanceof StandInError) return x.message ? `${x.code}: ${x.message}` : x.code;
  return x;
}

export const showAll = (cells: unknown[][]): unknown[][] => cells.map((r) => r.map(show));
