// Loads the format's JSON Schemas (src/backup/schemas/, copied to dist by the
// build) and compiles validators once per process. Files are read with fs
// relative to this module, not imported, so the same code runs from src and dist.
import { readFileSync } from "node:fs";
import { Ajv2020, type AnySchemaObject, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its callable export sits on `.default`.
const addFormats = addFormatsModule.default;

export const SCHEMA_FILES = [
  "common.schema.json",
  "labels.schema.json",
  "milestones.schema.json",
  "issues.schema.json",
  "issue_comments.schema.json",
  "sub_issues.schema.json",
  "pull_requests.schema.json",
  "pr_comments.schema.json",
  "pr_reviews.schema.json",
  "pr_review_comments.schema.json",
  "releases.schema.json",
  "manifest.schema.json",
  "save-state.schema.json",
] as const;

export type SchemaFile = (typeof SCHEMA_FILES)[number];

export function schemaUrl(file: SchemaFile): URL {
  return new URL(`./schemas/${file}`, import.meta.url);
}

export function loadSchema(file: SchemaFile): AnySchemaObject {
  return JSON.parse(readFileSync(schemaUrl(file), "utf8")) as AnySchemaObject;
}

let ajv: Ajv2020 | undefined;
const validators = new Map<SchemaFile, ValidateFunction>();

function getAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    for (const file of SCHEMA_FILES) ajv.addSchema(loadSchema(file));
  }
  return ajv;
}

export function getValidator(file: SchemaFile): ValidateFunction {
  let validate = validators.get(file);
  if (!validate) {
    const schema = getAjv().getSchema(loadSchema(file).$id as string);
    if (!schema) throw new Error(`schema ${file} has no $id`);
    validate = schema;
    validators.set(file, validate);
  }
  return validate;
}

/** Human-readable validation errors, e.g. `/user/login: must be string`. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined, limit = 3): string {
  if (!errors || errors.length === 0) return "invalid";
  const parts = errors.slice(0, limit).map((e) => {
    const where = e.instancePath || "/";
    const extra =
      e.keyword === "additionalProperties"
        ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})`
        : e.keyword === "enum"
          ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
          : "";
    return `${where}: ${e.message ?? "invalid"}${extra}`;
  });
  if (errors.length > limit) parts.push(`and ${errors.length - limit} more`);
  return parts.join("; ");
}
