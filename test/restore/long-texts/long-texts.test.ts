// Texts at and over GitHub's 65,536-character limit: nothing is cut. A body
// that does not fit with its attribution goes on, verbatim and in order, in
// continuation comments; GitHub (and the fake) count characters as code
// points, so emoji and CJK text fit as many characters as ASCII does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import {
  CONTINUES_LINE,
  charCount,
  createBodyRewriter,
  MAX_BODY_CHARS,
  markerOf,
  stripRestoreDecorations,
} from "../../../src/restore/bodies.js";
import {
  BOTH_SIDES,
  bothSidesRequest,
  makeEveryoneAssignable,
  pulls,
  removeTempDirs,
  repoOf,
  restore,
  startFake,
} from "../support/pull-side.js";
import { saveBackup } from "../support/setup.js";

afterAll(removeTempDirs);

const EMOJI = "🎉"; // two UTF-16 units, one character
const CJK = "漢"; // one UTF-16 unit, three UTF-8 bytes

/** `n` characters of `unit`, with a line break every 80 so parts can end on one. */
function text(unit: string, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += (i + 1) % 80 === 0 ? "\n" : unit;
  return out;
}

const bodies = createBodyRewriter({
  references: { newNumberOf: () => undefined, isKnown: () => false, source: null, targetWebUrl: null },
});
const attribution = ["*Originally `#1` by @alice on 2025-01-01 10:00 UTC*"];
const render = (body: string) => bodies.render(body, { kind: "issue", originalId: "42", attribution });
const joined = (r: ReturnType<typeof render>) =>
  [r.body, ...r.continuations.map((c) => c.body)].map(stripRestoreDecorations).join("");

describe("a body and its attribution over GitHub's limit", () => {
  it("counts characters as code points, not UTF-16 units", () => {
    expect(charCount(EMOJI.repeat(3))).toBe(3);
    expect(charCount(`a${CJK}${EMOJI}`)).toBe(3);
  });

  for (const [name, unit] of [
    ["ASCII", "x"],
    ["emoji", EMOJI],
    ["CJK", CJK],
  ] as const) {
    it(`fits in one body exactly at the limit and continues one character past it (${name})`, () => {
      const headLength = charCount(render("x").body) - 1 - 2;
      const room = MAX_BODY_CHARS - headLength - 2;
      const fits = render(unit.repeat(room));
      expect(fits.continuations).toEqual([]);
      expect(charCount(fits.body)).toBe(MAX_BODY_CHARS);
      expect(stripRestoreDecorations(fits.body)).toBe(unit.repeat(room));

      const over = render(unit.repeat(room + 1));
      expect(over.continuations.length).toBe(1);
      expect(over.body).toContain(CONTINUES_LINE);
      expect(joined(over)).toBe(unit.repeat(room + 1));
      for (const b of [over.body, ...over.continuations.map((c) => c.body)])
        expect(charCount(b)).toBeLessThanOrEqual(MAX_BODY_CHARS);
    });
  }

  it("splits a text of three limits' worth into parts that join back verbatim, each marked", () => {
    const original = text(CJK, 3 * MAX_BODY_CHARS);
    const r = render(original);
    expect(r.continuations.length).toBe(3);
    expect(joined(r)).toBe(original);
    r.continuations.forEach((c, i) => {
      expect(markerOf(c.body, "continuation")).toBe(`issue.42.${i + 1}`);
      expect(c.body).toContain(`Continuation ${i + 1} of 3`);
    });
    // The same parts on every run, whatever the attribution (a rerun finds the parts it posted).
    const again = bodies.continuationsOf(original, { kind: "issue", originalId: "42" });
    expect(again.map((c) => c.body)).toEqual(r.continuations.map((c) => c.body));
  });

  it("cuts with a note only where asked (bodies with nowhere to continue)", () => {
    const r = bodies.render(EMOJI.repeat(MAX_BODY_CHARS), {
      kind: "release",
      originalId: "1",
      attribution,
      cutToFit: true,
    });
    expect(r.continuations).toEqual([]);
    expect(r.body).toContain("the original text has 65,536 characters");
    expect(charCount(r.body)).toBeLessThanOrEqual(MAX_BODY_CHARS);
  });
});

