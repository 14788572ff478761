// The save's jobs over time as an inline SVG Gantt chart (one bar per job from
// its start to its finish), drawn at site time: no script, no style sheet
// needed, every text escaped.
import type { ManifestJob } from "../backup/manifest.js";
import { esc } from "./html.js";

const ROW = 22;
const LABEL_WIDTH = 170;
const BAR_WIDTH = 560;
const COLOURS: Record<ManifestJob["status"], string> = {
  succeeded: "#2da44e",
  failed: "#cf222e",
  skipped: "#8c959f",
};

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function ganttSvg(jobs: readonly ManifestJob[], startedAt: string, finishedAt: string): string {
  const origin = Date.parse(startedAt);
  const spans = jobs.map((job) => {
    const start = job.started_at ? Date.parse(job.started_at) : Number.NaN;
    const end = job.finished_at ? Date.parse(job.finished_at) : Number.NaN;
    return { job, start, end };
  });
  const ends = spans.map((s) => s.end).filter((t) => Number.isFinite(t));
  const last = Math.max(Date.parse(finishedAt) || origin, ...ends);
  const total = Math.max(1, last - origin);
  const x = (t: number) => LABEL_WIDTH + Math.max(0, Math.min(BAR_WIDTH, ((t - origin) / total) * BAR_WIDTH));
  const height = (spans.length + 1) * ROW + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + 70;
  const rows = spans.map(({ job, start, end }, i) => {
    const y = i * ROW + 4;
    const label = `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${esc(job.name)}</text>`;
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
      return `${label}<text x="${LABEL_WIDTH + 4}" y="${y + 15}" fill="#57606a">${esc(job.status)}</text>`;
    }
    const x0 = x(start);
    const w = Math.max(2, x(end) - x0);
    const tip = `${job.name}: ${job.status}, ${job.records} records, ${seconds(end - start)}`;
    return `${label}<rect x="${x0.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 8}" rx="3" fill="${COLOURS[job.status]}"><title>${esc(tip)}</title></rect><text x="${(x0 + w + 4).toFixed(1)}" y="${y + 15}" fill="#57606a">${esc(seconds(end - start))}</text>`;
  });
  const axisY = spans.length * ROW + 8;
  const axis = `<line x1="${LABEL_WIDTH}" y1="${axisY}" x2="${LABEL_WIDTH + BAR_WIDTH}" y2="${axisY}" stroke="#8c959f"/><text x="${LABEL_WIDTH}" y="${axisY + 14}">0 s</text><text x="${LABEL_WIDTH + BAR_WIDTH}" y="${axisY + 14}" text-anchor="end">${esc(seconds(total))}</text>`;
  return `<svg class="gantt" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 10}" viewBox="0 0 ${width} ${height + 10}" role="img" aria-label="Jobs of the save over time" font-family="sans-serif" font-size="12">${rows.join("")}${axis}</svg>`;
}
