import type { z } from 'zod';
import type { AppInfo } from '../../shared/contract';
import type { SessionUser } from '../../shared/api/auth';
import type { SyncStatusView } from '../../shared/sync';
import type { SessionStore } from '../auth/sessions';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';

/** The running sync with the main system, when one is configured. */
export interface SyncControl {
  status(): SyncStatusView;
  /** Starts a run (or joins the one in progress) without waiting for it. */
  requestSync(): void;
}

export interface CoreContext {
  db: Db;
  clock: Clock;
  host: AppInfo['host'];
  /** Who is acting: recorded on every write and in the audit log (per call: the signed-in user). */
  actor: string;
  sync?: SyncControl;
  /**
   * How callers prove who they are. The hosts that serve the app keep signed-in sessions and
   * every call names its session; in-process tools that already hold the database file (the CLI,
   * tests) act as the workstation's operator with the actor above.
   */
  sessions: SessionStore | 'operator';
  /** Set by dispatch for the call when a staff member is signed in. */
  user?: SessionUser;
  /** The session token the call came with (set by dispatch), for sign-out and keep-alive. */
  sessionToken?: string;
}

/** One handler per method of a contract part; each receives input already validated. */
export type HandlersFor<Inputs extends Record<string, z.ZodType>, Outputs extends { [M in keyof Inputs]: unknown }> = {
  [M in keyof Inputs]: (ctx: CoreContext, input: z.output<Inputs[M]>) => Outputs[M];
};
