// Validates serialised objects against the REST schemas of GitHub's OpenAPI
// description (the copy shipped in @octokit/openapi), read at test time.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

const specId = "https://openapi.test/github";
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** OpenAPI 3.0 `nullable` without `type` (next to $ref/allOf) → JSON Schema anyOf with null. */
function normaliseNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normaliseNullable);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = normaliseNullable(value);
  // OpenAPI 3.0: nullable admits null even when an enum does not list it.
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null))
    out.enum = [...out.enum, null];
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

function instance(): Ajv {
  if (ajv) return ajv;
  const require = createRequire(import.meta.url);
  const path = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const spec = JSON.parse(readFileSync(path, "utf8")) as { components: { schemas: unknown } };
  ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: specId, components: { schemas: normaliseNullable(spec.components.schemas) } });
  return ajv;
}

/** Error strings ("/path message") of `value` against components/schemas/<name>; empty when valid. */
export function schemaErrors(name: string, value: unknown): string[] {
  let validate = compiled.get(name);
  if (!validate) {
    validate = instance().compile({ $ref: `${specId}#/components/schemas/${name}` });
    compiled.set(name, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`.trim());
}
