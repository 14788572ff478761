// Deterministic GraphQL-style node ids ("I_kwDO<base64url(id)>"), reversible so
// the GraphQL layer can resolve `node(id:)` without a lookup table.

/** GitHub's node id prefixes for the object kinds the fake server stores. */
export type NodeKind =
  | "U"
  | "O"
  | "BOT"
  | "R"
  | "LA"
  | "MI"
  | "I"
  | "PR"
  | "IC"
  | "PRR"
  | "PRRC"
  | "RE"
  | "RA"
  | "T"
  | "RRS"
  | "D"
  | "DC"
  | "DIC";

export function makeNodeId(kind: NodeKind, id: number): string {
  return `${kind}_kwDO${Buffer.from(String(id), "utf8").toString("base64url")}`;
}

/** Inverse of makeNodeId; null when the string is not one of ours. */
export function parseNodeId(nodeId: string): { kind: NodeKind; id: number } | null {
  const match = /^([A-Z]+)_kwDO([A-Za-z0-9_-]+)$/.exec(nodeId);
  if (!match) return null;
  const id = Number(Buffer.from(match[2] ?? "", "base64url").toString("utf8"));
  if (!Number.isSafeInteger(id)) return null;
  return { kind: match[1] as NodeKind, id };
}
