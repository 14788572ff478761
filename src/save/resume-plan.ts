// Which jobs a resumed save may skip. A job whose files were complete is
// skipped, unless a job depending on it still has to run: dependents read
// what it hands over in memory (sub_issues reads the links the issues job
// collects), so it runs again, its requests answered from the response
// journal (response-journal.ts) instead of the network. A dependent that
// reads only their finished files (attachments reads the saved bodies) lets
// them stay skipped.
import type { SaveState } from "../backup/save-state.js";
import type { EntitySaver } from "../entities/types.js";

export function skippableJobs(previous: SaveState | null, savers: readonly EntitySaver[]): Set<string> {
  const skip = new Set<string>();
  for (const saver of savers) {
    const job = previous?.jobs[saver.name];
    if (job?.status === "complete" && job.files !== undefined) skip.add(saver.name);
  }
  // Dependencies form a DAG; repeat until no skipped job has a dependent that runs.
  let changed = true;
  while (changed) {
    changed = false;
    for (const saver of savers) {
      if (skip.has(saver.name) || saver.readsDependencyFiles) continue;
      for (const dep of saver.dependsOn) {
        if (skip.delete(dep)) changed = true;
      }
    }
  }
  return skip;
}
