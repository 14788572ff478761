// The entity types' count declarations (countedBy, countedFields) name files
// and fields the format has, so verify's offline reconciliation cannot
// silently compare nothing.
import { describe, expect, it } from "vitest";
import { loadSchema } from "../../src/backup/schemas.js";
import { RECORD_FILES, SCHEMAS } from "../../src/entities/index.js";

const schemaOf = (file: string) => {
  const spec = RECORD_FILES.find((f) => f.file === file);
  if (!spec) throw new Error(`${file} is no record file`);
  return loadSchema(spec.schema) as { properties: Record<string, unknown> };
};

const commonRef = SCHEMAS.find((s) => s.name === "common.schema.json");
if (!commonRef) throw new Error("no common schema");
const countKeys = (
  loadSchema(commonRef) as { $defs: { reported_counts: { properties: Record<string, unknown> } } }
).$defs.reported_counts.properties;

/** The top-level property a dotted count path starts with, and the key inside `reported_counts`. */
function hasCount(file: string, path: string): boolean {
  const [top, key] = path.split(".");
  if (!top || !(top in schemaOf(file).properties)) return false;
  if (key === undefined) return true;
  const ref = (schemaOf(file).properties[top] as { $ref?: string }).$ref ?? "";
  return top === "reported_counts" && ref.endsWith("#/$defs/reported_counts") && key in countKeys;
}

describe("count declarations", () => {
  const children = RECORD_FILES.flatMap((f) =>
    f.countedBy === undefined ? [] : [f.countedBy].flat().map((spec) => [f.file, spec] as const),
  );
  const fields = RECORD_FILES.flatMap((f) => (f.countedFields ?? []).map((spec) => [f.file, spec] as const));

  it("cover every count the records keep", () => {
    const paths = [...children.map(([, s]) => s.countField), ...fields.map(([, s]) => s.countField)];
    expect(new Set(paths)).toEqual(
      new Set([
        "comments",
        "reported_counts.comments",
        "reported_counts.reviews",
        "reported_counts.review_threads",
        "reported_counts.sub_issues",
        "reported_counts.labels",
        "reported_counts.assignees",
        "reported_counts.assets",
      ]),
    );
  });

  it.each(children)("%s: its parents' file has the count and it has the parent field", (file, spec) => {
    expect(hasCount(spec.parents, spec.countField)).toBe(true);
    expect(spec.parentField in schemaOf(file).properties).toBe(true);
  });

  it.each(fields)("%s: the record has the array and the count", (file, spec) => {
    expect(spec.field in schemaOf(file).properties).toBe(true);
    expect(hasCount(file, spec.countField)).toBe(true);
  });
});
