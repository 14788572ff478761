// Markdown from a backup (untrusted) to safe HTML: markdown-it renders
// GitHub-flavoured Markdown (tables, strikethrough, fenced code, task lists),
// then sanitize-html keeps only an allow-list of tags and attributes and only
// http(s)/mailto links. Images are never loaded: they become links, to the
// site's copy of the file when the backup saved it as an attachment.
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { esc } from "./html.js";

const md = new MarkdownIt({ html: true, linkify: true, breaks: true });

// Task lists: "- [ ] x" / "- [x] x" start with a disabled checkbox.
md.core.ruler.after("inline", "task-lists", (state) => {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i]!;
    if (inline.type !== "inline" || tokens[i - 1]!.type !== "paragraph_open") continue;
    if (tokens[i - 2]!.type !== "list_item_open") continue;
    const first = inline.children?.[0];
    const match = first && first.type === "text" ? /^\[([ xX])\]\s+/.exec(first.content) : null;
    if (!first || !match) continue;
    first.content = first.content.slice(match[0].length);
    const box = new state.Token("html_inline", "", 0);
    box.content = `<input type="checkbox" disabled${match[1] === " " ? "" : " checked"}> `;
    inline.children!.unshift(box);
    tokens[i - 2]!.attrJoin("class", "task");
  }
});

// An image is a link to it: the site never loads anything from the network.
md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet("src") ?? "");
  const alt = token.children ? md.renderer.renderInlineAsText(token.children, md.options, {}) : "";
  return `<a href="${md.utils.escapeHtml(src)}" class="image-link">image: ${md.utils.escapeHtml(alt || src)}</a>`;
};

const ALLOWED_TAGS = [
  "a",
  "abbr",
  "b",
  "blockquote",
  "br",
  "code",
  "dd",
  "del",
  "details",
  "div",
  "dl",
  "dt",
  "em",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "i",
  "input",
  "ins",
  "kbd",
  "li",
  "mark",
  "ol",
  "p",
  "pre",
  "q",
  "s",
  "samp",
  "span",
  "strike",
  "strong",
  "sub",
  "summary",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "tt",
  "u",
  "ul",
  "var",
];

/** Resolves a link against the record's GitHub page; drops it unless http(s) or mailto. */
export function safeHref(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  let url: URL;
  try {
    url = base ? new URL(href.trim(), base) : new URL(href.trim());
  } catch {
    return undefined;
  }
  return url.protocol === "https:" || url.protocol === "http:" || url.protocol === "mailto:"
    ? url.href
    : undefined;
}

/** A saved attachment's link relative to the page being rendered, by the URL the body spells. */
export type LocalCopies = (url: string) => string | undefined;

/** The base and copies of the call in progress (sanitising is synchronous), so the options are built once. */
let base: string | undefined;
let copies: LocalCopies | undefined;

/** The page-relative link of the saved copy of `raw` (as spelled, or as resolved), else the safe original. */
function hrefOf(raw: string | undefined): string | undefined {
  const href = safeHref(raw, base);
  if (copies === undefined || raw === undefined) return href;
  return copies(raw.trim()) ?? (href === undefined ? undefined : copies(href)) ?? href;
}

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ["href", "title", "class", "rel"],
    input: ["type", "disabled", "checked"],
    code: ["class"],
    li: ["class"],
    ul: ["class"],
    ol: ["start"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan"],
    details: ["open"],
  },
  allowedClasses: {
    a: ["image-link"],
    code: [/^language-[\w+-]+$/],
    li: ["task"],
    ul: ["contains-task-list"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => {
      const href = hrefOf(attribs.href);
      const out: sanitizeHtml.Attributes = { rel: "noopener noreferrer nofollow" };
      if (href) out.href = href;
      if (attribs.title) out.title = attribs.title;
      if (attribs.class === "image-link") out.class = "image-link";
      return { tagName, attribs: out };
    },
    img: (_tagName, attribs) => {
      const href = hrefOf(attribs.src);
      const out: sanitizeHtml.Attributes = { class: "image-link", rel: "noopener noreferrer nofollow" };
      if (href) out.href = href;
      return {
        tagName: "a",
        attribs: out,
        text: `image: ${attribs.alt || attribs.src || ""}`,
      };
    },
    input: (tagName, attribs) => {
      const out: sanitizeHtml.Attributes = { type: "checkbox", disabled: "" };
      if (attribs.checked !== undefined) out.checked = "";
      return { tagName, attribs: out };
    },
  },
};

/** The sanitiser alone, for HTML from anywhere untrusted. */
export function sanitize(html: string, linkBase?: string, localCopies?: LocalCopies): string {
  base = linkBase;
  copies = localCopies;
  try {
    return sanitizeHtml(html, SANITIZE_OPTIONS);
  } finally {
    base = undefined;
    copies = undefined;
  }
}

// Text that Markdown would render as plain paragraphs: no markup characters,
// no line starting like a block (list, heading, indented code), nothing
// linkify would turn into a link. Most comments are like this; escaping them
// directly gives the same HTML in a fraction of the time.
const PLAIN_CHARS = /^[\p{L}\p{N} ,.'?!;:()@#"\n-]*$/u;
const BLOCK_START = /(^|\n)([-# ]|\p{N}+[.)])/u;
const LINKABLE = /[.:][\p{L}\p{N}]/u;

function plainParagraphs(text: string): string | undefined {
  if (!PLAIN_CHARS.test(text) || BLOCK_START.test(text) || LINKABLE.test(text)) return undefined;
  return text
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split("\n")
        .map((line) => esc(line.trim()))
        .filter((line) => line !== ""),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => `<p>${lines.join("<br>\n")}</p>\n`)
    .join("");
}

/**
 * Markdown to safe HTML. `base` (the record's GitHub page) resolves relative
 * links the way GitHub does, so they never point into the local disk; a link
 * to an attachment the backup saved points at the site's copy (`localCopies`).
 */
export function renderMarkdown(
  text: string | null | undefined,
  linkBase?: string,
  localCopies?: LocalCopies,
): string {
  if (!text || text.trim() === "") return '<p class="empty">No description provided.</p>';
  return plainParagraphs(text) ?? sanitize(md.render(text), linkBase, localCopies);
}
