// Size limits on input from a server or a folder, so a hostile or broken
// source cannot exhaust memory: each is far above anything GitHub sends or a
// save writes (a page of 100 pull requests is ~1.7 MB; a record line rarely
// reaches 1 MB), and each refusal says which limit was reached.

/** Largest API answer read into memory (release asset bytes stream to disk and are not counted). */
export const MAX_RESPONSE_BYTES = 128 * 1024 * 1024;
/** Largest answer a resume journal entry may decompress to (a gzip bomb stops here). */
export const MAX_JOURNAL_ENTRY_BYTES = MAX_RESPONSE_BYTES;
/** Longest line of a backup's JSONL file. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LimitError";
  }
}

export function mebibytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes} bytes` : `${Math.round(bytes / (1024 * 1024))} MiB`;
}
