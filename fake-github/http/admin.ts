// Unauthenticated control paths for tests and benchmarks. They are not
// counted, delayed, limited or faulted:
//   GET  /_fake/stats        counters and the request log
//   POST /_fake/reset-stats  zero the counters
//   GET  /_fake/config       current knobs
//   POST /_fake/configure    JSON patch of knobs (same shape as configure())
import type { FakeKnobs } from "../limits/knobs.js";
import { parseKnobPatch } from "../limits/knobs.js";
import { errorResponse, notFound } from "./responses.js";
import type { StatsRecorder } from "./stats.js";
import type { FakeResponse } from "./types.js";

export interface AdminControl {
  readonly recorder: StatsRecorder;
  knobs(): FakeKnobs;
  configure(patch: Partial<FakeKnobs>): void;
}

export async function handleAdmin(
  control: AdminControl,
  method: string,
  path: string,
  body: Buffer,
): Promise<FakeResponse> {
  const route = `${method} ${path.replace(/\/$/, "")}`;
  switch (route) {
    case "GET /_fake/stats":
      return { status: 200, body: control.recorder.snapshot() };
    case "POST /_fake/reset-stats":
      control.recorder.reset();
      return { status: 204 };
    case "GET /_fake/config":
      return { status: 200, body: control.knobs() };
    case "POST /_fake/configure": {
      let patch: Partial<FakeKnobs>;
      try {
        patch = parseKnobPatch(body.length === 0 ? {} : JSON.parse(body.toString("utf8")));
      } catch (error) {
        return errorResponse(400, error instanceof Error ? error.message : "invalid knobs");
      }
      control.configure(patch);
      return { status: 200, body: control.knobs() };
    }
    default:
      return notFound();
  }
}
