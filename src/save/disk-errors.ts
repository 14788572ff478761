// Turns a failed write in the backup folder (full disk, file-size limit,
// permissions, read-only file system) into one line that names the folder,
// the cause in words and its code, instead of Node's bare
// "EFBIG: file too large, write". A job that hits one fails at once: an
// immediate retry would hit the same wall.
import { NonRetryableError } from "../orchestrator/errors.js";
import type { JobOutput, JobSpec } from "../orchestrator/types.js";

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on the disk",
  EDQUOT: "the disk quota is used up",
  EFBIG: "a file grew past the largest size allowed (file system or `ulimit -f`)",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  EIO: "an input/output error on the disk",
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** "no space left on the disk (ENOSPC)", or null when the error is not a disk problem. */
export function describeDiskError(error: unknown): string | null {
  const code = codeOf(error);
  const cause = code === undefined ? undefined : CAUSES[code];
  return cause === undefined ? null : `${cause} (${code})`;
}

/** The job, failing with a clear, non-retryable error when a write in `dir` fails. */
export function explainDiskErrors<Out extends JobOutput>(job: JobSpec<Out>, dir: string): JobSpec<Out> {
  return {
    ...job,
    run: async (ctx) => {
      try {
        return await job.run(ctx);
      } catch (error) {
        const cause = describeDiskError(error);
        if (cause === null) throw error;
        throw new NonRetryableError(`cannot write to the backup folder ${dir}: ${cause}`, { cause: error });
      }
    },
  };
}

/** Runs a write; a disk problem becomes `cannot write <what>: <cause>; <advice>`. */
export async function writeOrExplain<T>(what: string, advice: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const cause = describeDiskError(error);
    if (cause === null) throw error;
    // No `cause`: the CLI would append Node's message, which only repeats the code.
    throw new Error(`cannot write ${what}: ${cause}; ${advice}`);
  }
}
