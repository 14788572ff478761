// The --out folder: checked before anything is written, built in a temporary
// sibling folder and swapped into place at the end, so a failed or
// interrupted run leaves the old site (or nothing) and never half a site. A
// marker file tells a previous site, which may be replaced, from anything
// else, which never is.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { isInside } from "../backup/safe-name.js";
import { SiteInputError } from "./site-error.js";

export const SITE_MARKER = ".github-data-site";

export type OutKind = "missing" | "empty" | "previous-site";

export async function checkOutFolder(out: string, backupDir: string): Promise<OutKind> {
  const target = resolve(out);
  const backup = resolve(backupDir);
  if (target === backup || isInside(backup, target) || isInside(target, backup)) {
    throw new SiteInputError(
      `--out ${out} overlaps the backup folder ${backupDir}; choose a folder outside it`,
    );
  }
  let isDir: boolean;
  try {
    isDir = (await stat(target)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "missing";
    if (code === "ENOTDIR") throw new SiteInputError(`--out ${out}: a part of the path is a file`);
    throw error;
  }
  if (!isDir) throw new SiteInputError(`--out ${out} is a file, not a folder`);
  const entries = await readdir(target);
  if (entries.length === 0) return "empty";
  if (entries.includes(SITE_MARKER)) return "previous-site";
  throw new SiteInputError(
    `--out ${out} is not empty and holds no site made by github-data (no ${SITE_MARKER}); choose an empty or new folder`,
  );
}

/** Writes files under a temporary folder; `commit` moves it to the target. */
export class SiteFolder {
  private readonly made = new Set<string>();
  private constructor(
    readonly temp: string,
    private readonly target: string,
    private readonly kind: OutKind,
  ) {}

  static async open(out: string, kind: OutKind): Promise<SiteFolder> {
    const target = resolve(out);
    const temp = join(dirname(target), `.${basename(target)}.tmp-${randomBytes(6).toString("hex")}`);
    await mkdir(temp, { recursive: true });
    return new SiteFolder(temp, target, kind);
  }

  /** Writes one file; `rel` uses "/" and comes from the site's own naming, never from the backup. */
  async write(rel: string, content: string | Uint8Array): Promise<void> {
    const path = join(this.temp, rel);
    const dir = dirname(path);
    if (!this.made.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.made.add(dir);
    }
    await writeFile(path, content);
  }

  pathOf(rel: string): string {
    return join(this.temp, rel);
  }

  async commit(): Promise<void> {
    await writeFile(
      join(this.temp, SITE_MARKER),
      `${JSON.stringify({ format: "github-data-site", version: 1 })}\n`,
    );
    let old: string | undefined;
    if (this.kind === "empty") await rmdir(this.target);
    else if (this.kind === "previous-site") {
      old = join(dirname(this.target), `.${basename(this.target)}.old-${randomBytes(6).toString("hex")}`);
      await rename(this.target, old);
    }
    await rename(this.temp, this.target);
    if (old) await rm(old, { recursive: true, force: true });
  }

  async discard(): Promise<void> {
    await rm(this.temp, { recursive: true, force: true });
  }
}
