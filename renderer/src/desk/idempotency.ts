/**
 * One key per action the person starts (a dialog opening): a double click or a
 * retry after a timeout sends the same key, and the core changes nothing twice.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return `desk:${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `desk:${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
