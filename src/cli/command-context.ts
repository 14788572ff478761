// What a command's run function receives besides its settings, and its
// shape. A type-only module, so each command's code (loaded on first use)
// depends on the frame's types, never on the frame.

import type { Logger } from "../util/logger.js";
import type { Redactor } from "../util/redact.js";
import type { OutputStream, Renderer } from "./render/types.js";

export interface CommandContext {
  logger: Logger;
  renderer: Renderer;
  /** Aborted on the first SIGINT/SIGTERM; the handler should stop cleanly and return. */
  signal: AbortSignal;
  redact: Redactor;
  stdout: OutputStream;
}

/** Runs a command with its validated settings; resolves to the exit code. */
export type CommandHandler<C> = (config: C, context: CommandContext) => Promise<number>;
