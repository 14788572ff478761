// Picks and builds the progress renderer. createRenderer is synchronous, so
// this module loads the terminal renderer (and log-update) with it; the
// command line uses openRenderer instead, which loads it only when needed.

import { createLineRenderer, hasLiveDisplay } from "./choose.js";
import { createTtyRenderer } from "./tty.js";
import type { Renderer, RendererKind, RendererOptions } from "./types.js";

export { chooseRendererKind, openRenderer, useColor } from "./choose.js";
export { formatDuration, summaryLine, summaryTable } from "./format.js";
export type {
  Renderer,
  RendererKind,
  RendererOptions,
  RequestStats,
  RunSummary,
  RunSummaryJob,
} from "./types.js";

export function createRenderer(kind: RendererKind, options: RendererOptions): Renderer {
  return hasLiveDisplay(kind, options) ? createTtyRenderer(options) : createLineRenderer(kind, options);
}
