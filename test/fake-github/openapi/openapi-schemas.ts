// Loads GitHub's OpenAPI description straight from the @octokit/openapi
// package file (importing the package index would load every variant, ~900 MB),
// converts the OpenAPI 3.0 schemas a test needs into JSON Schema, and compiles
// response validators with Ajv.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiOperation {
  responses: Record<string, JsonObject>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonObject>; responses: Record<string, JsonObject> };
}

const refPrefix = "#/components/schemas/";
const docId = "https://github-openapi.invalid/schemas";

/** Keywords that are documentation only, or OpenAPI-only with no JSON Schema meaning. */
const dropped = new Set([
  "example",
  "examples",
  "discriminator",
  "readOnly",
  "writeOnly",
  "xml",
  "externalDocs",
  "deprecated",
  "nullable",
]);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI 3.0 → JSON Schema (draft-07):
 * - `nullable: true` with a `type` → `type: [t, "null"]` (and null added to an enum);
 *   without a `type` (`$ref`, `allOf`, `anyOf`, `oneOf`) → `anyOf: [node, {type: "null"}]`;
 * - `oneOf` → `anyOf` (GitHub's alternatives overlap, e.g. label objects vs names,
 *   which would make valid data match "more than one");
 * - `$ref`s point into the standalone schema document registered with Ajv;
 * - documentation-only and `x-` keywords are dropped.
 */
export function convertSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(convertSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (dropped.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") {
      out.$ref = value.startsWith(refPrefix) ? `${docId}${value}` : value;
    } else if (key === "properties" && isObject(value)) {
      const props: JsonObject = {};
      for (const [name, schema] of Object.entries(value)) props[name] = convertSchema(schema);
      out.properties = props;
    } else if (key === "oneOf") {
      out.anyOf = convertSchema(value);
    } else if (key === "exclusiveMinimum" || key === "exclusiveMaximum") {
      if (typeof value === "number") out[key] = value;
      // OpenAPI 3.0's boolean form: turn minimum/maximum exclusive.
      else if (value === true) {
        const bound = key === "exclusiveMinimum" ? "minimum" : "maximum";
        if (typeof node[bound] === "number") out[key] = node[bound];
      }
    } else {
      out[key] = convertSchema(value);
    }
  }
  if (out.exclusiveMinimum !== undefined && node.exclusiveMinimum === true) delete out.minimum;
  if (out.exclusiveMaximum !== undefined && node.exclusiveMaximum === true) delete out.maximum;
  if (node.nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

/** Names of the component schemas `node` refers to, directly. */
function refsIn(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) refsIn(item, into);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith(refPrefix)) {
        into.add(value.slice(refPrefix.length));
      } else refsIn(value, into);
    }
  }
}

function loadDocument(): OpenApiDocument {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve("@octokit/openapi/package.json"));
  return JSON.parse(
    readFileSync(join(pkgDir, "generated", "api.github.com.json"), "utf8"),
  ) as OpenApiDocument;
}

export interface ResponseSchemas {
  /** The operation for a method and OpenAPI path template, or undefined when GitHub does not document it. */
  operation(method: string, path: string): OpenApiOperation | undefined;
  /**
   * A validator for the JSON body of `status`; null when the documented
   * response has no JSON body; undefined when the status is not documented.
   */
  validator(method: string, path: string, status: number): ValidateFunction | null | undefined;
}

export function loadResponseSchemas(): ResponseSchemas {
  const doc = loadDocument();
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
  // ajv-formats is CommonJS; its default export arrives wrapped under ESM.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
    addFormatsModule) as unknown as (a: Ajv) => void;
  addFormats(ajv);
  const registered = new Set<string>();
  const docSchemas: JsonObject = {};
  const cache = new Map<string, ValidateFunction | null | undefined>();

  /** Converts `names` and everything they reach; returns whether anything new was added. */
  function include(names: Iterable<string>): void {
    const queue = [...names];
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (registered.has(name)) continue;
      const schema = doc.components.schemas[name];
      if (!schema) throw new Error(`OpenAPI schema ${name} is missing`);
      registered.add(name);
      docSchemas[name] = convertSchema(schema);
      const refs = new Set<string>();
      refsIn(schema, refs);
      queue.push(...refs);
    }
  }

  function operation(method: string, path: string): OpenApiOperation | undefined {
    return doc.paths[path]?.[method.toLowerCase()];
  }

  function compile(method: string, path: string, status: number): ValidateFunction | null | undefined {
    const op = operation(method, path);
    let response = op?.responses[String(status)];
    if (!response) return undefined;
    const ref = response.$ref;
    if (typeof ref === "string") response = doc.components.responses[ref.split("/").pop() ?? ""] ?? {};
    const content = response.content;
    const json = isObject(content) ? content["application/json"] : undefined;
    const schema = isObject(json) ? json.schema : undefined;
    if (schema === undefined) return null;
    const refs = new Set<string>();
    refsIn(schema, refs);
    include(refs);
    // One standalone document holds every converted component schema; it is
    // (re)registered so later compilations see schemas added since.
    ajv.removeSchema(docId);
    ajv.addSchema({ $id: docId, components: { schemas: docSchemas } }, docId);
    return ajv.compile(convertSchema(schema) as object);
  }

  return {
    operation,
    validator(method, path, status) {
      const key = `${method} ${path} ${status}`;
      if (!cache.has(key)) cache.set(key, compile(method, path, status));
      return cache.get(key);
    },
  };
}
