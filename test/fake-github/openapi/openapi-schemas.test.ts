// The OpenAPI → JSON Schema conversion the response test relies on.
import { beforeAll, describe, expect, it } from "vitest";
import { convertSchema, loadResponseSchemas, type ResponseSchemas } from "./openapi-schemas.js";

describe("convertSchema", () => {
  it("turns nullable with a type into a type union (and admits null to an enum)", () => {
    expect(convertSchema({ type: "string", nullable: true })).toEqual({ type: ["string", "null"] });
    expect(convertSchema({ type: "string", enum: ["a"], nullable: true })).toEqual({
      type: ["string", "null"],
      enum: ["a", null],
    });
  });

  it("wraps nullable nodes without a type in anyOf with null", () => {
    expect(convertSchema({ allOf: [{ $ref: "#/components/schemas/x" }], nullable: true })).toEqual({
      anyOf: [
        { allOf: [{ $ref: "https://github-openapi.invalid/schemas#/components/schemas/x" }] },
        { type: "null" },
      ],
    });
  });

  it("drops documentation-only and x- keywords, keeps property names that look like keywords", () => {
    expect(
      convertSchema({
        type: "object",
        example: { a: 1 },
        "x-github": {},
        properties: { example: { type: "string", readOnly: true } },
      }),
    ).toEqual({ type: "object", properties: { example: { type: "string" } } });
  });
});

describe("response validators", () => {
  let schemas: ResponseSchemas;
  beforeAll(() => {
    schemas = loadResponseSchemas();
  });

  it("accepts a minimal valid label and rejects a broken one", () => {
    const validate = schemas.validator("GET", "/repos/{owner}/{repo}/labels/{name}", 200);
    if (!validate) throw new Error("no validator");
    const label = {
      id: 1,
      node_id: "LA_1",
      url: "https://api.github.com/repos/o/r/labels/bug",
      name: "bug",
      description: null,
      color: "ff0000",
      default: false,
    };
    expect(validate(label)).toBe(true);
    expect(validate({ ...label, id: "one" })).toBe(false);
    expect(validate({ ...label, name: undefined })).toBe(false);
  });

  it("reports undocumented statuses as undefined and bodiless ones as null", () => {
    expect(schemas.validator("GET", "/repos/{owner}/{repo}/labels/{name}", 418)).toBeUndefined();
    expect(schemas.validator("DELETE", "/repos/{owner}/{repo}/labels/{name}", 204)).toBeNull();
  });
});
