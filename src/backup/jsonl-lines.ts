// Reads a file line by line as raw bytes, holding at most one line plus one
// chunk in memory. Lines end at "\n" (0x0A); UTF-8 never uses that byte inside
// a multi-byte character, so splitting bytes before decoding is safe.
import { createReadStream } from "node:fs";
import { LimitError, MAX_LINE_BYTES, mebibytes } from "../util/limits.js";

export interface RawLine {
  /** The line's bytes without the "\n". */
  bytes: Buffer;
  /** 1-based. */
  lineNumber: number;
  /** False only for a last line that does not end in "\n" (a truncated file). */
  terminated: boolean;
}

export interface ReadLinesOptions {
  /** Sees every chunk read, in order (to hash the file in the same pass). */
  onChunk?: (chunk: Buffer) => void;
  highWaterMark?: number;
  /** Longest line accepted (default MAX_LINE_BYTES); a longer one throws LimitError. */
  maxLineBytes?: number;
}

export async function* readLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<RawLine> {
  const stream = createReadStream(path, { highWaterMark: options.highWaterMark ?? 64 * 1024 });
  const maxLine = options.maxLineBytes ?? MAX_LINE_BYTES;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNumber = 0;
  const tooLong = () => {
    stream.destroy();
    return new LimitError(`line ${lineNumber + 1} is longer than ${mebibytes(maxLine)}; refused`);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    options.onChunk?.(chunk);
    let start = 0;
    let newline = chunk.indexOf(0x0a, start);
    while (newline !== -1) {
      const piece = chunk.subarray(start, newline);
      if (pendingBytes + piece.length > maxLine) throw tooLong();
      const bytes = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      lineNumber += 1;
      yield { bytes, lineNumber, terminated: true };
      start = newline + 1;
      newline = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxLine) throw tooLong();
    }
  }
  if (pending.length > 0) {
    lineNumber += 1;
    yield { bytes: Buffer.concat(pending), lineNumber, terminated: false };
  }
}
