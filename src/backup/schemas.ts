// Loads the format's JSON Schemas and hands out one validator per schema.
// The format's own schemas (common, manifest, save state) sit in
// src/backup/schemas/; each entity type keeps its record schema in its folder
// (src/entities/<type>/<type>.schema.json) and names it in its descriptor, so
// this module never lists them: a schema is a SchemaRef (name and location),
// and every Ajv instance holds the format's own schemas plus the ones asked
// for, which refer only to those. Files are read with fs, not imported, so the
// same code runs from src and dist (the build copies the .json files).
//
// Validators come from code that the build generates with Ajv's standalone
// support (scripts/build.mjs calls writeStandaloneValidators with every
// schema: one CommonJS module per schema in dist/src/backup/validators/). A
// run from dist thus never loads or compiles Ajv: loading Ajv costs ~40 ms and
// compiling the schemas ~0.1 s of CPU, paid by every save on its first state
// write. Where no generated code is found (tests run the TypeScript sources)
// or it was made from other schemas or options than those it is loaded for (a
// stale build), the same Ajv setup compiles the schema on first use instead.
// Both paths run one Ajv configuration, so they accept and reject the same
// documents with the same errors (test/backup/standalone-validators.test.ts
// checks it).
//
// Why CommonJS rather than Ajv's `code.esm` output: that output still reaches
// Ajv's runtime helpers (ucs2length) and ajv-formats' formats through
// `require(...)`, so as an ES module it fails ("require is not defined"); and a
// CommonJS module loads synchronously through createRequire, which keeps
// getValidator synchronous for its callers (verify reads records in a loop).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as Ajv2020Module from "ajv/dist/2020.js";
import type { AnySchemaObject, ErrorObject, Options, ValidateFunction } from "ajv/dist/2020.js";

/** A JSON Schema file: its name (unique; problems cite it) and where it is. */
export interface SchemaRef {
  /** The file name, e.g. "labels.schema.json"; also the last segment of the schema's $id. */
  readonly name: string;
  readonly url: URL;
}

/** The schema file at `url` (beside the module that names it: `new URL("./x.schema.json", import.meta.url)`). */
export function schemaAt(url: URL): SchemaRef {
  return { name: basename(fileURLToPath(url)), url };
}

const ownSchema = (name: string): SchemaRef => schemaAt(new URL(`./schemas/${name}`, import.meta.url));

export const COMMON_SCHEMA = ownSchema("common.schema.json");
export const MANIFEST_SCHEMA = ownSchema("manifest.schema.json");
export const SAVE_STATE_SCHEMA = ownSchema("save-state.schema.json");

/** The format's own schemas, in every Ajv instance: the others refer to them. */
export const FORMAT_SCHEMAS: readonly SchemaRef[] = [COMMON_SCHEMA, MANIFEST_SCHEMA, SAVE_STATE_SCHEMA];

/** The one Ajv configuration, for compiled and generated validators alike. */
const AJV_OPTIONS = { allErrors: true, strict: true } as const satisfies Options;

/** Where the build puts the generated validators: beside this module. */
const GENERATED_DIR = fileURLToPath(new URL("./validators/", import.meta.url));

const require = createRequire(import.meta.url);

const schemaTexts = new Map<string, string>();

function schemaText(ref: SchemaRef): string {
  let text = schemaTexts.get(ref.url.href);
  if (text === undefined) {
    text = readFileSync(ref.url, "utf8");
    schemaTexts.set(ref.url.href, text);
  }
  return text;
}

export function loadSchema(ref: SchemaRef): AnySchemaObject {
  return JSON.parse(schemaText(ref)) as AnySchemaObject;
}

const fingerprints = new Map<string, string>();