describe("the fake measures bodies as GitHub does", () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFake("small", 5);
  });
  afterAll(() => fake.close());

  it("accepts 65,536 emoji and refuses one character more", async () => {
    const post = (body: string) =>
      fetch(`${fake.url}/repos/octo-org/sample/issues`, {
        method: "POST",
        headers: { authorization: `token ${fake.token}`, "content-type": "application/json" },
        body: JSON.stringify({ title: "long", body }),
      });
    expect((await post(EMOJI.repeat(MAX_BODY_CHARS))).status).toBe(201);
    const refused = await post(`${EMOJI.repeat(MAX_BODY_CHARS)}x`);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain("body is too long (maximum is 65536 characters)");
  });
});

describe("round trip of texts at the limit (issue and PR bodies, comments, reviews, review comments)", () => {
  let fake: FakeGitHub;
  let source: FakeRepo;
  let target: FakeRepo;
  const originals = new Map<string, string>();

  beforeAll(async () => {
    fake = await startFake("small", 5);
    makeEveryoneAssignable(fake.store);
    source = repoOf(fake, "sample");
    const issue = [...source.issues.values()].find((i) => i.pull === null);
    const pr = pulls(source)[0];
    const comment = source.comments.find((c) => source.issues.get(c.issue_number)?.pull === null);
    const review = source.reviews.find((r) => r.body !== "");
    const reviewComment = source.reviewComments.find((c) => c.in_reply_to_id === null);
    if (!issue || !pr || !comment || !review || !reviewComment) throw new Error("small lacks a kind of text");
    issue.body = text(EMOJI, MAX_BODY_CHARS);
    pr.body = text(CJK, MAX_BODY_CHARS);
    comment.body = `${text(EMOJI, MAX_BODY_CHARS - 1)}!`;
    review.body = text(CJK, 2 * MAX_BODY_CHARS);
    reviewComment.body = text(EMOJI, MAX_BODY_CHARS);
    originals.set(`issue.${issue.id}`, issue.body);
    originals.set(`pull_request.${pr.pull?.id}`, pr.body);
    originals.set(`issue_comment.${comment.id}`, comment.body);
    originals.set(`pr_review.${review.id}`, review.body);
    originals.set(`pr_review_comment.${reviewComment.id}`, reviewComment.body);
    const dir = await saveBackup(fake, BOTH_SIDES, { real: true });
    const request = () => bothSidesRequest(fake, dir, "restored");
    const first = await restore(request());
    expect(first.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    expect(first.exitCode).toBe(0);
    target = repoOf(fake, "restored");
    // A second run over the same target adds nothing.
    const before = target.comments.length;
    const second = await restore(request());
    expect(second.exitCode).toBe(0);
    expect(target.comments.length).toBe(before);
  }, 300_000);
  afterAll(() => fake.close());

  /** The target's text of original `kind`:`id` with its continuation comments joined on, in order. */
  function restoredText(kind: string, id: string): string {
    const own = [
      ...[...target.issues.values()].map((i) => i.body),
      ...target.comments.map((c) => c.body),
      ...target.reviews.map((r) => r.body),
      ...target.reviewComments.map((c) => c.body),
    ].find((b) => markerOf(b, kind as "issue") === id);
    const parts = target.comments
      .map((c) => ({ body: c.body, key: markerOf(c.body, "continuation") ?? "" }))
      .filter((c) => c.key.startsWith(`${kind}.${id}.`))
      .sort((a, b) => Number(a.key.split(".")[2]) - Number(b.key.split(".")[2]));
    return [own, ...parts.map((p) => p.body)].map((b) => stripRestoreDecorations(b)).join("");
  }

  it("brings every text back complete, in order", () => {
    for (const [key, original] of originals) {
      const [kind, id] = key.split(".") as [string, string];
      const got = restoredText(kind, id);
      expect(got.length, key).toBe(original.length);
      expect(got === original, key).toBe(true);
    }
  });

  it("keeps every body within the limit and cuts none", () => {
    const all = [
      ...[...target.issues.values()].map((i) => i.body ?? ""),
      ...target.comments.map((c) => c.body),
      ...target.reviews.map((r) => r.body),
      ...target.reviewComments.map((c) => c.body),
    ];
    for (const b of all) {
      expect(charCount(b)).toBeLessThanOrEqual(MAX_BODY_CHARS);
      expect(b).not.toContain("cut by github-data");
    }
  });

  it("keeps the long review comment on its line", () => {
    const id = [...originals.keys()].find((k) => k.startsWith("pr_review_comment."))?.split(".")[1];
    expect(target.reviewComments.some((c) => markerOf(c.body, "pr_review_comment") === id)).toBe(true);
  });
});
