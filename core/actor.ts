import { userInfo } from 'node:os';

/**
 * Who acts, until staff sign in: the computer's user, or FRONT_DESK_ACTOR.
 * Recorded on every write and in the audit log.
 */
export function workstationActor(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FRONT_DESK_ACTOR) return env.FRONT_DESK_ACTOR;
  try {
    return `desk:${userInfo().username}`;
  } catch {
    return 'desk';
  }
}
