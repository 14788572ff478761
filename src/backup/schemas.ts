// Loads the format's JSON Schemas (src/backup/schemas/, copied to dist by the
// build) and hands out one validator per schema. Files are read with fs
// relative to this module, not imported, so the same code runs from src and dist.
//
// Validators come from code that the build generates with Ajv's standalone
// support (scripts/build.mjs calls writeStandaloneValidators: one CommonJS
// module per schema in dist/src/backup/validators/). A run from dist thus
// never loads or compiles Ajv: loading Ajv costs ~40 ms and compiling the
// schemas ~0.1 s of CPU, paid by every save on its first state write. Where no
// generated code is found (tests run the TypeScript sources) or it was made
// from other schemas or options than those beside it (a stale build), the same
// Ajv setup compiles the schema on first use instead. Both paths run one Ajv
// configuration, so they accept and reject the same documents with the same
// errors (test/backup/standalone-validators.test.ts checks it).
//
// Why CommonJS rather than Ajv's `code.esm` output: that output still reaches
// Ajv's runtime helpers (ucs2length) and ajv-formats' formats through
// `require(...)`, so as an ES module it fails ("require is not defined"); and a
// CommonJS module loads synchronously through createRequire, which keeps
// getValidator synchronous for its callers (verify reads records in a loop).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as Ajv2020Module from "ajv/dist/2020.js";
import type { AnySchemaObject, ErrorObject, Options, ValidateFunction } from "ajv/dist/2020.js";

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

/** The one Ajv configuration, for compiled and generated validators alike. */
const AJV_OPTIONS = { allErrors: true, strict: true } as const satisfies Options;

/** Where the build puts the generated validators: beside this module. */
const GENERATED_DIR = fileURLToPath(new URL("./validators/", import.meta.url));

const require = createRequire(import.meta.url);

export function schemaUrl(file: SchemaFile): URL {
  return new URL(`./schemas/${file}`, import.meta.url);
}

const schemaTexts = new Map<SchemaFile, string>();

function schemaText(file: SchemaFile): string {
  let text = schemaTexts.get(file);
  if (text === undefined) {
    text = readFileSync(schemaUrl(file), "utf8");
    schemaTexts.set(file, text);
  }
  return text;
}

export function loadSchema(file: SchemaFile): AnySchemaObject {
  return JSON.parse(schemaText(file)) as AnySchemaObject;
}

let fingerprint: string | undefined;

/** Identifies the schemas and options a generated validator was made from. */
function schemasFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash("sha256").update(JSON.stringify(AJV_OPTIONS));
    for (const file of SCHEMA_FILES) hash.update(`\0${file}\0${schemaText(file)}`);
    fingerprint = hash.digest("hex");
  }
  return fingerprint;
}

function generatedFile(file: SchemaFile, dir: string): string {
  return join(dir, file.replace(/\.schema\.json$/, ".cjs"));
}

/** A new Ajv holding every schema; Ajv is loaded only when this runs. */
function createAjv(code?: Options["code"]): Ajv2020Module.Ajv2020 {
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof Ajv2020Module;
  // ajv-formats is CommonJS; its plugin function is also its `default`.
  const addFormats = (require("ajv-formats") as { default: (ajv: Ajv2020Module.Ajv2020) => unknown }).default;
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...(code ? { code } : {}) });
  addFormats(ajv);
  for (const file of SCHEMA_FILES) ajv.addSchema(loadSchema(file));
  return ajv;
}

function compiled(ajv: Ajv2020Module.Ajv2020, file: SchemaFile): ValidateFunction {
  const validate = ajv.getSchema(loadSchema(file).$id as string);
  if (!validate) throw new Error(`schema ${file} has no $id`);
  return validate;
}

let runtimeAjv: Ajv2020Module.Ajv2020 | undefined;

/** Compiles the schema with Ajv now (what getValidator falls back to). */
export function compileValidator(file: SchemaFile): ValidateFunction {
  runtimeAjv ??= createAjv();
  return compiled(runtimeAjv, file);
}

/**
 * The validator generated at build time into `dir`, or undefined when there
 * is none or it was generated from other schemas or options.
 */
export function loadStandaloneValidator(
  file: SchemaFile,
  dir: string = GENERATED_DIR,
): ValidateFunction | undefined {
  const path = generatedFile(file, dir);
  if (!existsSync(path)) return undefined;
  const validate: unknown = require(path);
  if (typeof validate !== "function") return undefined;
  if ((validate as { fingerprint?: unknown }).fingerprint !== schemasFingerprint()) return undefined;
  return validate as ValidateFunction;
}

/** The build step: writes one standalone CommonJS validator per schema into `dir`. */
export function writeStandaloneValidators(dir: string = GENERATED_DIR): void {
  const { _ } = require("ajv/dist/2020.js") as typeof Ajv2020Module;
  const standaloneCode = (
    require("ajv/dist/standalone/index.js") as {
      default: (ajv: Ajv2020Module.Ajv2020, validate: ValidateFunction) => string;
    }
  ).default;
  // The generated code loads ajv-formats' own format checks, as addFormats installs them.
  const ajv = createAjv({ source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` });
  mkdirSync(dir, { recursive: true });
  const stamp = `module.exports.fingerprint = ${JSON.stringify(schemasFingerprint())};\n`;
  for (const file of SCHEMA_FILES) {
    const code = standaloneCode(ajv, compiled(ajv, file));
    writeFileSync(
      generatedFile(file, dir),
      `// Generated by scripts/build.mjs from ${file}; do not edit.\n${code}\n${stamp}`,
    );
  }
}

const validators = new Map<SchemaFile, ValidateFunction>();

/** The schema's validator: the generated one when the build made it, else compiled now. */
export function getValidator(file: SchemaFile): ValidateFunction {
  let validate = validators.get(file);
  if (!validate) {
    validate = loadStandaloneValidator(file) ?? compileValidator(file);
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
