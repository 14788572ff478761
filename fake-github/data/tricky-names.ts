// Names and shapes of the tricky dataset's labels and milestones.

/** Hard label names: spaces, colons, slashes, emoji, Unicode, case. */
export const trickyLabels: ReadonlyArray<{ name: string; color: string; description: string | null }> = [
  { name: "bug", color: "d73a4a", description: "Something isn't working" },
  { name: "good first issue", color: "7057ff", description: "Good for newcomers" },
  { name: "type: bug", color: "b60205", description: "Colon in the name" },
  { name: "🐛 bug", color: "ee0701", description: "Emoji in the name" },
  { name: "priority:high 🔥", color: "ff0000", description: null },
  { name: "status/needs triage", color: "fbca04", description: "Slash and space" },
  { name: "ünïcödé-label", color: "1d76db", description: "Ünïcödé description ✓" },
  { name: "UPPER lower", color: "000000", description: "" },
  { name: "a", color: "ffffff", description: "Single character" },
  { name: 'quote\'s "label"', color: "c5def5", description: "Quotes" },
  { name: "日本語", color: "0e8a16", description: "CJK name" },
  {
    name: "long-description",
    color: "5319e7",
    description:
      "A description of exactly one hundred characters: the most that GitHub allows for a label description",
  },
];

export const trickyMilestones = [
  {
    title: "v1.0 🚀 Ünïcödé",
    description: "Milestone with emoji ✓",
    state: "open",
    due: true,
    creator: true,
  },
  { title: "Closed milestone", description: "Done", state: "closed", due: true, creator: true },
  { title: "No due date", description: null, state: "open", due: false, creator: true },
  {
    title: "2026: Q1 / Q2",
    description: "Created by a deleted user",
    state: "open",
    due: false,
    creator: false,
  },
] as const;
