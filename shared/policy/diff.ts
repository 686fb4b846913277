/**
 * What a new policy version changes, setting by setting: the audit record of a
 * publication and the editor's "what you changed" list. Lists (service codes,
 * the sliding scale) compare as a whole, so a change reads as before → after.
 */
import { fieldLabel, formatFieldValue } from './fields';

export interface PolicyChange {
  /** Dotted document path ("carryForward.maxAgeDays"). */
  path: string;
  label: string;
  before: unknown;
  after: unknown;
  /** "Statement threshold: $20.00 → $25.00". */
  text: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function walk(before: unknown, after: unknown, path: string[], out: PolicyChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) walk(before[key], after[key], [...path, key], out);
    return;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const label = fieldLabel(path);
  out.push({ path: path.join('.'), label, before: before ?? null, after: after ?? null, text: `${label}: ${formatFieldValue(path, before)} → ${formatFieldValue(path, after)}` });
}

/** The settings that differ between two documents, in the document's order. */
export function policyChanges(before: unknown, after: unknown): PolicyChange[] {
  const out: PolicyChange[] = [];
  walk(before, after, [], out);
  return out;
}
