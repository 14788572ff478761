// Body rewriting: attribution, marker, mention neutralising, reference
// rewriting with placeholders and the second pass, code left untouched.
import { describe, expect, it } from "vitest";
import { attributionLines, formatTime } from "../../src/restore/attribution.js";
import {
  createBodyRewriter,
  MAX_BODY_CHARS,
  markerOf,
  stripRestoreDecorations,
} from "../../src/restore/bodies.js";
import { segments } from "../../src/restore/markdown.js";
import { neutraliseMentions, WORD_JOINER as WJ } from "../../src/restore/mentions.js";
import { type ReferenceMap, resolvePending, rewriteReferences } from "../../src/restore/references.js";

const source = { owner: "o", repo: "r", webUrl: "https://github.com/o/r" };

function refs(mapping: Record<number, number>, known: number[] = []): ReferenceMap {
  return {
    newNumberOf: (n) => mapping[n],
    isKnown: (n) => n in mapping || known.includes(n),
    source,
    targetWebUrl: "https://github.com/o/copy",
  };
}

describe("mentions", () => {
  it("puts a word joiner after the @ of every mention, keeping the text", () => {
    const out = neutraliseMentions("Hi @alice, (@bob) and @org/team!\n@carol at line start");
    expect(out).toBe(`Hi @${WJ}alice, (@${WJ}bob) and @${WJ}org/team!\n@${WJ}carol at line start`);
    expect(out.replaceAll(WJ, "")).toBe("Hi @alice, (@bob) and @org/team!\n@carol at line start");
  });

  it("leaves e-mail addresses, URLs, code and already neutralised mentions alone", () => {
    const text =
      "mail user@example.com, https://x.io/@u, `@inline`\n```\n@fenced\n```\n~~~\n@tilde\n~~~\n<!-- @hidden -->";
    expect(neutraliseMentions(text)).toBe(text);
    const once = neutraliseMentions("@alice");
    expect(neutraliseMentions(once)).toBe(once);
  });
});

describe("markdown segments", () => {
  it("gives the input back and marks code", () => {
    const text = "a `b` c\n```js\nd\n```\ne ``f ` g`` h";
    const parts = segments(text);
    expect(parts.map((p) => p.text).join("")).toBe(text);
    expect(parts.filter((p) => p.code).map((p) => p.text)).toEqual(["`b`", "```js\nd\n```\n", "``f ` g``"]);
  });
});

describe("references", () => {
  it("maps restored numbers, keeps code, and ignores entities and fragments", () => {
    const { text, pending } = rewriteReferences(
      "See #1, o/r#2, GH-1 and `#1`; &#1; page#1",
      refs({ 1: 11, 2: 12 }),
    );
    expect(text).toBe("See #11, #12, GH-11 and `#1`; &#1; page#1");
    expect(pending).toEqual([]);
  });

  it("rewrites links to the source repository", () => {
    const { text } = rewriteReferences(
      "https://github.com/o/r/issues/1 and https://github.com/o/r/pull/2#x",
      refs({ 1: 11, 2: 12 }),
    );
    expect(text).toBe("https://github.com/o/copy/issues/11 and https://github.com/o/copy/pull/12#x");
  });

  it("leaves placeholders for numbers restored later and neutralises unknown ones", () => {
    const map = refs({ 1: 11 }, [5]);
    const first = rewriteReferences(
      "#1 then #5, o/r#5, https://github.com/o/r/issues/5, unknown #99, other/x#5",
      map,
    );
    expect(first.pending).toEqual([5]);
    expect(first.text).toBe(
      `#11 then #${WJ}5, #${WJ}5, https://github.com/o/r/issues/${WJ}5, unknown #${WJ}99, other/x#5`,
    );
    const later = resolvePending(first.text, refs({ 1: 11, 5: 15 }));
    expect(later.changed).toBe(true);
    expect(later.stillPending).toEqual([]);
    // Rewritten numbers are not mapped twice (#11 stays, although 11 is no original here).
    expect(later.text).toBe(
      `#11 then #15, #15, https://github.com/o/copy/issues/15, unknown #${WJ}99, other/x#5`,
    );
    expect(resolvePending(later.text, refs({ 1: 11, 5: 15, 11: 99 })).changed).toBe(false);
  });
});

describe("body rewriter", () => {
  const bodies = createBodyRewriter({ references: refs({ 3: 4 }, [7]) });
  const attribution = attributionLines({
    what: "Originally",
    number: 3,
    author: { login: "alice", id: 1, type: "User" },
    createdAt: "2025-04-01T12:00:00Z",
    closedAt: "2025-04-03T09:00:00Z",
    closedBy: { login: "bob", id: 2, type: "User" },
    stateReason: "not_planned",
    url: "https://github.com/o/r/issues/3",
  });

  it("writes the marker, the attribution and the rewritten text", () => {
    const { body, pendingRefs } = bodies.render("Fixed by #3, see #7. Thanks @carol", {
      kind: "issue",
      originalId: "1003",
      attribution,
    });
    expect(body).toBe(
      "<!-- github-data:issue:1003 -->\n" +
        `> *Originally \`#3\` by @${WJ}alice on 2025-04-01 12:00 UTC, closed by @${WJ}bob on 2025-04-03 09:00 UTC as not planned* · \`https://github.com/o/r/issues/3\`\n\n` +
        `Fixed by #4, see #${WJ}7. Thanks @${WJ}carol`,
    );
    expect(pendingRefs).toEqual([7]);
    expect(markerOf(body, "issue")).toBe("1003");
    expect(markerOf(body, "issue_comment")).toBeNull();
    expect(stripRestoreDecorations(body)).toBe("Fixed by #4, see #7. Thanks @carol");
    expect(bodies.pendingRefsOf(body)).toEqual([7]);
  });

  it("keeps an empty body empty and recognises its own marker before an older one", () => {
    const { body } = bodies.render(null, { kind: "issue_comment", originalId: "9", attribution: ["*x*"] });
    expect(stripRestoreDecorations(body)).toBe("");
    const again = bodies.rewrite(body, { kind: "issue_comment", originalId: "10", attribution: ["*y*"] });
    expect(markerOf(again, "issue_comment")).toBe("10");
  });

  it("cuts a body that no longer fits GitHub's limit, with a note", () => {
    const body = bodies.rewrite("x".repeat(MAX_BODY_CHARS), { kind: "issue", originalId: "1", attribution });
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(body).toContain("cut by github-data");
  });

  it("formats times in UTC to the minute", () => {
    expect(formatTime("2025-01-01 12:34:56+02:00".replace(" ", "T"))).toBe("2025-01-01 10:34 UTC");
  });
});
