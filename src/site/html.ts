// HTML building blocks: escaping, and the page frame every page shares (the
// Content-Security-Policy, the style sheets, the navigation).

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for element content and for quoted attribute values. */
export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * No inline script or style, no network: scripts, styles and images only from
 * the site's own files. `'self'` does not match file: URLs in every browser,
 * so `file:` is listed too (it allows nothing beyond the local disk).
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self' file:",
  "style-src 'self' file:",
  "img-src 'self' file:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export interface PageFrame {
  title: string;
  /** "" for pages at the site root, "../" for pages one folder down. */
  root: string;
  body: string;
  /** Script files (relative to the site root) loaded at the end of the body, in order. */
  scripts?: readonly string[];
  /** Text for the header line, e.g. the repository's name. */
  repoName: string;
}

export function page(frame: PageFrame): string {
  const r = frame.root;
  const scripts = (frame.scripts ?? []).map((s) => `<script src="${esc(r + s)}"></script>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(frame.title)}</title>
<link rel="stylesheet" href="${r}assets/site.css">
<link rel="stylesheet" href="${r}assets/labels.css">
</head>
<body>
<header class="top"><a href="${r}index.html" class="home">${esc(frame.repoName)}</a>
<nav><a href="${r}issues/index.html">Issues</a> <a href="${r}pulls/index.html">Pull requests</a></nav></header>
<main>
${frame.body}
</main>
${scripts}
</body>
</html>
`;
}

/** A short UTC date-time, e.g. "2025-04-01 12:00 UTC". */
export function when(timestamp: string | null | undefined): string {
  if (!timestamp) return "";
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(timestamp);
  const text = m ? `${m[1]} ${m[2]} UTC` : timestamp;
  return `<time datetime="${esc(timestamp)}">${esc(text)}</time>`;
}

export function userName(user: { login: string } | null | undefined): string {
  return user ? esc(user.login) : "ghost";
}
