import { scanIssues } from "../issues/scan.js";
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { SUB_ISSUES_FILE, type SubIssueRecord, subIssueSortKey } from "./record.js";

export const subIssuesSaver: EntitySaver = {
  name: "sub_issues",
  // The issues job collects the links while it reads each issue; this job
  // associates them with the saved issues and writes them. When issues are
  // not saved, it reads the links itself.
  dependsOn: ["issues"],
  async save(ctx) {
    const links = ctx.shared.subIssueLinks ?? (await scanIssues(ctx, { mode: "links" })).links;
    return writeRecords<SubIssueRecord>(ctx, SUB_ISSUES_FILE, subIssueSortKey, async (add) => {
      for (const link of links) {
        for (const [position, child] of link.children.entries()) {
          await add({
            parent_number: link.parentNumber,
            parent_id: link.parentId,
            sub_issue_number: child.number,
            sub_issue_id: child.id,
            position,
            ...(child.repository === null ? {} : { sub_issue_repository: child.repository }),
          });
        }
      }
    });
  },
};
