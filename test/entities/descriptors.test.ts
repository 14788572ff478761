// Every data type is one descriptor (src/entities/<type>/index.ts) listed once
// in ENTITIES; these checks fail when a type lacks a piece or a derived list
// misses a type, so forgetting one is never silent.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { writeManifest } from "../../src/backup/manifest.js";
import { FORMAT_SCHEMAS, getValidator } from "../../src/backup/schemas.js";
import {
  BODY_ENDPOINTS,
  ENTITIES,
  ENTITY_ALIASES,
  ENTITY_ENV_VARS,
  ENTITY_PARENT,
  familyOf,
  JOB_ENTITIES,
  RECORD_FILES,
  restorersFor,
  SCHEMAS,
  saversFor,
} from "../../src/entities/index.js";
import { ENTITY_NAMES } from "../../src/entities/names.js";
import { verifyBackup } from "../../src/index.js";
import { OBJECT_KINDS } from "../../src/restore/types.js";
import { sampleManifest } from "../backup/fixtures.js";

const srcDir = fileURLToPath(new URL("../../src/", import.meta.url));
const names = ENTITIES.map((entity) => entity.name);
const jobNames = JOB_ENTITIES.map((entity) => entity.name);

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, i) => values.indexOf(value) !== i);
}

describe("entity descriptors", () => {
  it("ENTITY_NAMES lists every descriptor once, in ENTITIES order", () => {
    expect(duplicates(names)).toEqual([]);
    expect(names).toEqual([...ENTITY_NAMES]);
  });

  it("every type has its own INCLUDE_* variable", () => {
    for (const entity of ENTITIES) expect(entity.envVar, entity.name).toMatch(/^INCLUDE_[A-Z_]+$/);
    expect(duplicates(ENTITIES.map((entity) => entity.envVar))).toEqual([]);
    expect(Object.keys(ENTITY_ENV_VARS)).toEqual(names);
  });

  it("every job's saver and restorer carry its name and depend only on jobs", async () => {
    for (const entity of JOB_ENTITIES) {
      const saver = await entity.saver();
      const restorer = await entity.restorer();
      expect(saver.name, entity.name).toBe(entity.name);
      expect(restorer.name, entity.name).toBe(entity.name);
      for (const dep of [...saver.dependsOn, ...restorer.dependsOn]) {
        expect(jobNames, `${entity.name} depends on ${dep}`).toContain(dep);
      }
    }
  });

  it("the derived lists hold every job, in ENTITIES order", async () => {
    expect((await saversFor(new Set(ENTITY_NAMES))).map((saver) => saver.name)).toEqual(jobNames);
    expect((await restorersFor(new Set(ENTITY_NAMES))).map((restorer) => restorer.name)).toEqual(jobNames);
    expect(RECORD_FILES.map((file) => `${file.entity}/${file.file}`)).toEqual(
      JOB_ENTITIES.flatMap((entity) => entity.files.map((file) => `${entity.name}/${file.file}`)),
    );
  });

  it("parents are jobs, each child is in its parent's family, and an option always has a parent", () => {
    for (const entity of ENTITIES) {
      if (entity.kind === "option") expect(entity.parent, entity.name).toBeDefined();
      if (entity.parent === undefined) continue;
      expect(entity.parent, entity.name).not.toBe(entity.name);
      expect(jobNames, `${entity.name}'s parent`).toContain(entity.parent);
      expect(ENTITY_PARENT[entity.name]).toBe(entity.parent);
      expect(familyOf(entity.parent)).toContain(entity.name);
    }
    expect(Object.keys(ENTITY_PARENT)).toEqual(ENTITIES.filter((e) => e.parent).map((e) => e.name));
  });

  it("selection aliases are unique and name no type", () => {
    const aliases = ENTITIES.flatMap((entity) => entity.aliases ?? []);
    expect(duplicates(aliases)).toEqual([]);
    for (const alias of aliases) {
      expect(names).not.toContain(alias);
      expect(alias).toMatch(/^[a-z_]+$/);
    }
    expect(Object.keys(ENTITY_ALIASES).sort()).toEqual([...aliases].sort());
  });

  it("every journal kind belongs to exactly one type", () => {
    const kinds = JOB_ENTITIES.flatMap((entity) => entity.journalKinds);
    expect(duplicates(kinds)).toEqual([]);
    expect([...kinds].sort()).toEqual([...OBJECT_KINDS].sort());
  });

  it("body endpoints are declared by the type that owns the kind", () => {
    for (const entity of JOB_ENTITIES) {
      for (const kind of Object.keys(entity.bodyEndpoints ?? {})) {
        expect(entity.journalKinds, `${entity.name} body endpoint for ${kind}`).toContain(kind);
        expect(BODY_ENDPOINTS[kind as keyof typeof BODY_ENDPOINTS]?.entity).toBe(entity.name);
      }
    }
  });

  it("every record file is a unique .jsonl (or repository.json) with a schema that exists and compiles", () => {
    expect(duplicates(RECORD_FILES.map((file) => file.file))).toEqual([]);
    expect(duplicates(SCHEMAS.map((schema) => schema.name))).toEqual([]);
    for (const file of RECORD_FILES) {
      expect(file.file).toMatch(/^(?:[a-z_]+\.jsonl|repository\.json)$/);
      expect(existsSync(file.schema.url), `${file.file}: ${file.schema.name}`).toBe(true);
      expect(() => getValidator(file.schema)).not.toThrow();
    }
  });

  it("restorers read only declared files", async () => {
    const declared = RECORD_FILES.map((file) => file.file);
    for (const restorer of await restorersFor(new Set(ENTITY_NAMES)))
      for (const file of restorer.files ?? []) expect(declared).toContain(file);
  });

  it("every schema file under src/ is the format's own or a record file's", async () => {
    const found = (await readdir(srcDir, { recursive: true }))
      .filter((path) => path.endsWith(".schema.json"))
      .map((path) => path.split("\\").join("/"))
      .sort();
    const claimed = SCHEMAS.map((schema) =>
      relative(srcDir, fileURLToPath(schema.url)).split("\\").join("/"),
    );
    expect(found).toEqual([...claimed].sort());
    expect(SCHEMAS.slice(0, FORMAT_SCHEMAS.length)).toEqual(FORMAT_SCHEMAS);
  });

  it.each(RECORD_FILES.map((file) => [file.file, file] as const))(
    "verify checks %s against its schema",
    async (name, file) => {
      const dir = await mkdtemp(join(tmpdir(), "gd-descriptors-"));
      try {
        const content = `${JSON.stringify({ not: "a record" })}\n`;
        await writeFile(join(dir, name), content);
        const sha256 = createHash("sha256").update(content).digest("hex");
        await writeManifest(dir, {
          ...sampleManifest(),
          jobs: [],
          files: { [name]: { records: 1, bytes: Buffer.byteLength(content), sha256 } },
        });
        const report = await verifyBackup(dir);
        expect(report.problems).toHaveLength(1);
        expect(report.problems[0]).toMatchObject({ file: name, line: 1 });
        expect(report.problems[0]?.message).toMatch(new RegExp(`^does not match ${file.schema.name}: `));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
