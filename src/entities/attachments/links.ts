// Which links in a body are attachments: files and images people dropped into
// an issue or comment, which GitHub keeps on its attachment hosts. Save finds
// them with this module and restore rewrites exactly the same matches, so a
// link is re-hosted if and only if it was saved.
//
// Recognised: on github.com, and on the web host of the API in use (a GitHub
// Enterprise Server's own host), the paths /user-attachments/assets/ID,
// /user-attachments/files/ID/NAME, /OWNER/REPO/files/ID/NAME and
// /OWNER/REPO/assets/…; and any link on user-images.githubusercontent.com or
// private-user-images.githubusercontent.com. Everything else (other sites,
// other pages of GitHub) is no attachment and is left alone.

/** Hosts that serve nothing but attachments. */
const ATTACHMENT_HOSTS = new Set([
  "user-images.githubusercontent.com",
  "private-user-images.githubusercontent.com",
]);

const ATTACHMENT_PATHS = [
  /^\/user-attachments\/assets\/[^/]+$/,
  /^\/user-attachments\/files\/[^/]+\/[^/]+$/,
  /^\/[^/]+\/[^/]+\/files\/[^/]+\/[^/]+$/,
  /^\/[^/]+\/[^/]+\/assets\/[^/]+(\/[^/]+)*$/,
];

/** A link as it stands in the text, up to the characters Markdown and HTML end a URL with. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'()[\]`]+/g;
/** Sentence punctuation after a bare link is not part of it. */
const TRAILING = /[.,;:!?]+$/;

/** Text every attachment link contains (one of them): a cheap test before a record is parsed. */
const MARKERS = ["/user-attachments/", "/files/", "/assets/", "githubusercontent.com"];

/** False when `text` (a record's line, say) certainly holds no attachment link. */
export function mayHoldAttachment(text: Buffer | string): boolean {
  return MARKERS.some((marker) => text.includes(marker));
}

/** Whether `url` is on an attachment host (see above); `webOrigin` is the web host of the API in use. */
export function isAttachmentUrl(url: string, webOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return false;
  if (parsed.username !== "" || parsed.password !== "") return false;
  if (ATTACHMENT_HOSTS.has(parsed.hostname.toLowerCase())) return parsed.protocol === "https:";
  const onGitHub = parsed.origin === "https://github.com" || parsed.origin === webOrigin;
  return onGitHub && ATTACHMENT_PATHS.some((pattern) => pattern.test(parsed.pathname));
}

export interface LinkMatch {
  url: string;
  /** UTF-16 offsets of the link in the text. */
  start: number;
  end: number;
}

/** Every link in `text`, in order, whatever its host. */
function linksIn(text: string): LinkMatch[] {
  const out: LinkMatch[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(TRAILING, "");
    out.push({ url, start: match.index, end: match.index + url.length });
  }
  return out;
}

/** Every attachment link in `text`, in order. */
export function attachmentLinks(text: string, webOrigin: string): LinkMatch[] {
  return linksIn(text).filter((link) => isAttachmentUrl(link.url, webOrigin));
}

/**
 * `text` with each link that `replacement` maps replaced (restore maps the
 * links save recorded, found the same way), the rest untouched.
 */
export function replaceLinks(text: string, replacement: (url: string) => string | undefined): string {
  let out = "";
  let last = 0;
  for (const link of linksIn(text)) {
    const to = replacement(link.url);
    if (to === undefined) continue;
    out += text.slice(last, link.start) + to;
    last = link.end;
  }
  return last === 0 ? text : out + text.slice(last);
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "image/svg+xml": ".svg",
  "video/mp4": ".mp4",
  "video/quicktime": ".mov",
  "video/webm": ".webm",
  "application/pdf": ".pdf",
  "application/zip": ".zip",
  "application/gzip": ".gz",
  "application/json": ".json",
  "text/plain": ".txt",
  "text/csv": ".csv",
};

/**
 * The file name a link suggests: its last path segment, decoded, with an
 * extension from the content type when it has none (/user-attachments/assets/
 * links end in a bare id). Untrusted: the caller makes it safe.
 */
export function suggestedName(url: string, contentType: string | null): string {
  const segment = new URL(url).pathname.split("/").pop() ?? "";
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = segment;
  }
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  const ext = EXTENSIONS[type];
  if (ext && !/\.[A-Za-z0-9]{1,8}$/.test(name)) name += ext;
  return name;
}
