// Restores releases in creation order (so the latest stays the latest), then
// uploads each saved asset file (asset-file.ts checks it first). A release
// with the same tag already in the target is adopted (an earlier run made
// it, or it was there), and an asset whose name the release already has is
// not uploaded again.

import { paginateParallel } from "../../github/paginate-parallel.js";
import { attributionLines } from "../../restore/attribution.js";
import { failItem, failureText, isRefused, rethrowIfAborted } from "../../restore/error-text.js";
import { byCreation } from "../../restore/order.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { checkAssetFile } from "./asset-file.js";
import { RELEASES_FILE, type ReleaseAssetRecord, type ReleaseRecord } from "./record.js";
import { uploadAsset } from "./upload-asset.js";

interface TargetAsset {
  id: number;
  /** "uploaded", or "starter" for an upload that broke off (GitHub keeps it until deleted). */
  state: string | null;
  /** "sha256:<hex>" where GitHub reports it. */
  digest: string | null;
}

/** What restore needs of a release in the target. */
interface TargetRelease {
  id: number;
  uploadUrl: string;
  /** By asset name. */
  assets: Map<string, TargetAsset>;
}

function toTargetRelease(data: unknown): TargetRelease {
  const d = (data ?? {}) as { id?: unknown; upload_url?: unknown; assets?: unknown };
  const assets = new Map<string, TargetAsset>();
  for (const a of Array.isArray(d.assets) ? d.assets : []) {
    const asset = a as { name?: unknown; id?: unknown; state?: unknown; digest?: unknown };
    if (typeof asset.name !== "string") continue;
    assets.set(asset.name, {
      id: Number(asset.id),
      state: typeof asset.state === "string" ? asset.state : null,
      digest: typeof asset.digest === "string" ? asset.digest : null,
    });
  }
  return { id: Number(d.id), uploadUrl: String(d.upload_url ?? ""), assets };
}

function releaseAttribution(r: ReleaseRecord): string[] {
  return attributionLines({
    what: r.draft ? "Originally drafted" : "Originally published",
    author: r.author,
    createdAt: r.published_at ?? r.created_at,
    url: r.html_url || null,
  });
}

class ReleaseRestorer {
  private existing: Promise<Map<string, TargetRelease>> | null = null;
  readonly result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  private missingFiles = 0;

  constructor(private readonly ctx: RestoreContext) {}

  private repo() {
    return { owner: this.ctx.target.owner, repo: this.ctx.target.repo };
  }

  /** The target's releases by tag (listed once; nothing to list in a target this run created). */
  private async byTag(tag: string, force = false): Promise<TargetRelease | undefined> {
    if (!force && !this.ctx.mayHaveRestoredObjects) return undefined;
    if (force) this.existing = null;
    this.existing ??= (async () => {
      const map = new Map<string, TargetRelease>();
      await paginateParallel<Record<string, unknown>>(
        this.ctx.client,
        "GET /repos/{owner}/{repo}/releases",
        this.repo(),
        {
          signal: this.ctx.signal,
          onPage: (items) => {
            for (const item of items)
              if (typeof item.tag_name === "string") map.set(item.tag_name, toTargetRelease(item));
          },
        },
      );
      return map;
    })();
    return (await this.existing).get(tag);
  }

  async restore(r: ReleaseRecord, withAssets: boolean): Promise<void> {
    const ctx = this.ctx;
    const key = String(r.id);
    let target: TargetRelease | null = null;
    const entry = ctx.journal.get("release", key);
    if (!entry) {
      if (ctx.options.dryRun) {
        ctx.plan({
          entity: "releases",
          action: "create",
          what: `release ${r.tag_name}`,
          contentCreating: true,
        });
      } else {
        try {
          target = await this.createOrAdopt(r);
          this.result.records++;
        } catch (error) {
          failItem(ctx, this.result, `release ${r.tag_name}`, error);
          return;
        }
      }
    } else this.result.skipped++;
    if (withAssets) await this.restoreAssets(r, entry?.newId ?? null, target);
  }

  private async createOrAdopt(r: ReleaseRecord): Promise<TargetRelease> {
    const ctx = this.ctx;
    const key = String(r.id);
    const there = await this.byTag(r.tag_name);
    if (there) {
      await ctx.journal.record({
        kind: "release",
        key,
        newId: there.id,
        outcome: "adopted",
        note: r.tag_name,
      });
      return there;
    }
    const rendered = ctx.bodies.render(r.body, {
      kind: "release",
      originalId: key,
      attribution: releaseAttribution(r),
    });
    let commitish = r.target_commitish || undefined;
    for (;;) {
      try {
        const response = await ctx.client.octokit.request("POST /repos/{owner}/{repo}/releases", {
          ...this.repo(),
          tag_name: r.tag_name,
          ...(commitish ? { target_commitish: commitish } : {}),
          ...(r.name !== null ? { name: r.name } : {}),
          body: rendered.body,
          draft: r.draft,
          prerelease: r.prerelease,
          request: { signal: ctx.signal },
        });
        const created = toTargetRelease(response.data);
        await ctx.journal.record({
          kind: "release",
          key,
          newId: created.id,
          outcome: "created",
          pendingRefs: rendered.pendingRefs,
          note: r.tag_name,
        });
        return created;
      } catch (error) {
        rethrowIfAborted(error, ctx.signal);
        if (!isRefused(error)) throw error;
        const text = failureText(error, ctx.client.redact);
        // The tag exists with a release GitHub did not list before (a race): adopt it.
        const raced = /already_exists|already exists/i.test(text)
          ? await this.byTag(r.tag_name, true)
          : undefined;
        if (raced) {
          await ctx.journal.record({
            kind: "release",
            key,
            newId: raced.id,
            outcome: "adopted",
            note: r.tag_name,
          });
          return raced;
        }
        // A branch named by target_commitish that the target lacks: let GitHub use its default branch.
        if (commitish && /target_commitish/i.test(text)) {
          ctx.warn(
            `release ${r.tag_name}: target ${JSON.stringify(commitish)} is not in the target; using its default branch`,
          );
          commitish = undefined;
          continue;
        }
        throw error;
      }
    }
  }

