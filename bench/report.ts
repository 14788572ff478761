// The benchmark's terminal report and the Markdown table for docs/performance.md.
import type { DatasetFigures, RunFigures, TargetCheck } from "./analyze.js";
import { medianRun } from "./analyze.js";
import { TIME_FLOOR_FORMULA } from "./floor.js";
import { renderGantt } from "./gantt.js";
import type { RunRecord } from "./measure-run.js";

const MB = 1024 * 1024;

export function secondsText(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function mb(bytes: number | null): string {
  return bytes === null ? "n/a" : `${Math.round(bytes / MB)} MB`;
}

function x(n: number): string {
  return Number.isFinite(n) ? n.toFixed(2) : "n/a";
}

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function factsLine(d: DatasetFigures): string {
  const f = d.facts;
  return `${f.labels} labels, ${f.milestones} milestones, ${f.issues} issues, ${f.pulls} PRs, ${f.conversationComments} issue+PR comments, ${f.reviews} reviews, ${f.reviewComments} review comments, ${f.subIssueChildren.reduce((a, b) => a + b, 0)} sub-issue links, ${f.releases} releases, ${f.assets} assets`;
}

function runRows(runs: Array<[RunRecord, RunFigures]>): string[][] {
  return runs.map(([run, f]) => {
    return [
      run.side,
      secondsText(run.wallMs),
      String(f.requests),
      x(f.rOverRmin),
      secondsText(f.tMin.ms),
      x(f.tOverTmin),
      x(f.tOverTminAtRmin),
      `${Math.round(f.measuredLatencyMs)} ms`,
      x(f.tOverTminMeasuredL),
      f.firstRequestMs === null ? "n/a" : secondsText(f.firstRequestMs),
      f.apiWindowMs === null ? "n/a" : secondsText(f.apiWindowMs),
      f.meanInFlight === null ? "n/a" : f.meanInFlight.toFixed(1),
      mb(run.maxRssBytes),
      run.cpuMs === null ? "n/a" : secondsText(run.cpuMs),
      run.nodeCpuMs === null ? "n/a" : secondsText(run.nodeCpuMs),
      secondsText(run.serverCpuMs),
      String(run.requests.git),
      String(run.requests.storage),
      String(run.requests.limited),
      String(run.requests.peakInFlight),
      run.ok ? "ok" : `FAILED: ${run.failures.map((f) => f.job).join(", ")}`,
    ];
  });
}

/** A B A B …: the order the runs happened in. */
export function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i] as T);
    if (i < b.length) out.push(b[i] as T);
  }
  return out;
}

function zip<A, B>(a: readonly A[], b: readonly B[]): Array<[A, B]> {
  return a.slice(0, b.length).map((item, i) => [item, b[i] as B]);
}

