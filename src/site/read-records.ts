// Reads one JSONL file of a backup into memory, line by line. The backup has
// been verified first (schemas, order, checksums), so each line is a record of
// the file's type; a file the save did not write reads as empty.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { readLines } from "../backup/jsonl-lines.js";

export async function readRecords<T>(dir: string, file: string): Promise<T[]> {
  const path = join(dir, file);
  try {
    await stat(path);
  } catch {
    return [];
  }
  const records: T[] = [];
  for await (const line of readLines(path)) {
    if (line.bytes.length > 0) records.push(JSON.parse(line.bytes.toString("utf8")) as T);
  }
  return records;
}
