// Orders for nested lists, so two saves of the same state are byte-identical
// whatever order GitHub listed labels or assignees in. Code-unit comparison,
// never locale-dependent.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const byName = (a: { name: string }, b: { name: string }): number => compare(a.name, b.name);
export const byLogin = (a: { login: string }, b: { login: string }): number => compare(a.login, b.login);