/** Identifies what a generated validator was made from: the options, the format's own schemas and its schema. */
function fingerprintOf(ref: SchemaRef): string {
  let fingerprint = fingerprints.get(ref.url.href);
  if (fingerprint === undefined) {
    const hash = createHash("sha256").update(JSON.stringify(AJV_OPTIONS));
    for (const own of [...FORMAT_SCHEMAS, ref]) hash.update(`\0${own.name}\0${schemaText(own)}`);
    fingerprint = hash.digest("hex");
    fingerprints.set(ref.url.href, fingerprint);
  }
  return fingerprint;
}

function generatedFile(ref: SchemaRef, dir: string): string {
  return join(dir, ref.name.replace(/\.schema\.json$/, ".cjs"));
}

/** A new Ajv holding the format's own schemas; Ajv is loaded only when this runs. */
function createAjv(code?: Options["code"]): Ajv2020Module.Ajv2020 {
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof Ajv2020Module;
  // ajv-formats is CommonJS; its plugin function is also its `default`.
  const addFormats = (require("ajv-formats") as { default: (ajv: Ajv2020Module.Ajv2020) => unknown }).default;
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...(code ? { code } : {}) });
  addFormats(ajv);
  for (const ref of FORMAT_SCHEMAS) ajv.addSchema(loadSchema(ref));
  return ajv;
}

/** The schema's validator in `ajv`, adding the schema first when it is not one of the format's own. */
function compiled(ajv: Ajv2020Module.Ajv2020, ref: SchemaRef): ValidateFunction {
  const schema = loadSchema(ref);
  const id = schema.$id;
  if (typeof id !== "string") throw new Error(`schema ${ref.name} has no $id`);
  if (!ajv.getSchema(id)) ajv.addSchema(schema);
  const validate = ajv.getSchema(id);
  if (!validate) throw new Error(`schema ${ref.name} does not compile`);
  return validate;
}

let runtimeAjv: Ajv2020Module.Ajv2020 | undefined;

/** Compiles the schema with Ajv now (what getValidator falls back to). */
export function compileValidator(ref: SchemaRef): ValidateFunction {
  runtimeAjv ??= createAjv();
  return compiled(runtimeAjv, ref);
}

/**
 * The validator generated at build time into `dir`, or undefined when there
 * is none or it was generated from other schemas or options.
 */
export function loadStandaloneValidator(
  ref: SchemaRef,
  dir: string = GENERATED_DIR,
): ValidateFunction | undefined {
  const path = generatedFile(ref, dir);
  if (!existsSync(path)) return undefined;
  const validate: unknown = require(path);
  if (typeof validate !== "function") return undefined;
  if ((validate as { fingerprint?: unknown }).fingerprint !== fingerprintOf(ref)) return undefined;
  return validate as ValidateFunction;
}

/** The build step: writes one standalone CommonJS validator per schema into `dir`. */
export function writeStandaloneValidators(refs: readonly SchemaRef[], dir: string = GENERATED_DIR): void {
  const { _ } = require("ajv/dist/2020.js") as typeof Ajv2020Module;
  const standaloneCode = (
    require("ajv/dist/standalone/index.js") as {
      default: (ajv: Ajv2020Module.Ajv2020, validate: ValidateFunction) => string;
    }
  ).default;
  // The generated code loads ajv-formats' own format checks, as addFormats installs them.
  const ajv = createAjv({ source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` });
  mkdirSync(dir, { recursive: true });
  for (const ref of refs) {
    const code = standaloneCode(ajv, compiled(ajv, ref));
    const stamp = `module.exports.fingerprint = ${JSON.stringify(fingerprintOf(ref))};\n`;
    writeFileSync(
      generatedFile(ref, dir),
      `// Generated by scripts/build.mjs from ${ref.name}; do not edit.\n${code}\n${stamp}`,
    );
  }
}

const validators = new Map<string, ValidateFunction>();

/** The schema's validator: the generated one when the build made it, else compiled now. */
export function getValidator(ref: SchemaRef): ValidateFunction {
  let validate = validators.get(ref.url.href);
  if (!validate) {
    validate = loadStandaloneValidator(ref) ?? compileValidator(ref);
    validators.set(ref.url.href, validate);
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
