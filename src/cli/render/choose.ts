// Picks the progress renderer and builds it, loading the live terminal
// renderer (log-update and its text-width helpers, ~50 ms to load) only when
// it is the one chosen: runs with plain or JSON output never pay for it.

import type { LogFormat } from "../output.js";
import { createJsonRenderer } from "./json.js";
import { createPlainRenderer } from "./plain.js";
import type { Renderer, RendererKind, RendererOptions } from "./types.js";

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

/** Whether the renderer redraws live lines; quiet output has none: a few lines are all it prints. */
export function hasLiveDisplay(kind: RendererKind, options: RendererOptions): boolean {
  return kind === "tty" && !options.quiet;
}

/** The renderer for output without a live display (JSON, or plain lines). */
export function createLineRenderer(kind: RendererKind, options: RendererOptions): Renderer {
  return kind === "json" ? createJsonRenderer(options) : createPlainRenderer(options);
}

/** Like createRenderer, but imports the terminal renderer only when it is used. */
export async function openRenderer(kind: RendererKind, options: RendererOptions): Promise<Renderer> {
  if (!hasLiveDisplay(kind, options)) return createLineRenderer(kind, options);
  const { createTtyRenderer } = await import("./tty.js");
  return createTtyRenderer(options);
}
