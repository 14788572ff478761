// Keeps secrets (the GitHub token) out of logs, errors and files: every
// message that may contain request details passes through a redactor.

export type Redactor = (text: string) => string;

const MASK = "***";

/** The forms a token takes on the wire: as is, URL-encoded, and base64 in Basic auth headers. */
function secretForms(secret: string): string[] {
  const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");
  return [
    secret,
    encodeURIComponent(secret),
    b64(secret),
    b64(`x-access-token:${secret}`),
    b64(`${secret}:x-oauth-basic`),
    b64(`${secret}:`),
  ];
}

/**
 * Returns a function replacing every occurrence of each secret, and of its
 * encoded forms, with `***`. Empty secrets are ignored (they would match everywhere).
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of secretForms(secret)) if (form) forms.add(form);
  }
  // Longest first, so a base64 form is masked whole before a shorter form could split it.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text: string): string => {
    let out = text;
    for (const form of ordered) {
      if (out.includes(form)) out = out.split(form).join(MASK);
    }
    return out;
  };
}

const SENSITIVE_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
]);

/**
 * A copy of `headers` safe to log: credentials are masked (the scheme word,
 * e.g. "token" or "Basic", is kept so a reader can tell which auth was sent).
 */
export function redactHeaders(
  headers: Readonly<Record<string, string | number | string[] | undefined>>,
  redact?: Redactor,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    if (SENSITIVE_HEADERS.has(name.toLowerCase())) {
      const scheme = /^(\w+)\s+\S/.exec(text)?.[1];
      out[name] = scheme ? `${scheme} ${MASK}` : MASK;
    } else {
      out[name] = redact ? redact(text) : text;
    }
  }
  return out;
}
