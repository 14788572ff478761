// The site in a real browser: Debian's chromium driven by playwright-core
// (no browser download). A backup of the `tricky` dataset, with hostile bodies
// planted in the fake first, is turned into a site and opened from file://.
// Every request is routed: anything that is not file: is aborted and fails
// the test at the end.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IssueCommentRecord } from "../../src/entities/issue_comments/record.js";
import type { IssueRecord } from "../../src/entities/issues/record.js";
import type { PrReviewCommentRecord } from "../../src/entities/pr_review_comments/record.js";
import type { PrReviewRecord } from "../../src/entities/pr_reviews/record.js";
import type { PullRequestRecord } from "../../src/entities/pull_requests/record.js";
import { buildSite } from "../../src/site/build-site.js";
import { saveBackup } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = process.env.SITE_SCREENSHOTS === "1";

/** Every way a body could try to run code, load something or navigate. */
const HOSTILE = [
  "<script>window.pwned = 'script'; location.href = 'https://evil.example/script';</script>",
  '<img src="https://evil.example/pixel.gif" onerror="window.pwned = \'onerror\'">',
  '<a href="javascript:window.pwned = \'link\'" id="js-link">click me</a>',
  "[markdown js link](javascript:window.pwned='md-link')",
  '<iframe src="https://evil.example/frame"></iframe>',
  "<style>body { display: none !important }</style>",
  '<svg onload="window.pwned = \'svg\'"><image href="https://evil.example/svg.png"/></svg>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<div style="background:url(https://evil.example/bg.png)" onmouseover="window.pwned = \'hover\'">hover me</div>',
  "![tracker](https://evil.example/tracker.png)",
  '<form action="https://evil.example/form"><button id="hostile-submit">send</button></form>',
].join("\n\n");
const HOSTILE_TITLE = "<img src=x onerror=\"window.pwned = 'title'\"> Hostile title";
/** A word planted in one comment only, for the search test. */
const NEEDLE = "zebrafishneedle";

function readJsonl<T>(dir: string, file: string): T[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as T);
}

/** The browser global the colour check calls (the test is compiled without the DOM library). */
interface ComputedStyleSource {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();
/** The text a body shows once rendered (the seeded attachment links): images as "image: alt", links as their text. */
const shownText = (body: string) =>
  body
    .replace(/!\[([^\]]*)\]\(([^)\s]*)\)/g, (_m, alt: string, src: string) => `image: ${alt || src}`)
    .replace(/\[([^\]]*)\]\([^)\s]*\)/g, "$1")
    .replace(/<img[^>]*\balt="([^"]*)"[^>]*>/g, "image: $1")
    .replace(/<[^>]+>/g, "");