  private async restoreAssets(
    r: ReleaseRecord,
    journaledId: number | null,
    created: TargetRelease | null,
  ): Promise<void> {
    const ctx = this.ctx;
    let target = created;
    for (const asset of r.assets) {
      ctx.signal.throwIfAborted();
      const akey = String(asset.id);
      if (ctx.journal.get("release_asset", akey)) {
        this.result.skipped++;
        continue;
      }
      const where = `release ${r.tag_name}: asset ${JSON.stringify(asset.name)} (record ${asset.id})`;
      const file = await checkAssetFile(ctx.backupDir, asset);
      if (!file.ok) {
        if (file.missing) {
          this.missingFiles++;
          this.result.skipped++;
        } else {
          this.result.failed++;
          ctx.itemFailed(`${where}: ${file.problem}`);
        }
        continue;
      }
      if (ctx.options.dryRun) {
        ctx.plan({
          entity: "releases",
          action: "create",
          what: `upload ${where} (${file.size} bytes)`,
          contentCreating: false,
        });
        continue;
      }
      try {
        target ??= await this.fetchRelease(journaledId);
        if (!target) {
          this.result.skipped++;
          continue;
        }
        await this.uploadOne(target, asset, file.path);
      } catch (error) {
        failItem(ctx, this.result, where, error);
      }
    }
  }

  private async fetchRelease(id: number | null): Promise<TargetRelease | null> {
    if (id === null) return null;
    const response = await this.ctx.client.octokit.request(
      "GET /repos/{owner}/{repo}/releases/{release_id}",
      {
        ...this.repo(),
        release_id: id,
        request: { signal: this.ctx.signal },
      },
    );
    return toTargetRelease(response.data);
  }

  private async uploadOne(target: TargetRelease, asset: ReleaseAssetRecord, path: string): Promise<void> {
    const ctx = this.ctx;
    const akey = String(asset.id);
    const existing = target.assets.get(asset.name);
    if (existing?.state === "starter") {
      // An upload that broke off blocks the name until it is deleted.
      await ctx.client.octokit.request("DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}", {
        ...this.repo(),
        asset_id: existing.id,
        request: { signal: ctx.signal },
      });
      target.assets.delete(asset.name);
    } else if (existing !== undefined) {
      if (existing.digest && asset.sha256 && existing.digest !== `sha256:${asset.sha256}`) {
        ctx.warn(
          `asset ${JSON.stringify(asset.name)}: the release in the target has one of that name with other content; left as it is`,
        );
      }
      await ctx.journal.record({
        kind: "release_asset",
        key: akey,
        newId: existing.id,
        outcome: "adopted",
        note: asset.name,
      });
      this.result.skipped++;
      return;
    }
    const newId = await uploadAsset(ctx, target.uploadUrl, asset, path);
    target.assets.set(asset.name, { id: newId, state: "uploaded", digest: null });
    await ctx.journal.record({
      kind: "release_asset",
      key: akey,
      newId,
      outcome: "created",
      note: asset.name,
    });
    this.result.records++;
  }

  finish(): EntityRestoreResult {
    if (this.missingFiles > 0) {
      this.ctx.warn(
        `${this.missingFiles} asset(s) have no file in the backup (saved without release_assets); not uploaded`,
      );
    }
    return this.result;
  }
}

export const releasesRestorer: EntityRestorer = {
  name: "releases",
  // Tags come with the git push; without it GitHub creates each tag from target_commitish.
  dependsOn: ["git_repo"],
  files: [RELEASES_FILE],
  async restore(ctx) {
    const releases: ReleaseRecord[] = [];
    for await (const r of ctx.readRecords<ReleaseRecord>(RELEASES_FILE)) releases.push(r);
    releases.sort(byCreation((r) => r.created_at));
    const withAssets = ctx.selection.entities.has("release_assets");
    const restorer = new ReleaseRestorer(ctx);
    let done = 0;
    for (const r of releases) {
      ctx.signal.throwIfAborted();
      await restorer.restore(r, withAssets);
      ctx.progress({ items: ++done, total: releases.length });
    }
    return restorer.finish();
  },
};
