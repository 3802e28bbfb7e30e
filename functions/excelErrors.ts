/**
 * Excel errors for the custom functions. The engine throws DomainError(kind); here each kind becomes
 * a CustomFunctions.Error (a global of Excel's runtime). Only #VALUE! and #N/A carry a message:
 * Excel shows no message on the others.
 */
import { DomainError, ErrorKind } from "../src/errors";

export const VALUE = "#VALUE!";
export const NUM = "#NUM!";
export const DIV0 = "#DIV/0!";
export const NA = "#N/A";
export type ErrorCodeText = typeof VALUE | typeof NUM | typeof DIV0 | typeof NA;

const CODE_OF_KIND: Record<ErrorKind, ErrorCodeText> = { value: VALUE, num: NUM, div0: DIV0, na: NA };

/** A cell error. The code strings are the values of CustomFunctions.ErrorCode. */
export function excelError(code: ErrorCodeText, message?: string): CustomFunctions.Error {
  const ec = code as unknown as CustomFunctions.ErrorCode;
  if (message && (code === VALUE || code === NA)) return new CustomFunctions.Error(ec, message);
  return new CustomFunctions.Error(ec);
}

/** An Excel error received as an argument (a cell holding #N/A, ...): passed through unchanged. */
export class PassedError {
  constructor(readonly error: CustomFunctions.Error) {}
}

export function isExcelError(x: unknown): x is CustomFunctions.Error {
  return typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function" && x instanceof CustomFunctions.Error;
}

export const GENERIC_MESSAGE = "SCM: unexpected internal error while computing this value";

/** Maps anything thrown while computing a cell to the cell's error; never throws itself. */
export function errorFromException(e: unknown): CustomFunctions.Error {
  if (e instanceof DomainError) {
    const code = CODE_OF_KIND[e.kind];
    if (code) return excelError(code, e.message);
  }
  if (e instanceof PassedError) return e.error;
  return excelError(VALUE, GENERIC_MESSAGE);
}
