// The descriptors' count declarations (record-files.ts: `countedBy`,
// `countedFields`) that several types share: children of a pull request
// counted by its `reported_counts`, and the labels and assignees a record
// holds against the counts it keeps.
import type { CountedChildren, CountedField } from "../../backup/record-files.js";
import type { ReportedCountsField } from "../../backup/record-parts.js";
import { PULL_REQUESTS_FILE } from "../pull_requests/record.js";

/** Children of a pull request, counted by `reported_counts.<count>` of its record. */
export function countedByPull(
  count: keyof ReportedCountsField,
  noun: string,
  counts?: CountedChildren["counts"],
): CountedChildren {
  return {
    parents: PULL_REQUESTS_FILE,
    countField: `reported_counts.${count}`,
    parentField: "pull_request_number",
    noun,
    parentName: (n) => `pull request #${n}`,
    ...(counts ? { counts } : {}),
  };
}

/** A record's `labels` and `assignees` against its `reported_counts`. */
export function countedLabelsAndAssignees(noun: string): CountedField[] {
  const recordName = (record: Record<string, unknown>) => `${noun} #${String(record.number)}`;
  return [
    { field: "labels", countField: "reported_counts.labels", noun: "labels", recordName },
    { field: "assignees", countField: "reported_counts.assignees", noun: "assignees", recordName },
  ];
}
