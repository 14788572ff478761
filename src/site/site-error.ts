// A problem with the site command's input or output folder, detected before
// anything is written: the command prints its message as one line (exit 2).
export class SiteInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = "SiteInputError";
  }
}
