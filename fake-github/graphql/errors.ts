// GitHub-shaped GraphQL errors. GitHub's errors carry a top-level `type`
// (NOT_FOUND, EXCESSIVE_PAGINATION, ...) next to path/locations/message, which
// graphql-js does not produce, so resolvers throw GitHubFieldError and the
// formatter lifts its type out of the wrapping GraphQLError.
import type { GraphQLError } from "graphql";

export type GitHubErrorType =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "MISSING_PAGINATION_BOUNDARIES"
  | "EXCESSIVE_PAGINATION"
  | "INVALID_CURSOR_ARGUMENTS"
  | "MAX_NODE_LIMIT_EXCEEDED"
  | "RATE_LIMITED"
  | "UNPROCESSABLE";

/** An error a resolver throws to answer `null` plus a typed error, as GitHub does. */
export class GitHubFieldError extends Error {
  constructor(
    readonly type: GitHubErrorType,
    message: string,
  ) {
    super(message);
    this.name = "GitHubFieldError";
  }
}

export interface GitHubErrorJson {
  type?: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: Record<string, unknown>;
  message: string;
}

/** An execution error (from a resolver) in GitHub's key order: type, path, locations, message. */
export function formatExecutionError(error: GraphQLError): GitHubErrorJson {
  const original = error.originalError;
  return {
    ...(original instanceof GitHubFieldError ? { type: original.type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

/**
 * A validation error, reworded the way GitHub (graphql-ruby) words the common
 * ones, with graphql-ruby's extension codes; others keep graphql-js's wording.
 */
export function formatValidationError(error: GraphQLError): GitHubErrorJson {
  const reworded = rewordValidation(error.message);
  return {
    ...(reworded.extensions ? { extensions: reworded.extensions } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: reworded.message,
  };
}

function rewordValidation(message: string): { message: string; extensions?: Record<string, unknown> } {
  let m = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(message);
  if (m) {
    const [, field, type] = m;
    return {
      message: `Field '${field}' doesn't exist on type '${type}'`,
      extensions: { code: "undefinedField", typeName: type, fieldName: field },
    };
  }
  m = /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"\./.exec(message);
  if (m) {
    const [, arg, , field] = m;
    return {
      message: `Field '${field}' doesn't accept argument '${arg}'`,
      extensions: {
        code: "argumentNotAccepted",
        name: field,
        typeName: "Field",
        argumentName: arg,
      },
    };
  }
  m = /^Field "([^"]+)" argument "([^"]+)" of type "[^"]+" is required, but it was not provided\./.exec(
    message,
  );
  if (m) {
    const [, field, arg] = m;
    return {
      message: `Field '${field}' is missing required arguments: ${arg}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: field, arguments: arg },
    };
  }
  return { message };
}

/** A syntax error, located as graphql-ruby reports it: "... at [line, column]". */
export function formatSyntaxError(error: GraphQLError): GitHubErrorJson {
  const location = error.locations?.[0];
  const text = error.message.replace(/^Syntax Error: /, "");
  return location
    ? { message: `Parse error: ${text} at [${location.line}, ${location.column}]`, locations: [location] }
    : { message: `Parse error: ${text}` };
}
