/**
 * Domain errors raised by the engine. The engine knows nothing about Excel: the custom-function
 * adapters map each kind to an Excel error (value -> #VALUE!, num -> #NUM!, div0 -> #DIV/0!, na -> #N/A).
 */
export type ErrorKind = "value" | "num" | "div0" | "na";

export class DomainError extends Error {
  constructor(public readonly kind: ErrorKind, message: string) {
    super(message);
    this.name = "DomainError";
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
