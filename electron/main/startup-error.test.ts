import { describe, expect, it } from 'vitest';
import { StoreError } from '../../core/db/errors';
import { describeStartupError } from './startup-error';

describe('describeStartupError', () => {
  it('shows a store error as written by the core', () => {
    const message = 'The database /x/front-desk.sqlite was written by a newer version of Front Desk Balances.';
    expect(describeStartupError(new StoreError('too_new', message))).toEqual({ title: 'Front Desk Balances cannot open its data', body: message });
  });

  it('shows other errors without a stack trace', () => {
    const error = new Error('The module was compiled against a different Node.js version\nmore lines');
    const { title, body } = describeStartupError(error);
    expect(title).toBe('Front Desk Balances could not start');
    expect(body).toContain('compiled against a different Node.js version');
    expect(body).not.toContain('more lines');
    expect(body).not.toContain(' at ');
  });

  it('copes with non-Error throws', () => {
    expect(describeStartupError('nope').body).not.toContain('Details');
  });
});
