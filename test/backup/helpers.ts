import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { SchemaRef } from "../../src/backup/schemas.js";
import { SCHEMAS } from "../../src/entities/index.js";

/** A fresh temporary folder; remove it with `cleanup`. */
export async function tempDir(prefix = "gd-backup-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function cleanup(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Every file and folder under `dir`, relative, sorted. */
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/** One of the format's JSON Schemas, by file name. */
export function schemaNamed(name: string): SchemaRef {
  const ref = SCHEMAS.find((schema) => schema.name === name);
  if (!ref) throw new Error(`no schema named ${name}`);
  return ref;
}
