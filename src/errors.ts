/**
 * Domain errors raised by the engine. The engine knows nothing about Excel: the custom-function
 * adapters map each kind to an Excel error (value -> #VALUE!, num -> #NUM!, div0 -> #DIV/0!, na -> #N/A).
 */
export type ErrorKind = "value" | "num" | "div0" | "na";

export class DomainError extends Error {
  constructor(
    public readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * The error of the fast domain pre-checks (the `...InDomain` functions beside each engine function):
 * one shared object, so that a column of out-of-domain rows allocates nothing. It is #NUM!, which
 * Excel shows without a message, so it needs none more precise.
 */
export const OUT_OF_DOMAIN = new DomainError("num", "an argument is outside its domain");

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
