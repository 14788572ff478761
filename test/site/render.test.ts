// Page pieces that need no browser: the jobs chart, the sub-issue tree, label
// colours, and escaping.
import { describe, expect, it } from "vitest";
import type { ManifestJob } from "../../src/backup/manifest.js";
import type { SubIssueRecord } from "../../src/entities/sub_issues/record.js";
import { ganttSvg } from "../../src/site/gantt-svg.js";
import { esc } from "../../src/site/html.js";
import { LabelStyles } from "../../src/site/labels-css.js";
import { indexSubIssues, subIssueBlocks } from "../../src/site/sub-issue-tree.js";

function job(
  name: string,
  start: string | null,
  end: string | null,
  status: ManifestJob["status"] = "succeeded",
): ManifestJob {
  return { name, status, records: 3, started_at: start, finished_at: end, duration_ms: 0, error: null };
}

describe("ganttSvg", () => {
  it("draws one bar per timed job, placed and sized by its times, with escaped names", () => {
    const svg = ganttSvg(
      [
        job("labels", "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:01.000Z"),
        job("<issues>", "2025-01-01T00:00:01.000Z", "2025-01-01T00:00:04.000Z", "failed"),
        job("releases", null, null, "skipped"),
      ],
      "2025-01-01T00:00:00.000Z",
      "2025-01-01T00:00:04.000Z",
    );
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(rects).toHaveLength(2);
    const [[x1, w1], [x2, w2]] = rects as [[number, number], [number, number]];
    expect(x2).toBeCloseTo(x1 + w1, 0);
    expect(w2).toBeCloseTo(3 * w1, 0);
    expect(svg).toContain("&lt;issues&gt;");
    expect(svg).not.toContain("<issues>");
    expect(svg).toContain(">skipped<");
    expect(svg).not.toMatch(/<script|on\w+=/);
  });
});

function link(parent: number, child: number, position: number, repo?: string): SubIssueRecord {
  return {
    parent_number: parent,
    parent_id: parent * 10,
    sub_issue_number: child,
    sub_issue_id: child * 10,
    position,
    ...(repo ? { sub_issue_repository: repo } : {}),
  };
}

describe("subIssueBlocks", () => {
  const saved = new Set([1, 2, 3, 4]);
  const linkFor = (n: number) => (saved.has(n) ? { href: `../issues/${n}.html`, title: `T${n}` } : undefined);

  it("shows the parent chain and the nested children, linking only what the backup holds", () => {
    const index = indexSubIssues([link(1, 2, 0), link(2, 3, 0), link(1, 9, 1), link(1, 5, 2, "o/other")]);
    const html = subIssueBlocks(index, 1, linkFor);
    expect(html).toContain(
      '<ul><li><a href="../issues/2.html">#2 T2</a><ul><li><a href="../issues/3.html">#3 T3</a></li></ul></li>',
    );
    expect(html).toContain("<li><span>#9</span></li>");
    expect(html).toContain("<li><span>o/other#5</span></li>");
    expect(subIssueBlocks(index, 3, linkFor)).toContain(
      '<p class="parents"><a href="../issues/1.html">#1 T1</a> › <a href="../issues/2.html">#2 T2</a></p>',
    );
    expect(subIssueBlocks(index, 4, linkFor)).toBe("");
  });

  it("stops at a cycle in a hostile backup", () => {
    const index = indexSubIssues([link(1, 2, 0), link(2, 1, 0)]);
    expect(subIssueBlocks(index, 1, linkFor)).toContain("(cycle)");
  });
});

describe("LabelStyles", () => {
  it("gives each label a class with its colour, refusing anything but six hex digits", () => {
    const styles = new LabelStyles();
    const chip = styles.chip({ name: '<b>"bug"</b>', color: "d73a4a", description: 'a "quote"' });
    expect(chip).toBe(
      '<span class="label lbl-0" title="a &quot;quote&quot;">&lt;b&gt;&quot;bug&quot;&lt;/b&gt;</span>',
    );
    styles.classFor({ name: "evil", color: "fff;}body{display:none" });
    expect(styles.css()).toBe(
      ".lbl-0{background:#d73a4a;color:#ffffff}\n.lbl-1{background:#ededed;color:#1f2328}\n",
    );
  });
});

describe("esc", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    expect(esc(null)).toBe("");
  });
});
