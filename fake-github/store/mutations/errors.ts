// How a store change is refused: a MutationError carries the status and errors
// GitHub would answer. The REST layer turns it into a response.

export type FieldErrorCode =
  | "missing"
  | "missing_field"
  | "invalid"
  | "already_exists"
  | "unprocessable"
  | "custom";

/** One entry of GitHub's "Validation Failed" `errors` array. */
export interface FieldError {
  resource: string;
  code: FieldErrorCode;
  field?: string;
  value?: unknown;
  /** Set for code "custom". */
  message?: string;
}

/** A rejected change, carrying what GitHub would answer. */
export class MutationError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Field errors ("Validation Failed") or plain strings ("Unprocessable Entity"). */
    readonly errors: Array<FieldError | string> = [],
  ) {
    super(message);
    this.name = "MutationError";
  }
}

export function notFound(): MutationError {
  return new MutationError(404, "Not Found");
}

/** 422 "Validation Failed" with field errors. */
export function validationFailed(...errors: FieldError[]): MutationError {
  return new MutationError(422, "Validation Failed", errors);
}

/** 422 "Unprocessable Entity" with plain-string errors (GitHub's `validation-error-simple`). */
export function unprocessable(...messages: string[]): MutationError {
  return new MutationError(422, "Unprocessable Entity", messages);
}
