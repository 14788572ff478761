// JSON from a backup folder, parsed with two extra refusals: a number that is
// an integer beyond 2^53 (JSON.parse would round it, and two different ids
// would become one) and a "__proto__" key (merged into an object by
// assignment it would replace that object's prototype). A cheap text test
// skips the slower checking parse for the usual line that has neither.

export class UntrustedJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UntrustedJsonError";
  }
}

const SUSPECT = /__proto__|\d{16}/;

/** JSON.parse, throwing UntrustedJsonError for unsafe integers and "__proto__" keys. */
export function parseUntrustedJson(text: string): unknown {
  if (!SUSPECT.test(text)) return JSON.parse(text);
  return JSON.parse(text, function check(this: unknown, key: string, value: unknown) {
    if (key === "__proto__") throw new UntrustedJsonError('a "__proto__" key is not allowed');
    if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new UntrustedJsonError(
        `the number ${key ? `at "${key}" ` : ""}is beyond 2^53 and cannot be kept exactly (${value})`,
      );
    }
    return value;
  });
}
