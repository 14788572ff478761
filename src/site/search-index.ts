// The search index, built at site time with MiniSearch and cut into shards of
// SHARD_SIZE documents, one script file each (data/search-<kind>-<n>.js): a
// browser on file:// cannot fetch JSON, but it can load scripts. The client
// loads the shards on the first search and queries each.
import MiniSearch from "minisearch";

export const SHARD_SIZE = 2000;

/** Shared with the client script, which must load the index with the same options. */
export const SEARCH_OPTIONS = { fields: ["title", "text"], idField: "id" } as const;

export interface SearchDoc {
  /** The issue or pull-request number. */
  id: number;
  title: string;
  /** Body, comments, reviews and review comments, as Markdown source. */
  text: string;
}

export interface ShardFile {
  path: string;
  content: string;
}

export function buildSearchShards(kind: string, docs: readonly SearchDoc[]): ShardFile[] {
  const files: ShardFile[] = [];
  for (let start = 0; start < docs.length; start += SHARD_SIZE) {
    const index = new MiniSearch<SearchDoc>({ ...SEARCH_OPTIONS, fields: [...SEARCH_OPTIONS.fields] });
    index.addAll(docs.slice(start, start + SHARD_SIZE));
    const json = JSON.stringify(index);
    files.push({
      path: `data/search-${kind}-${files.length}.js`,
      content: `(window.GHD_SHARDS = window.GHD_SHARDS || []).push(${JSON.stringify(json)});\n`,
    });
  }
  return files;
}
