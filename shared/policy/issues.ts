/**
 * What is wrong with a proposed policy document, in plain words and at the
 * setting it concerns. The strict schema of ./document.ts is the only judge;
 * this only rewrites zod's generic messages ("Too small: expected number to
 * be >=1") into sentences naming the setting. The schema's own messages are
 * kept as they are.
 */
import type { z } from 'zod';
import { formatCents } from '../money';
import { policyDocumentSchema } from './document';
import type { PolicyDocument } from './document';
import { POLICY_FIELDS, fieldKey, fieldLabel, formatFieldValue } from './fields';

export interface PolicyIssue {
  /** The setting, as a dotted document path ("carryForward.maxAgeDays"); "" for the whole document. */
  path: string;
  message: string;
}

const GENERIC = /^(Too small|Too big|Invalid|Unrecognized)/;

function limit(path: PropertyKey[], value: number | bigint): string {
  return POLICY_FIELDS[fieldKey(path)]?.format === 'cents' ? formatCents(Number(value)) : String(value);
}

function plainMessage(issue: z.core.$ZodIssue): string {
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a setting' : 'are not settings'} of the financial policy. A policy may key only on amount, age, collection history and the kind of denial, never on who the patient is.`;
    case 'too_small':
      if (!GENERIC.test(issue.message)) return issue.message;
      if (issue.origin === 'string') return `${label}: enter some text.`;
      if (issue.origin === 'array') return `${label}: choose at least ${Number(issue.minimum) === 1 ? 'one' : String(issue.minimum)}.`;
      return `${label} must be at least ${limit(issue.path, issue.minimum)}.`;
    case 'too_big':
      if (!GENERIC.test(issue.message)) return issue.message;
      if (issue.origin === 'string') return `${label} is too long (${String(issue.maximum)} characters at most).`;
      if (issue.origin === 'array') return `${label}: at most ${String(issue.maximum)}.`;
      return `${label} must be at most ${limit(issue.path, issue.maximum)}.`;
    case 'invalid_type':
      if (!GENERIC.test(issue.message)) return issue.message;
      if (/received undefined$/.test(issue.message)) return `${label} is missing.`;
      if (issue.expected === 'object') return `${label} must be a group of settings.`;
      if (issue.expected === 'number' || issue.expected === 'int') return `${label} must be a whole number.`;
      if (issue.expected === 'boolean') return `${label} must be yes or no.`;
      return `${label} is not the right kind of value (expected ${issue.expected}).`;
    case 'invalid_value':
      if (!GENERIC.test(issue.message)) return issue.message;
      return issue.values.length === 1 ? `${label} must stay "${formatFieldValue(issue.path, issue.values[0])}": a policy cannot turn it off.` : `${label}: choose one of the options.`;
    default:
      return GENERIC.test(issue.message) ? `${label} is not valid.` : issue.message;
  }
}

export type PolicyCheck = { ok: true; document: PolicyDocument } | { ok: false; issues: PolicyIssue[] };

/** Validates a proposed document with the policy's own schema; every problem with its setting and plain words. */
export function checkPolicyDocument(input: unknown): PolicyCheck {
  const result = policyDocumentSchema.safeParse(input);
  if (result.success) return { ok: true, document: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: plainMessage(issue) })) };
}
