// Files attached to bodies, as people drop screenshots and logs into issues
// and comments: every dataset links some in issue, pull request, comment,
// review, review comment and release bodies, in each of GitHub's link forms,
// plus links that answer 404 and links to other places that are no
// attachments. `tricky` adds hostile file names.
//
// The links must name the server's own web host, which is only known once it
// listens: they are generated with FAKE_WEB_ORIGIN, and the server replaces
// that origin with its own in every body when it starts (bindWebOrigin).
// A separate seeded generator keeps every other part of the dataset as it was.
import type { FakeRepo, FakeStore } from "../store/types.js";
import type { DatasetName } from "./configs.js";
import type { GenContext } from "./context.js";
import { mulberry32, type Prng, randomBytes } from "./prng.js";

/** The origin seeded links carry until the server knows its own. */
export const FAKE_WEB_ORIGIN = "http://fake-github.invalid";

/** Attachments per dataset (the hostile names of `tricky` come on top). */
const ATTACHMENTS: Record<DatasetName, number> = {
  empty: 0,
  small: 8,
  tricky: 8,
  medium: 40,
  large: 80,
  skewed: 12,
};

/** File names a hostile or careless uploader could give; each must land safely inside the backup. */
export const HOSTILE_ATTACHMENT_NAMES = [
  "../../etc/passwd",
  "..\\..\\windows\\evil.bat",
  "CON.txt",
  "名前 with spaces & ünïcödé.png",
  ".hidden",
  'quote"less<than>pipe|star*.txt',
  `${"x".repeat(300)}.log`,
  "   ",
];

interface Holder {
  get(): string | null;
  set(body: string): void;
}

/** Every body of the repository that may carry a link (GitHub's 65,536-character maximum respected). */
function holders(repo: FakeRepo): Holder[] {
  const out: Holder[] = [];
  const add = <T extends { body: string | null }>(item: T) =>
    out.push({
      get: () => item.body,
      set: (body) => {
        item.body = body;
      },
    });
  for (const issue of repo.issues.values()) add(issue);
  for (const comment of repo.comments) add(comment);
  for (const review of repo.reviews) if (review.body !== "") add(review);
  for (const comment of repo.reviewComments) add(comment);
  for (const release of repo.releases) add(release);
  return out;
}

function uuid(prng: Prng): string {
  const h = prng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Seeded {
  path: string;
  name: string;
  content_type: string;
  /** How a body links it. */
  markdown: (url: string) => string;
}

function form(prng: Prng, repo: FakeRepo, i: number, hostileName?: string): Seeded {
  const repoPath = `/${repo.ownerLogin}/${repo.name}`;
  const id = 100_000 + i;
  if (hostileName !== undefined) {
    const path = `${i % 2 === 0 ? "/user-attachments/files" : `${repoPath}/files`}/${id}/${encodeURIComponent(hostileName)}`;
    return {
      path,
      name: hostileName,
      content_type: "application/octet-stream",
      markdown: (url) => `[${hostileName.trim() || "file"}](${url})`,
    };
  }
  switch (i % 4) {
    case 0: {
      const name = `${uuid(prng)}`;
      return {
        path: `/user-attachments/assets/${name}`,
        name,
        content_type: "image/png",
        markdown: (url) => `![image](${url})`,
      };
    }
    case 1: {
      const name = `build-log-${i}.txt`;
      return {
        path: `/user-attachments/files/${id}/${name}`,
        name,
        content_type: "text/plain",
        markdown: (url) => `[${name}](${url})`,
      };
    }
    case 2: {
      const name = `report ${i}.pdf`;
      return {
        path: `${repoPath}/files/${id}/${encodeURIComponent(name)}`,
        name,
        content_type: "application/pdf",
        markdown: (url) => `See [the report](${url}).`,
      };
    }
    default: {
      const name = uuid(prng);
      return {
        path: `${repoPath}/assets/${1000 + i}/${name}`,
        name,
        content_type: "image/jpeg",
        markdown: (url) => `<img width="320" alt="screenshot" src="${url}" />`,
      };
    }
  }
}

/** Appends `text` to a random body that has room for it; false when none has. */
function appendSomewhere(prng: Prng, bodies: Holder[], text: string): boolean {
  for (let attempt = 0; attempt < 20; attempt++) {
    const holder = prng.pick(bodies);
    const body = holder.get() ?? "";
    if (body.length + text.length + 2 > 60_000) continue;
    holder.set(body === "" ? text : `${body}\n\n${text}`);
    return true;
  }
  return false;
}

/**
 * Seeds attachments into the repository's bodies. Every fifth is linked from
 * two bodies; the second and third hold the same bytes (stored once by
 * content); two links answer 404; two links point elsewhere (another site, a
 * page of the repository) and must be left alone.
 */
export function addAttachments(ctx: GenContext, dataset: DatasetName): void {
  const count = ATTACHMENTS[dataset];
  if (count === 0) return;
  const { store, repo } = ctx;
  const prng = mulberry32(ctx.seed ^ 0xa77ac4);
  const bodies = holders(repo);
  if (bodies.length === 0) return;
  const repoKey = `${repo.ownerLogin}/${repo.name}`.toLowerCase();
  const names: Array<string | undefined> = Array.from({ length: count }, () => undefined);
  if (dataset === "tricky") names.push(...HOSTILE_ATTACHMENT_NAMES);
  let shared: Buffer | null = null;
  names.forEach((hostile, i) => {
    const seeded = form(prng, repo, i, hostile);
    let data = randomBytes(prng, prng.int(64, 6000));
    if (i === 1) shared = data;
    if (i === 2 && shared) data = shared;
    store.attachments.set(seeded.path, {
      path: seeded.path,
      repoKey,
      name: seeded.name,
      content_type: seeded.content_type,
      data,
    });
    const link = seeded.markdown(`${FAKE_WEB_ORIGIN}${seeded.path}`);
    appendSomewhere(prng, bodies, link);
    if (i % 5 === 0) appendSomewhere(prng, bodies, link);
  });
  for (let i = 0; i < 2; i++)
    appendSomewhere(prng, bodies, `![gone](${FAKE_WEB_ORIGIN}/user-attachments/assets/${uuid(prng)})`);
  appendSomewhere(prng, bodies, "![logo](https://example.com/images/logo.png)");
  appendSomewhere(
    prng,
    bodies,
    `[the readme](${FAKE_WEB_ORIGIN}/${repo.ownerLogin}/${repo.name}/blob/main/README.md)`,
  );
}

/** Rewrites the placeholder origin of seeded links to the server's own, in every body of every repository. */
export function bindWebOrigin(store: FakeStore, origin: string): void {
  if (store.attachments.size === 0) return;
  const fix = (text: string) => text.replaceAll(FAKE_WEB_ORIGIN, origin);
  for (const repo of store.repos.values()) {
    for (const holder of holders(repo)) {
      const body = holder.get();
      if (body?.includes(FAKE_WEB_ORIGIN)) holder.set(fix(body));
    }
  }
}
