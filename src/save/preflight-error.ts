// An input, configuration or access problem found before anything was
// written (exit code 2, docs/cli.md). The message is one line, safe to print.
export class PreflightError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = "PreflightError";
  }
}
