/** Who acted, as a manager reads it: the staff member's name, the main system, or the name as recorded. */
export function whoLabel(actor: string, actorName: string | null): string {
  if (actorName) return `${actorName} (${actor})`;
  if (actor.startsWith('sync:')) return `Sync with the main system (${actor.slice(5)})`;
  if (actor.startsWith('unknown:')) return `Unknown user “${actor.slice(8)}”`;
  if (actor === 'demo-seed') return 'Demo data';
  return actor;
}
