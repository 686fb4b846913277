/**
 * How the demo's payers adjudicate one claim line, per program — the mix of
 * outcomes a real practice sees: contractual write-downs (CO-45), copays,
 * deductibles and coinsurance, non-covered denials in PR and CO groups,
 * bundling (CO-97), sequestration (CO-253), and the cases a desk must never
 * collect (QMB, Medicaid, after-hours on Medicare, G0444 balances).
 */
import type { GroupCode, PayerProgram } from '../../shared/domain';
import type { Service } from './catalog';
import type { DemoRandom } from './random';

export interface DemoAdjustment {
  group: GroupCode;
  carc: string;
  rarc: string | null;
  amountCents: number;
}

export interface AdjudicatedLine {
  modifiers: string | null;
  allowedCents: number;
  payerPaidCents: number;
  adjustments: DemoAdjustment[];
}

export interface LineContext {
  program: PayerProgram;
  /** The plan's office-visit copay (0 when none). */
  copayCents: number;
  /** Early in the plan year, before the deductible is met. */
  deductiblePhase: boolean;
  /** A visit's copay is taken once, on its first E/M line. */
  copayTaken: boolean;
}

const percent = (cents: number, pct: number) => Math.round((cents * pct) / 100);

function adj(group: GroupCode, carc: string, amountCents: number, rarc: string | null = null): DemoAdjustment {
  return { group, carc, rarc, amountCents };
}

/** Patient share of an allowed amount for an ordinary covered service. */
function costShare(allowed: number, ctx: LineContext, isVisit: boolean): DemoAdjustment[] {
  if (isVisit && ctx.copayCents > 0 && !ctx.copayTaken) {
    ctx.copayTaken = true;
    return [adj('PR', '3', Math.min(ctx.copayCents, allowed))];
  }
  if (ctx.deductiblePhase) return [adj('PR', '1', allowed)];
  return [adj('PR', '2', percent(allowed, 20))];
}

/** Builds the line from the allowed amount and the adjustments on it; the payer pays what is left. */
function line(svc: Service, allowed: number, adjustments: DemoAdjustment[], modifiers: string | null = null, sequestration = false): AdjudicatedLine {
  const all = svc.billedCents > allowed ? [adj('CO', '45', svc.billedCents - allowed), ...adjustments] : adjustments;
  const withheld = adjustments.reduce((sum, a) => sum + a.amountCents, 0);
  let paid = Math.max(0, allowed - withheld);
  if (sequestration && paid > 0) {
    const cut = percent(paid, 2);
    paid -= cut;
    all.push(adj('CO', '253', cut));
  }
  return { modifiers, allowedCents: allowed, payerPaidCents: paid, adjustments: all };
}

function commercial(rng: DemoRandom, svc: Service, ctx: LineContext): AdjudicatedLine {
  const allowed = svc.allowedCents;
  switch (svc.kind) {
    case 'visit':
    case 'procedure':
      return line(svc, allowed, costShare(allowed, ctx, svc.kind === 'visit'));
    case 'preventive':
      return rng.weighted<AdjudicatedLine>([
        [70, line(svc, allowed, [])],
        [10, line(svc, allowed, [adj('PR', '49', allowed)])],
        [6, line(svc, allowed, [adj('CO', '49', allowed)])],
        [7, line(svc, allowed, [adj('PR', '204', allowed)])],
        [7, line(svc, allowed, [adj('PR', '96', allowed, 'N130')])],
      ]);
    case 'lab':
      return rng.weighted<AdjudicatedLine>([
        [45, line(svc, allowed, [])],
        [30, line(svc, allowed, costShare(allowed, ctx, false))],
        [15, line(svc, allowed, [adj('CO', '97', allowed, 'M15')])],
        [10, line(svc, allowed, [adj('CO', '96', allowed, 'N425')])],
      ]);
    case 'nominal':
      return rng.weighted<AdjudicatedLine>([
        [40, line(svc, allowed, [adj('PR', '2', percent(allowed, 20))])],
        [20, line(svc, allowed, [adj('PR', '1', allowed)])],
        [15, line(svc, allowed, [adj('PR', '204', allowed)])],
        [15, line(svc, allowed, [])],
        [10, line(svc, allowed, [adj('CO', '97', allowed)])],
      ]);
    case 'after_hours':
      return rng.weighted<AdjudicatedLine>([
        [50, line(svc, allowed, [])],
        [30, line(svc, allowed, [adj('PR', '204', allowed)])],
        [20, line(svc, allowed, [adj('CO', '97', allowed)])],
      ]);
  }
}

/** Original Medicare (and QMB patients, whose 835 still reports the Part B cost-sharing). */
function medicare(rng: DemoRandom, svc: Service, ctx: LineContext): AdjudicatedLine {
  const allowed = svc.allowedCents;
  const share = () => (ctx.deductiblePhase ? [adj('PR', '1', allowed)] : [adj('PR', '2', percent(allowed, 20))]);
  switch (svc.kind) {
    case 'visit':
    case 'preventive':
      return line(svc, allowed, share(), null, true);
    case 'procedure':
      return rng.weighted<AdjudicatedLine>([
        [75, line(svc, allowed, share(), null, true)],
        [15, line(svc, allowed, [adj('PR', '50', allowed, 'N130')], 'GA')],
        [10, line(svc, allowed, [adj('CO', '50', allowed)], 'GZ')],
      ]);
    case 'lab':
      return rng.chance(0.15) ? line(svc, allowed, [adj('CO', '97', allowed, 'M15')]) : line(svc, allowed, [], null, true);
    case 'nominal':
      if (svc.code === 'G0444') {
        // No cost-sharing applies to G0444; a PR amount here is a posting error the desk must flag.
        return rng.chance(0.25) ? line(svc, allowed, [adj('PR', '2', percent(allowed, 20))], null, true) : line(svc, allowed, [], null, true);
      }
      if (svc.code === '96127') return line(svc, allowed, [adj('CO', '97', allowed)]);
      return line(svc, allowed, [adj('PR', '2', percent(allowed, 20))], null, true);
    case 'after_hours':
      // Bundled under Medicare; some systems still post it to the patient, which the desk must not collect.
      return rng.chance(0.6) ? line(svc, allowed, [adj('PR', '204', allowed)]) : line(svc, allowed, [adj('CO', '97', allowed)]);
  }
}

/** Medicaid pays in full; a few lines carry a nominal state copay or a CO denial. */
function medicaid(rng: DemoRandom, svc: Service): AdjudicatedLine {
  const allowed = svc.allowedCents;
  return rng.weighted<AdjudicatedLine>([
    [80, line(svc, allowed, [])],
    [8, line(svc, allowed, [adj('PR', '3', Math.min(allowed, rng.pick([100, 200, 300, 400])))])],
    // The payer says the practice may not collect this from the patient; the desk took it at the visit.
    [4, line(svc, allowed, [adj('OA', '209', Math.min(allowed, 1_000))])],
    [4, line(svc, allowed, [adj('CO', '96', allowed, 'N425')])],
    [4, line(svc, allowed, [adj('CO', '204', allowed)])],
  ]);
}

export function adjudicate(rng: DemoRandom, svc: Service, ctx: LineContext): AdjudicatedLine {
  switch (ctx.program) {
    case 'commercial':
    case 'medicare_advantage':
      return commercial(rng, svc, ctx);
    case 'medicare':
    case 'qmb':
      return medicare(rng, svc, ctx);
    case 'medicaid':
      return medicaid(rng, svc);
    case 'self_pay':
      throw new Error('Self-pay visits are not sent to a payer');
  }
}
