// Splits Markdown into the parts GitHub renders as text and the parts it
// shows verbatim (fenced code blocks, inline code spans, HTML comments), so
// rewriting touches prose only. Not a full CommonMark parser: indented code
// blocks count as prose, which is harmless because every rewrite we make there
// is invisible (a word joiner) or a number inside text GitHub would not link.

export interface Segment {
  text: string;
  /** Shown verbatim: never rewritten. */
  code: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** Splits into prose and verbatim segments; concatenating every `text` gives the input back. */
export function segments(markdown: string): Segment[] {
  const out: Segment[] = [];
  const push = (text: string, code: boolean) => {
    if (text === "") return;
    const last = out[out.length - 1];
    if (last && last.code === code) last.text += text;
    else out.push({ text, code });
  };
  const lines = markdown.split(/(?<=\n)/);
  let prose = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const open = FENCE_OPEN.exec(line);
    if (!open) {
      prose += line;
      continue;
    }
    splitInline(prose, push);
    prose = "";
    const fence = open[1] as string;
    const closing = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    let block = line;
    let j = i + 1;
    for (; j < lines.length; j++) {
      block += lines[j] as string;
      if (closing.test((lines[j] as string).replace(/\n$/, ""))) break;
    }
    push(block, true);
    i = j;
  }
  splitInline(prose, push);
  return out;
}

/** Inline code spans (a run of n backticks up to the next run of exactly n) and HTML comments. */
function splitInline(text: string, push: (text: string, code: boolean) => void): void {
  let i = 0;
  let start = 0;
  while (i < text.length) {
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end >= 0) {
        push(text.slice(start, i), false);
        push(text.slice(i, end + 3), true);
        i = end + 3;
        start = i;
        continue;
      }
    }
    if (text[i] === "`") {
      let n = 0;
      while (text[i + n] === "`") n++;
      const close = findRun(text, i + n, n);
      if (close >= 0) {
        push(text.slice(start, i), false);
        push(text.slice(i, close + n), true);
        i = close + n;
        start = i;
        continue;
      }
      i += n;
      continue;
    }
    i++;
  }
  push(text.slice(start), false);
}

function findRun(text: string, from: number, n: number): number {
  let i = from;
  while (i < text.length) {
    const at = text.indexOf("`", i);
    if (at < 0) return -1;
    let m = 0;
    while (text[at + m] === "`") m++;
    if (m === n) return at;
    i = at + m;
  }
  return -1;
}

/** Applies `rewrite` to every prose segment. */
export function mapProse(markdown: string, rewrite: (prose: string) => string): string {
  return segments(markdown)
    .map((s) => (s.code ? s.text : rewrite(s.text)))
    .join("");
}
