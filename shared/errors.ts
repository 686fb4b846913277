/**
 * The typed errors the core returns across the contract. The UI and CLI branch
 * on `code`; `message` is written for a person at the desk, never a stack trace.
 */

/**
 * unauthenticated: no live session (never signed in, signed out, locked or idle) — the app shows sign-in.
 * forbidden: signed in, but the role may not do this (a front-desk user asking for a manager action).
 */
export const API_ERROR_CODES = ['invalid_input', 'not_found', 'refused', 'unauthenticated', 'forbidden', 'unavailable', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** Field-level problems for invalid_input: path ("query") and what is wrong. */
  issues?: { path: string; message: string }[];
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues?: ApiErrorBody['issues'];

  constructor(code: ApiErrorCode, message: string, issues?: ApiErrorBody['issues']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toBody(): ApiErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };
