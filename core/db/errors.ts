/** Why a database cannot be used. The CLI and hosts print `message` as-is. */
export type StoreErrorCode = 'missing' | 'too_new' | 'not_a_database';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}
