// A writable stand-in for stdout/stderr that records what was written.

export interface MemoryStream {
  write(chunk: string): boolean;
  readonly text: string;
  readonly lines: string[];
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export function memoryStream(
  options: { isTTY?: boolean; columns?: number; rows?: number } = {},
): MemoryStream {
  const chunks: string[] = [];
  return {
    ...options,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    get text() {
      return chunks.join("");
    },
    get lines() {
      return chunks
        .join("")
        .split("\n")
        .filter((line) => line !== "");
    },
  };
}

/** Removes ANSI escape sequences (colors, cursor movement). */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
  return text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, "");
}
