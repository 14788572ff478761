// Picks and builds the progress renderer.

import type { LogFormat } from "../config-types.js";
import { createJsonRenderer } from "./json.js";
import { createPlainRenderer } from "./plain.js";
import { createTtyRenderer } from "./tty.js";
import type { Renderer, RendererKind, RendererOptions } from "./types.js";

export { formatDuration, summaryLine, summaryTable } from "./format.js";
export type {
  Renderer,
  RendererKind,
  RendererOptions,
  RequestStats,
  RunSummary,
  RunSummaryJob,
} from "./types.js";

/** JSON when asked for; live lines on a terminal; plain lines otherwise. */
export function chooseRendererKind(options: { isTTY: boolean; logFormat: LogFormat }): RendererKind {
  if (options.logFormat === "json") return "json";
  return options.isTTY ? "tty" : "plain";
}

/** Whether to color output: only on a terminal, never with NO_COLOR set (https://no-color.org) or TERM=dumb. */
export function useColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (!isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return env.TERM !== "dumb";
}

export function createRenderer(kind: RendererKind, options: RendererOptions): Renderer {
  if (kind === "json") return createJsonRenderer(options);
  // Quiet output has no live display: a few lines are all it prints.
  if (kind === "tty" && !options.quiet) return createTtyRenderer(options);
  return createPlainRenderer(options);
}
