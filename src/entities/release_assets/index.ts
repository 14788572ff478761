import type { OptionEntityDescriptor } from "../descriptor.js";

/**
 * Whether releases downloads (and restores) the asset files: an option of
 * the releases job, not a job of its own. The releases folder holds the code.
 */
export const releaseAssets: OptionEntityDescriptor = {
  kind: "option",
  name: "release_assets",
  envVar: "INCLUDE_RELEASE_ASSETS",
  parent: "releases",
};
