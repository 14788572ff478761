// Job spans (start and finish of every job) from the JSON event lines a save
// prints with `--log-format json` ({time, event, job, …}); the baseline
// prints the same shape, so one parser serves both.

export type SpanStatus = "succeeded" | "failed" | "skipped" | "cancelled" | "running";

export interface JobSpan {
  job: string;
  /** Epoch ms of the first start (null when the job never started). */
  start: number | null;
  /** Epoch ms of the final event (null while running). */
  end: number | null;
  status: SpanStatus;
  attempts: number;
  records: number | null;
  error: string | null;
}

/** Notable log lines besides job events: secondary-limit pauses, concurrency changes, warnings. */
export interface LogNote {
  time: number;
  level: string;
  msg: string;
}

export interface ParsedEvents {
  spans: JobSpan[];
  notes: LogNote[];
  /** The final summary line's fields, if one was printed. */
  summary: Record<string, unknown> | null;
}

function record(line: string): Record<string, unknown> | null {
  const text = line.trim();
  if (!text.startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const FINAL: ReadonlySet<string> = new Set(["succeeded", "failed", "skipped", "cancelled"]);

export function parseEventLines(text: string): ParsedEvents {
  const byJob = new Map<string, JobSpan>();
  const notes: LogNote[] = [];
  let summary: Record<string, unknown> | null = null;
  for (const line of text.split("\n")) {
    const r = record(line);
    if (r === null) {
      // Plain lines on stderr (Node warnings, crashes) are worth seeing too.
      if (line.trim() !== "") notes.push({ time: Number.NaN, level: "stderr", msg: line.trim() });
      continue;
    }
    const time = typeof r.time === "string" ? Date.parse(r.time) : Number.NaN;
    const event = typeof r.event === "string" ? r.event : null;
    const job = typeof r.job === "string" ? r.job : null;
    if (event === "summary") {
      summary = r;
      continue;
    }
    if (event === null || job === null) {
      if (typeof r.msg === "string" && Number.isFinite(time) && r.level !== "debug")
        notes.push({ time, level: String(r.level ?? ""), msg: r.msg });
      continue;
    }
    let span = byJob.get(job);
    if (!span) {
      span = { job, start: null, end: null, status: "running", attempts: 0, records: null, error: null };
      byJob.set(job, span);
    }
    if (event === "started") {
      span.attempts += 1;
      if (span.start === null && Number.isFinite(time)) span.start = time;
    } else if (FINAL.has(event)) {
      span.status = event as SpanStatus;
      if (Number.isFinite(time)) span.end = time;
      if (typeof r.records === "number") span.records = r.records;
      const why = typeof r.error === "string" ? r.error : typeof r.reason === "string" ? r.reason : null;
      if (why !== null) span.error = why;
    } else if (event === "retrying" && typeof r.error === "string") {
      notes.push({ time, level: "warn", msg: `${job} retrying: ${r.error}` });
    }
  }
  return { spans: [...byJob.values()], notes, summary };
}
