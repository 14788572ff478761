// JSON renderer: every event as one JSON line shaped like a JSON log line
// ({time, level, msg, event, job, …}), then a summary object.

import type { OrchestratorEvent } from "../../orchestrator/types.js";
import type { LogLevel } from "../../util/logger.js";
import { safeJson } from "../logging.js";
import { oneLine, summaryLine } from "./format.js";
import type { Renderer, RendererOptions, RequestStats, RunSummary } from "./types.js";

const EVENT_LEVEL: Readonly<Record<OrchestratorEvent["type"], LogLevel>> = {
  queued: "debug",
  started: "info",
  progress: "info",
  retrying: "warn",
  succeeded: "info",
  failed: "error",
  skipped: "info",
  cancelled: "warn",
};

export function createJsonRenderer(options: RendererOptions): Renderer {
  const now = options.now ?? Date.now;
  const quiet = options.quiet ?? false;
  let finished = false;

  const emit = (record: Record<string, unknown>) => {
    options.stream.write(`${options.redact(safeJson(record))}\n`);
  };

  return {
    onEvent(event: OrchestratorEvent) {
      if (finished) return;
      const level = EVENT_LEVEL[event.type];
      if (quiet && level !== "warn" && level !== "error") return;
      const { type, at, job, ...rest } = event;
      emit({ time: at.toISOString(), level, msg: `${job} ${type}`, event: type, job, ...rest });
    },
    onRequestStats(_stats: RequestStats) {},
    onWarning(text: string) {
      emit({ time: new Date(now()).toISOString(), level: "warn", msg: oneLine(text), event: "warning" });
    },
    print(text: string) {
      options.stream.write(`${options.redact(text.replace(/\n$/, ""))}\n`);
    },
    finish(summary: RunSummary) {
      if (finished) return;
      finished = true;
      emit({
        time: new Date(now()).toISOString(),
        level: summary.exitCode === 0 ? "info" : "error",
        msg: summaryLine(summary),
        event: "summary",
        ...summary,
      });
    },
    dispose() {},
  };
}
