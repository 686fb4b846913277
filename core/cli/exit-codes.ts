/** Exit codes of `front-desk`, documented in the README. */
export const EXIT = {
  ok: 0,
  /** The request was understood but cannot be met: unknown MRN, refused by policy. */
  notFoundOrRefused: 1,
  /** Bad arguments. */
  usage: 2,
  /** The database is missing, newer than this app, or not a database. */
  database: 3,
  /** A bug: reported with a one-line message. */
  internal: 70,
} as const;

export class CliError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}
