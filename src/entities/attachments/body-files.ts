// The saved files whose records carry a Markdown `body` (issues, pull
// requests, comments, reviews, review comments, releases, and any type added
// later), found through the descriptors: a record file whose JSON Schema
// declares a top-level `body` holds bodies. Each names its records by its
// type's first journal kind (issue, issue_comment, …) and their `id`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readLines } from "../../backup/jsonl-lines.js";
import { exists } from "../../util/exists.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import type { BodyFile } from "../types.js";

function declaresBody(schemaUrl: URL): boolean {
  const schema = JSON.parse(readFileSync(schemaUrl, "utf8")) as { properties?: Record<string, unknown> };
  return schema.properties?.body !== undefined;
}

/** Every record file with bodies of these types (ENTITIES' job types, in order: src/entities/index.ts). */
export function bodyFiles(entities: readonly JobEntityDescriptor[]): BodyFile[] {
  return entities.flatMap((entity) =>
    entity.files
      .filter((file) => declaresBody(file.schema.url))
      .map((file) => ({ entity: entity.name, file: file.file, type: entity.journalKinds[0] ?? entity.name })),
  );
}

/**
 * The body and id of each record of a saved file whose line may hold a link
 * (records without a string body are passed over). `mayLink` sees the raw
 * line first, so the many records without a candidate are never parsed.
 */
export async function* bodiesOf(
  dir: string,
  file: BodyFile,
  mayLink: (line: Buffer) => boolean,
): AsyncGenerator<{ id: number; body: string }> {
  const path = join(dir, file.file);
  if (!(await exists(path))) return;
  for await (const line of readLines(path)) {
    if (!mayLink(line.bytes)) continue;
    const text = line.bytes.toString("utf8");
    if (text.trim() === "") continue;
    const record = JSON.parse(text) as { id?: unknown; body?: unknown };
    if (typeof record.body === "string" && typeof record.id === "number")
      yield { id: record.id, body: record.body };
  }
}
