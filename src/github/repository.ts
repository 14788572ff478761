// A repository on GitHub: how every layer names one, and what the preflight
// check learns about it. Types only, so the entity types, the save side and
// the restore side share them without importing each other.

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface RepositoryInfo {
  fullName: string;
  /** Where git clones it from (no credentials in it). */
  cloneUrl: string;
  defaultBranch: string;
  private: boolean;
  /** GitHub's whole answer to the check, so the repository type saves it without asking again. */
  answer?: Readonly<Record<string, unknown>>;
}
