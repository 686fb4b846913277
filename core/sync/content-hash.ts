/**
 * What a re-import compares to know a claim is unchanged: sha256 of the record's JSON. No database here,
 * so a worker can compute it (and send the same JSON text on, instead of the claim as objects).
 */
import { hash } from 'node:crypto';
import type { ImportedClaim } from './records';

export const claimJson = (claim: ImportedClaim): string => JSON.stringify(claim);
export const hashOfJson = (json: string): string => hash('sha256', json, 'hex');
export const contentHash = (claim: ImportedClaim): string => hashOfJson(claimJson(claim));
