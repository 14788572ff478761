// `github-data site DIR --out SITE`: the backup as a static offline site (src/site/).

import { InputError } from "../../../errors.js";
import { buildSite } from "../../../site/build-site.js";
import { SiteInputError } from "../../../site/site-error.js";
import type { CommandContext } from "../../command-context.js";
import type { SiteCommand } from "./types.js";

export async function siteCommand(cfg: SiteCommand, ctx: CommandContext): Promise<number> {
  try {
    const summary = await buildSite({ dir: cfg.dir, out: cfg.out, signal: ctx.signal });
    ctx.stdout.write(
      `site: wrote ${summary.out} (${summary.issues} issues, ${summary.pulls} pull requests, ${summary.files} files); open ${summary.out}/index.html\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SiteInputError) throw new InputError(error.message);
    throw error;
  }
}
