import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { actionErrorMessage } from '../store/errors';
import { balanceFor, itemFor } from '../store/testing';
import { deskActionAvailability, SELECT_AN_ITEM } from './actions';
import { checkPaymentForm, initialAmountText } from './payment-form';
import { carryForwardBlock, itemStatus, splitReasons, usDatesIn, writeOffRequestBlock } from './verdict-view';

const TODAY = '2026-11-22';

const notBillable = itemFor(2, {
  openCents: 2620,
  verdict: {
    collectible: false,
    requiredAction: 'none',
    allowedActions: ['write_off'],
    needsApproval: false,
    reasons: [{ clause: '4.4 QMB patients are never billed Medicare cost-sharing', text: 'This patient is a Qualified Medicare Beneficiary.' }],
    writeOffs: [{ rule: 'not_billable', maxCents: 2620, needsApproval: false }],
    carryForwardUntil: null,
    refundCents: 0,
  },
});

describe('item status', () => {
  it('names what the desk does with the item', () => {
    expect(itemStatus(itemFor(1))).toEqual({ label: 'Collect', tone: 'collect', counted: true });
    expect(itemStatus(notBillable)).toMatchObject({ label: 'Do not collect', counted: false });
    expect(itemStatus(itemFor(3, { carriedForward: { since: TODAY, until: '2027-04-30' } })).label).toBe('Carried forward until 04/30/2027');
    const refund = itemFor(4, { openCents: 0, verdict: { ...notBillable.verdict, requiredAction: 'refund', allowedActions: ['refund'], refundCents: 280 } });
    expect(itemStatus(refund)).toMatchObject({ label: 'Refund due', counted: false });
    const review = itemFor(5, { verdict: { ...notBillable.verdict, requiredAction: 'review', allowedActions: ['request_exception'] } });
    expect(itemStatus(review).label).toBe('Manager review');
    const waiting = itemFor(6, { verdict: { ...itemFor(6).verdict, allowedActions: ['collect'], needsApproval: true } });
    expect(itemStatus(waiting)).toMatchObject({ label: 'Waiting for manager', counted: true });
  });

  it('leads with the carry-forward reason for a carried item', () => {
    const carried = itemFor(3, { carriedForward: { since: TODAY, until: '2027-04-03' } });
    expect(splitReasons(carried).main?.clause).toMatch(/^2\.1 /);
    expect(splitReasons(carried).more).toHaveLength(1);
    expect(splitReasons(itemFor(1)).main?.clause).toMatch(/^1\.1 /);
  });

  it('shows ISO dates in policy texts as MM/DD/YYYY', () => {
    expect(usDatesIn('until 2027-04-03, since 2026-11-22.')).toBe('until 04/03/2027, since 11/22/2026.');
  });
});

describe('why an action is not available', () => {
  const small = balanceFor(1, { totalDueCents: 640, carryForwardLimitCents: 2000 });

  it('allows carrying a small balance forward once a day', () => {
    expect(carryForwardBlock(itemFor(1), small, TODAY)).toBeNull();
    const carriedToday = itemFor(1, { carriedForward: { since: TODAY, until: '2027-04-03' } });
    expect(carryForwardBlock(carriedToday, small, TODAY)).toBe('Already carried forward today: it goes on a statement by 04/03/2027.');
  });

  it('names the limit when the balance is too large, the clause when the item is not owed', () => {
    const large = balanceFor(1, { totalDueCents: 5640, carryForwardLimitCents: 2000 });
    const notAllowed = itemFor(1, { verdict: { ...itemFor(1).verdict, allowedActions: ['collect', 'request_exception'], carryForwardUntil: null } });
    expect(carryForwardBlock(notAllowed, large, TODAY)).toBe(
      "The patient's balance is $56.40, at or above the $20.00 limit for carrying forward: collect it or it goes on a statement (Policy 2.1 Small balances are carried forward, not statemented).",
    );
    expect(carryForwardBlock(notAllowed, small, TODAY)).toMatch(/billed too long ago.*Policy 2\.2/);
    expect(carryForwardBlock(notBillable, small, TODAY)).toBe(
      'Only what the patient owes can be carried forward. This patient is a Qualified Medicare Beneficiary. (Policy 4.4 QMB patients are never billed Medicare cost-sharing)',
    );
  });

  it('says a request is already waiting', () => {
    const waiting = itemFor(6, { verdict: { ...itemFor(6).verdict, allowedActions: ['collect'] } });
    expect(writeOffRequestBlock(waiting)).toBe('A write-off request for this item is already waiting for a manager.');
    expect(writeOffRequestBlock(itemFor(1))).toBeNull();
  });

  it('asks for an item first', () => {
    const availability = deskActionAvailability(small, null, TODAY);
    expect(availability.payment.enabled).toBe(true);
    expect(availability.carryForward).toEqual({ enabled: false, why: SELECT_AN_ITEM });
    expect(deskActionAvailability(small, itemFor(1), TODAY).refund.why).toBe('Nothing is due back to the patient on this item.');
  });
});

describe('payment form', () => {
  const values = { amountText: '25.00', method: 'cash' as const, reference: '', applyTo: 'auto' as const, chosen: [] };

  it('turns what was typed into exact cents', () => {
    expect(checkPaymentForm(values)).toEqual({ errors: {}, input: { amountCents: 2500, method: 'cash' } });
    expect(checkPaymentForm({ ...values, amountText: '$1,234.5', method: 'card', reference: ' 4421 ', applyTo: 'chosen', chosen: [3, 1] }).input).toEqual({
      amountCents: 123_450,
      method: 'card',
      reference: '4421',
      itemIds: [3, 1],
    });
  });

  it('refuses what the contract would refuse, in the same words', () => {
    expect(checkPaymentForm({ ...values, amountText: '0' }).errors.amount).toBe('The amount must be more than $0.00.');
    expect(checkPaymentForm({ ...values, amountText: '-5' }).errors.amount).toBe('The amount must be more than $0.00.');
    expect(checkPaymentForm({ ...values, amountText: '12.345' }).errors.amount).toBe('Enter dollars and cents, like 25 or 25.00.');
    expect(checkPaymentForm({ ...values, amountText: ' ' }).errors.amount).toBe('Enter the amount the patient hands over.');
    expect(checkPaymentForm({ ...values, method: 'check' }).errors.reference).toBe('A check needs its number.');
    expect(checkPaymentForm({ ...values, applyTo: 'chosen' }).errors.items).toMatch(/Choose at least one item/);
    expect(checkPaymentForm({ ...values, amountText: '0' }).input).toBeNull();
  });

  it('starts at what is due today', () => {
    expect(initialAmountText(2500)).toBe('25.00');
    expect(initialAmountText(123_405)).toBe('1,234.05');
    expect(initialAmountText(0)).toBe('');
  });

  it('shows a refusal word for word and input problems without field paths', () => {
    expect(actionErrorMessage(new ApiError('refused', 'X cannot be carried forward: 2.1 ...'))).toBe('X cannot be carried forward: 2.1 ...');
    const invalid = new ApiError('invalid_input', 'amountCents: The amount must be more than $0.00.', [{ path: 'amountCents', message: 'The amount must be more than $0.00.' }]);
    expect(actionErrorMessage(invalid)).toBe('The amount must be more than $0.00.');
  });
});