describe.skipIf(!existsSync(CHROMIUM))(`the site in chromium (skipped when ${CHROMIUM} is missing)`, () => {
  const root = mkdtempSync(join(tmpdir(), "gd-site-browser-"));
  const backupDir = join(root, "backup");
  const siteDir = join(root, "site");
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  let hostileIssue = 0;
  let needleIssue = 0;

  beforeAll(async () => {
    await saveBackup("tricky", backupDir, (repo) => {
      const items = [...repo.issues.values()];
      const issue = items.find((i) => !i.pull && i.number > 1)!;
      issue.body = HOSTILE;
      issue.title = HOSTILE_TITLE;
      hostileIssue = issue.number;
      const pull = items.find((i) => i.pull)!;
      pull.body = HOSTILE;
      const comment = repo.comments.find((c) => c.issue_number === hostileIssue) ?? repo.comments[0]!;
      comment.body = HOSTILE;
      const needle = repo.comments.find(
        (c) => c.issue_number !== hostileIssue && !repo.issues.get(c.issue_number)?.pull,
      )!;
      needle.body = `The ${NEEDLE} is in this comment only.`;
      needleIssue = needle.issue_number;
    });
    await buildSite({ dir: backupDir, out: siteDir });
    browser = await chromium.launch({ executablePath: CHROMIUM });
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const open = async (rel: string) => {
    await page.goto(pathToFileURL(join(siteDir, rel)).href);
  };

  it("shows the repository, counts, labels with colours, milestones, releases and the jobs chart", async () => {
    await open("index.html");
    expect(await page.textContent("h1")).toBe("octo-org/sample");
    const labels = readJsonl<{ name: string }>(backupDir, "labels.jsonl").map((l) => l.name);
    const chips = await page.$$eval("table.labels .label", (els) => els.map((e) => e.textContent));
    expect([...chips].sort()).toEqual([...labels].sort());
    const colour = await page.$eval(
      "table.labels .label",
      (e) => (globalThis as unknown as ComputedStyleSource).getComputedStyle(e).backgroundColor,
    );
    expect(colour).not.toBe("rgba(0, 0, 0, 0)");
    const milestones = readJsonl(backupDir, "milestones.jsonl");
    expect(await page.locator("table.milestones progress").count()).toBe(milestones.length);
    const releases = readJsonl<{ assets: { path: string | null }[] }>(backupDir, "releases.jsonl");
    expect(await page.locator(".release").count()).toBe(releases.length);
    const assetHref = await page.getAttribute(".release .assets a", "href");
    expect(assetHref).toMatch(/^files\/release-assets\//);
    expect(existsSync(join(siteDir, decodeURIComponent(assetHref!)))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(backupDir, "manifest.json"), "utf8")) as {
      jobs: unknown[];
    };
    expect(await page.locator("svg.gantt rect").count()).toBe(manifest.jobs.length);
    if (SCREENSHOTS) {
      mkdirSync("docs/images", { recursive: true });
      await page.screenshot({ path: "docs/images/site-index.png" });
    }
  });

  it("follows links to an issue with its labels, state and comments in order", async () => {
    const issues = readJsonl<IssueRecord>(backupDir, "issues.jsonl");
    const comments = readJsonl<IssueCommentRecord>(backupDir, "issue_comments.jsonl");
    const counts = new Map<number, number>();
    for (const c of comments) counts.set(c.issue_number, (counts.get(c.issue_number) ?? 0) + 1);
    const busiest = [...counts.entries()]
      .filter(([n]) => n !== hostileIssue)
      .sort((a, b) => b[1] - a[1])[0]![0];
    const issue = issues.find((i) => i.number === busiest)!;

    await open("index.html");
    await page.click('a[href="issues/index.html"] >> nth=1');
    expect(page.url()).toMatch(/\/issues\/index\.html$/);
    await page.click(`#static-list a[href="${issue.number}.html"]`);
    expect(page.url()).toMatch(new RegExp(`/issues/${issue.number}\\.html$`));
    expect(await page.textContent("h1 .title")).toBe(issue.title);
    expect(normalise((await page.textContent(".meta .state")) ?? "")).toBe(
      issue.state === "open" ? "Open" : "Closed",
    );
    const labelTexts = await page.$$eval(".side .labels .label", (els) => els.map((e) => e.textContent));
    expect(labelTexts).toEqual(issue.labels.map((l) => l.name));
    const expected = comments
      .filter((c) => c.issue_number === issue.number)
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
    const shown = await page.$$eval(".timeline .comment:not(#issue-body)", (els) =>
      els.map((e) => ({ id: e.id, text: e.querySelector(".markdown")?.textContent ?? "" })),
    );
    expect(shown.map((s) => s.id)).toEqual(expected.map((c) => `comment-${c.id}`));
    expect(shown.map((s) => normalise(s.text))).toEqual(expected.map((c) => normalise(shownText(c.body))));
  });

  it("links the sub-issue tree both ways", async () => {
    const issues = readJsonl<IssueRecord>(backupDir, "issues.jsonl");
    const epic = issues.find((i) => i.title === "Epic: three-level tree")!;
    const child = issues.find((i) => i.title === "Child with its own child")!;
    const grandchild = issues.find((i) => i.title === "Grandchild")!;
    await open("issues/index.html");
    await page.click(`#static-list a[href="${epic.number}.html"]`);
    if (SCREENSHOTS) await page.screenshot({ path: "docs/images/site-issue.png" });
    const tree = page.locator(".subissues");
    await expect(tree.locator(`a[href="../issues/${child.number}.html"]`).textContent()).resolves.toContain(
      child.title,
    );
    // The grandchild is nested under the child, and the foreign child is shown without a link.
    expect(
      await tree.locator(`li:has(> a[href="../issues/${child.number}.html"]) li a`).getAttribute("href"),
    ).toBe(`../issues/${grandchild.number}.html`);
    expect(await tree.textContent()).toContain("octo-org/sample-tools#");
    await tree.locator(`a[href="../issues/${grandchild.number}.html"]`).click();
    expect(await page.textContent("h1 .title")).toBe("Grandchild");
    const parents = await page.$$eval(".parents a", (els) => els.map((e) => e.getAttribute("href")));
    expect(parents).toEqual([`../issues/${epic.number}.html`, `../issues/${child.number}.html`]);
  });

  it("follows links to a pull request with its reviews, review comments and diff hunks", async () => {
    const reviewComments = readJsonl<PrReviewCommentRecord>(backupDir, "pr_review_comments.jsonl");
    const reviews = readJsonl<PrReviewRecord>(backupDir, "pr_reviews.jsonl");
    const pulls = readJsonl<PullRequestRecord>(backupDir, "pull_requests.jsonl");
    const counts = new Map<number, number>();
    for (const c of reviewComments)
      counts.set(c.pull_request_number, (counts.get(c.pull_request_number) ?? 0) + 1);
    const number = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const pull = pulls.find((p) => p.number === number)!;
    await open("index.html");
    await page.click("header nav a >> text=Pull requests");
    await page.click(`#static-list a[href="${number}.html"]`);
    expect(await page.textContent("h1 .title")).toBe(pull.title);
    expect(await page.locator(".review").count()).toBe(
      reviews.filter((r) => r.pull_request_number === number).length,
    );
    const mine = reviewComments.filter((c) => c.pull_request_number === number);
    expect(await page.locator(".review-comment").count()).toBe(mine.length);
    const firstHunkLine = mine.find((c) => c.in_reply_to_id === null)!.diff_hunk.split("\n")[0]!;
    expect(await page.locator("pre.diff .hunk").first().textContent()).toBe(firstHunkLine);
  });

  it("searches titles, bodies and comments, and filters by state", async () => {
    const issues = readJsonl<IssueRecord>(backupDir, "issues.jsonl");
    await open("issues/index.html");
    await page.fill("input[type=search]", NEEDLE);
    await page.waitForSelector("#results:not([hidden]) .row");
    const found = await page.$$eval("#results .row a.title", (els) => els.map((e) => e.getAttribute("href")));
    expect(found).toEqual([`${needleIssue}.html`]);

    await page.fill("input[type=search]", "");
    await page.selectOption("#f-state", "closed");
    await page.waitForSelector("#results:not([hidden])");
    const closed = issues.filter((i) => i.state === "closed").length;
    expect(await page.textContent("#result-count")).toBe(`${closed} matching`);
    const states = await page.$$eval("#results .row .state", (els) => els.map((e) => e.textContent));
    expect(new Set(states)).toEqual(new Set(["closed"]));
  });

  it("links the attachments a page's bodies show to the site's copies of the backup's files", async () => {
    interface Attachment {
      url: string;
      status: string;
      path: string | null;
      referenced_by: Array<{ type: string; id: number }>;
    }
    const saved = readJsonl<Attachment>(backupDir, "attachments.jsonl").filter((a) => a.path !== null);
    const issues = readJsonl<IssueRecord>(backupDir, "issues.jsonl");
    const attachment = saved.find((a) =>
      a.referenced_by.some((ref) => ref.type === "issue" && issues.some((i) => i.id === ref.id)),
    );
    expect(attachment).toBeDefined();
    const { url, path, referenced_by } = attachment as Attachment;
    const issue = issues.find((i) => referenced_by.some((ref) => ref.type === "issue" && ref.id === i.id))!;
    await open(`issues/${issue.number}.html`);
    const hrefs = await page.$$eval("#issue-body .markdown a", (els) =>
      els.map((e) => e.getAttribute("href")),
    );
    expect(hrefs).not.toContain(url);
    const local = `../files/${(path as string).split("/").map(encodeURIComponent).join("/")}`;
    expect(hrefs).toContain(local);
    // The link opens the copy, from file:, with the backup's bytes.
    const target = new URL(local, page.url());
    expect(target.protocol).toBe("file:");
    expect(readFileSync(target)).toEqual(readFileSync(join(backupDir, path as string)));
    const [response] = await Promise.all([
      page.waitForEvent("requestfinished"),
      page.click(`a[href="${local}"]`),
    ]);
    expect(response.url()).toBe(target.href);
  });

  it("runs nothing from hostile bodies and titles, and loads nothing from the network", async () => {
    for (const rel of ["issues/index.html", `issues/${hostileIssue}.html`, "pulls/index.html"]) {
      await open(rel);
      expect(page.url().startsWith("file:")).toBe(true);
      expect(await page.evaluate(() => (globalThis as { pwned?: string }).pwned)).toBeUndefined();
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
      expect(csp).toContain("default-src 'none'");
      expect(
        await page
          .locator("script:not([src]), .markdown iframe, .markdown style, .markdown img, .markdown svg")
          .count(),
      ).toBe(0);
    }
    await open(`issues/${hostileIssue}.html`);
    expect(await page.textContent("h1 .title")).toBe(HOSTILE_TITLE);
    expect(await page.isVisible("h1")).toBe(true);
    await page.click("#issue-body >> text=click me");
    await page.hover("#issue-body >> text=hover me");
    expect(await page.evaluate(() => (globalThis as { pwned?: string }).pwned)).toBeUndefined();
    expect(page.url()).toMatch(new RegExp(`/issues/${hostileIssue}\\.html$`));
    // The images became plain links.
    const imageLinks = await page.$$eval("#issue-body a.image-link", (els) =>
      els.map((e) => e.getAttribute("href")),
    );
    expect(imageLinks).toEqual(["https://evil.example/pixel.gif", "https://evil.example/tracker.png"]);

    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
  });
});