export function renderDataset(d: DatasetFigures, a: RunRecord[], b: RunRecord[], ganttWidth: number): string {
  const out: string[] = [];
  out.push(`== ${d.label} at ${d.latencyMs} ms: ${factsLine(d)}`);
  out.push("");
  out.push(`${d.rMin.formula}`);
  out.push(`R_min = ${d.rMin.total}: ${d.rMin.terms.map((t) => `${t.what} ${t.requests}`).join(" · ")}`);
  out.push(
    `R_min* = ${d.rMinNested.total} if comments and reviews ride nested in GraphQL pages (not a target; shown for honesty)`,
  );
  out.push(`${TIME_FLOOR_FORMULA}`);
  out.push(
    `K = ${d.chain.k} (${d.chain.why}), C = ${d.concurrency} (GitHub's limit in flight), L = ${d.latencyMs} ms, budgets REST ${d.budgets.restPointsPerMinute}/route and GraphQL ${d.budgets.graphqlPointsPerMinute} points per ${d.budgets.windowMs / 1000} s; T_min at R_min = ${secondsText(
      d.a.runs[0]?.tMinAtRmin.ms ?? Number.NaN,
    )}`,
  );
  out.push("");
  const header = [
    "side",
    "wall",
    "API req",
    "R/R_min",
    "T_min(R)",
    "T/T_min",
    "T/T_min(R_min)",
    "L seen",
    "T/T_min(L seen)",
    "1st req",
    "API window",
    "in flight",
    "peak RSS",
    "CPU (tree)",
    "node CPU",
    "server CPU",
    "git req",
    "storage",
    "403/429",
    "peak in flight",
    "status",
  ];
  const runs = interleave(zip(a, d.a.runs), zip(b, d.b?.runs ?? []));
  out.push(table([header, ...runRows(runs)]));
  out.push("");
  if (d.speedup) {
    out.push(
      `A/B speed-up (T_B / T_A): median ${x(d.speedup.median)}× (min ${x(d.speedup.min)}, max ${x(d.speedup.max)}) over ${d.speedup.n} pairs`,
    );
  } else {
    out.push("B not run on this dataset (A only, for memory).");
  }
  const am = medianRun(a);
  const bm = medianRun(b);
  const routes = new Set([
    ...Object.keys(am?.requests.byRoute ?? {}),
    ...Object.keys(bm?.requests.byRoute ?? {}),
  ]);
  out.push("");
  out.push("API requests by route (median runs) and server time per request in A (latency included):");
  const routeRows = [["route", "A", "B", "A mean ms", "A max ms"]];
  for (const route of [...routes].sort()) {
    const t = am?.server.timings[route];
    routeRows.push([
      route,
      String(am?.requests.byRoute[route] ?? 0),
      bm ? String(bm.requests.byRoute[route] ?? 0) : "-",
      t ? String(t.meanMs) : "-",
      t ? String(t.maxMs) : "-",
    ]);
  }
  out.push(table(routeRows).replace(/^/gm, "  "));
  for (const [label, run] of [
    ["A", am],
    ["B", bm],
  ] as const) {
    if (!run) continue;
    out.push("");
    out.push(`Gantt ${label} (median run, ${secondsText(run.wallMs)}; axis from spawn to exit):`);
    out.push(renderGantt(run.spans, { origin: run.origin, end: run.origin + run.wallMs, width: ganttWidth }));
    const peak = run.memoryPeak;
    if (peak) {
      const running = run.spans
        .filter((sp) => sp.start !== null && sp.start <= peak.at && (sp.end === null || sp.end >= peak.at))
        .map((sp) => sp.job);
      out.push(
        `${label} memory: peak RSS ${mb(run.maxRssBytes)}; highest sample ${mb(peak.rss)} at ${secondsText(
          peak.at - run.origin,
        )} (heap ${mb(peak.heapUsed)} used of ${mb(peak.heapTotal)}, external ${mb(peak.external)}, array buffers ${mb(
          peak.arrayBuffers,
        )}) while running: ${running.join(", ") || "none"}`,
      );
    }
    const notes = run.notes.filter(
      (n) => n.level === "warn" || n.level === "error" || n.level === "stderr" || /concurrency/i.test(n.msg),
    );
    if (notes.length > 0) {
      out.push(`${label} log notes (${notes.length}):`);
      for (const n of notes.slice(0, 8)) {
        const when = Number.isFinite(n.time) ? `+${secondsText(n.time - run.origin)} ` : "";
        out.push(`  ${when}${n.level} ${n.msg}`);
      }
    }
  }
  const failures = [
    ...d.a.failures.map((f) => ({ side: "A", ...f })),
    ...(d.b?.failures ?? []).map((f) => ({ side: "B", ...f })),
  ];
  if (failures.length > 0) {
    out.push("");
    out.push("Failures:");
    for (const f of failures) out.push(`  ${f.side} ${f.job}: ${f.error}`);
  }
  return out.join("\n");
}

export function renderTargets(checks: readonly TargetCheck[]): string {
  const rows = [["target", "measured", "met", "gap"]];
  for (const c of checks)
    rows.push([c.target, c.value, c.met === null ? "?" : c.met ? "yes" : "NO", c.gap ?? ""]);
  return table(rows);
}

type Align = "left" | "right";

/** A Markdown table with padded columns, laid out as the project's formatter (Biome) lays it out. */
export function markdownGrid(header: string[], align: Align[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(3, ...all.map((row) => (row[i] ?? "").length)));
  const cell = (text: string, i: number) =>
    align[i] === "right" ? text.padStart(widths[i] as number) : text.padEnd(widths[i] as number);
  const line = (row: string[]) => `| ${row.map((c, i) => cell(c, i)).join(" | ")} |`;
  const rule = widths.map((w, i) => (align[i] === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w)));
  return [line(header), `| ${rule.join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** The results table of docs/performance.md. */
export function markdownTable(results: readonly DatasetFigures[]): string {
  const header = [
    "dataset",
    "L",
    "A wall",
    "B wall",
    "T_B/T_A",
    "A requests",
    "R_min",
    "R/R_min",
    "T_min (A's R)",
    "T/T_min",
    "A CPU",
    "B CPU",
    "A peak RSS",
    "B peak RSS",
    "403/429",
  ];
  const cpu = (s: DatasetFigures["a"] | null) => (s?.cpuMs ? secondsText(s.cpuMs.median) : "–");
  const rows = results.map((d) => {
    const am = medianRun(d.a.runs);
    return [
      d.label,
      `${d.latencyMs} ms`,
      secondsText(d.a.wall.median),
      d.b ? secondsText(d.b.wall.median) : "not run",
      d.speedup ? `${x(d.speedup.median)}×` : "–",
      String(d.a.requests.median),
      String(d.rMin.total),
      x(d.a.rOverRmin.median),
      am ? secondsText(am.tMin.ms) : "n/a",
      x(d.a.tOverTmin.median),
      cpu(d.a),
      cpu(d.b),
      mb(d.a.maxRssBytes),
      d.b ? mb(d.b.maxRssBytes) : "–",
      String(d.a.limited + (d.b?.limited ?? 0)),
    ];
  });
  return markdownGrid(header, ["left", ...header.slice(1).map((): Align => "right")], rows);
}

export function markdownTargets(checks: readonly TargetCheck[]): string {
  const rows = checks.map((c) => [c.target, c.value, c.met === null ? "?" : c.met ? "yes" : `no (${c.gap})`]);
  return markdownGrid(["target", "measured", "met"], ["left", "left", "left"], rows);
}
