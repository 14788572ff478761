// Markdown rendering and sanitising: GitHub-flavoured features survive,
// everything that could run, load or navigate does not.
import { describe, expect, it } from "vitest";
import { renderMarkdown, safeHref, sanitize } from "../../src/site/markdown.js";

const BASE = "https://github.com/octo-org/sample/issues/1";

describe("renderMarkdown", () => {
  it("renders GitHub-flavoured tables, task lists, code fences and strikethrough", () => {
    const html = renderMarkdown(
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] todo\n- [x] done\n\n```js\nconst x = 1 < 2;\n```\n\n~~gone~~",
    );
    expect(html).toContain("<table>");
    expect(html).toContain("<td>1</td>");
    expect(html).toMatch(/<li class="task"><input type="checkbox" disabled \/> todo<\/li>/);
    expect(html).toMatch(/<li class="task"><input type="checkbox" disabled checked \/> done<\/li>/);
    expect(html).toContain('<code class="language-js">const x = 1 &lt; 2;');
    expect(html).toContain("<s>gone</s>");
  });

  it("links an image or a file the backup saved to the site's copy, and any other to its original", () => {
    const saved = "https://github.com/user-attachments/assets/0b7d";
    const file = "https://github.com/user-attachments/files/7/notes.txt";
    const copies = (url: string) =>
      url === saved
        ? "../files/attachments/ab/shot.png"
        : url === file
          ? "../files/attachments/cd/notes.txt"
          : undefined;
    const html = renderMarkdown(
      `![shot](${saved}) <img src="${saved}" alt="again"> [notes](${file}) ![other](https://github.com/user-attachments/assets/ffff)`,
      BASE,
      copies,
    );
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([
      "../files/attachments/ab/shot.png",
      "../files/attachments/ab/shot.png",
      "../files/attachments/cd/notes.txt",
      "https://github.com/user-attachments/assets/ffff",
    ]);
    expect(html).not.toContain("<img");
  });

  it("says so when there is no body", () => {
    expect(renderMarkdown(null)).toContain("No description provided.");
    expect(renderMarkdown("  \n")).toContain("No description provided.");
  });

  it("gives plain text the same paragraphs and line breaks as the full renderer", () => {
    const plain = "Thanks for the report!\nI can reproduce this.\n\nSee #12, cc @alice (later).";
    // A markup character elsewhere sends the same text through markdown-it.
    const viaMarkdownIt = renderMarkdown(`${plain}\n\n*x*`).replace("<p><em>x</em></p>\n", "");
    expect(renderMarkdown(plain)).toBe(viaMarkdownIt.replace(/<br \/>/g, "<br>"));
    expect(renderMarkdown("a <script>c")).not.toContain("<script");
  });

  it("drops scripts, event handlers, iframes, styles, forms and meta refreshes", () => {
    const html = renderMarkdown(
      [
        "<script>window.pwned = 1</script>",
        '<img src="x" onerror="window.pwned = 2">',
        '<iframe src="https://evil.example/"></iframe>',
        "<style>body { display: none }</style>",
        '<svg onload="window.pwned = 3"><circle/></svg>',
        '<form action="https://evil.example/"><button>go</button></form>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/">',
        '<div style="background:url(https://evil.example/x)" onclick="window.pwned = 4">styled</div>',
      ].join("\n\n"),
      BASE,
    );
    for (const bad of [
      "<script",
      "onerror",
      "<iframe",
      "<style",
      "display: none",
      "<svg",
      "onload",
      "<form",
      "<meta",
      "<object",
      "<embed",
      "style=",
      "onclick",
      "window.pwned",
    ]) {
      expect(html).not.toContain(bad);
    }
    expect(html).toContain("styled");
  });

  it("drops javascript:, data: and vbscript: links in every spelling", () => {
    const html = renderMarkdown(
      [
        "[a](javascript:window.pwned=1)",
        '<a href="JaVaScRiPt:window.pwned=2">b</a>',
        '<a href="  javascript:window.pwned=3">c</a>',
        '<a href="java&#x09;script:window.pwned=4">d</a>',
        '<a href="data:text/html,<script>1</script>">e</a>',
        '<a href="vbscript:msgbox(1)">f</a>',
        "[g](data:text/html;base64,PHNjcmlwdD4=)",
      ].join("\n\n"),
      BASE,
    );
    // markdown-it leaves a refused link as its source text; no href carries the URL.
    expect(html).not.toMatch(/href="[^"]*(javascript|data:|vbscript)/i);
    expect(html.match(/<a /g)).toHaveLength(5);
    for (const text of ["b", "c", "d", "e", "f"]) expect(html).toContain(`>${text}</a>`);
  });

  it("turns images into links and never loads them", () => {
    const html = renderMarkdown(
      '![a chart](https://example.com/chart.png) <img src="https://evil.example/p.gif" alt="pixel">',
      BASE,
    );
    expect(html).not.toContain("<img");
    expect(html).toContain('href="https://example.com/chart.png"');
    expect(html).toContain("image: a chart");
    expect(html).toContain('href="https://evil.example/p.gif"');
    expect(html).toContain("image: pixel");
  });

  it("resolves relative links against the record's GitHub page, so none points at the local disk", () => {
    const html = renderMarkdown("[log](../pull/3) [root](/etc/passwd) [file](file:///etc/passwd)", BASE);
    expect(html).toContain('href="https://github.com/octo-org/sample/pull/3"');
    expect(html).toContain('href="https://github.com/etc/passwd"');
    expect(html).not.toMatch(/href="file:/);
  });

  it("escapes text that looks like HTML inside code", () => {
    expect(renderMarkdown("`<script>alert(1)</script>`")).toContain(
      "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>",
    );
  });
});

describe("safeHref", () => {
  it("keeps http, https and mailto and nothing else", () => {
    expect(safeHref("https://a.example/x", undefined)).toBe("https://a.example/x");
    expect(safeHref("mailto:a@b.example", undefined)).toBe("mailto:a@b.example");
    expect(safeHref("javascript:alert(1)", BASE)).toBeUndefined();
    expect(safeHref("file:///etc/passwd", BASE)).toBeUndefined();
    expect(safeHref("not a url", undefined)).toBeUndefined();
  });
});

describe("sanitize", () => {
  it("forces task-list inputs to disabled checkboxes", () => {
    expect(sanitize('<input type="text" value="x" onfocus="y">')).toBe('<input type="checkbox" disabled />');
  });
});
