// Sample attachments.jsonl records: a saved file linked twice, and a link that answered 404.
import type { AttachmentRecord } from "../../src/entities/attachments/record.js";

const SHA = "a".repeat(64);

export const attachments: AttachmentRecord[] = [
  {
    url: "https://github.com/user-attachments/assets/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d",
    status: "saved",
    path: `attachments/${SHA}/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d.png`,
    sha256: SHA,
    size: 1234,
    content_type: "image/png",
    referenced_by: [
      { type: "issue", id: 101 },
      { type: "issue_comment", id: 202 },
    ],
  },
  {
    url: "https://github.com/user-attachments/files/17/gone.log",
    status: "not_found",
    path: null,
    sha256: null,
    size: null,
    content_type: null,
    referenced_by: [{ type: "pr_review_comment", id: 303 }],
  },
];
