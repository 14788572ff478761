// Reading GitHub's 422 answers: which field was rejected, with which value,
// so a restorer can drop that one field (an unknown assignee, a milestone
// that is gone) and try again instead of losing the whole object.
import { statusOf } from "../github/errors.js";

export interface FieldProblem {
  field?: string;
  value?: unknown;
  code?: string;
  message?: string;
}

/** The `errors` of a 422 "Validation Failed" answer (strings become messages); [] for anything else. */
export function validationProblems(error: unknown): FieldProblem[] {
  if (typeof error !== "object" || error === null) return [];
  if ((error as { response?: unknown }).response === undefined || statusOf(error) !== 422) return [];
  const data = (error as { response: { data?: unknown } }).response.data;
  const errors =
    typeof data === "object" && data !== null ? (data as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors.map((e): FieldProblem => {
    if (typeof e === "string") return { message: e };
    if (typeof e !== "object" || e === null) return {};
    const o = e as Record<string, unknown>;
    const out: FieldProblem = {};
    if (typeof o.field === "string") out.field = o.field;
    if (o.value !== undefined) out.value = o.value;
    if (typeof o.code === "string") out.code = o.code;
    if (typeof o.message === "string") out.message = o.message;
    return out;
  });
}

/** The problems of a 422 that concern `field`. */
export function problemsWith(error: unknown, field: string): FieldProblem[] {
  return validationProblems(error).filter((p) => p.field === field);
}
