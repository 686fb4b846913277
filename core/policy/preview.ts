/**
 * What publishing a proposed policy would do to the practice's open items:
 * every open item is evaluated by the engine under the version in force and
 * under the proposal, on the same facts loaded once, and the verdicts that
 * change are counted by transition ("collect → may be carried forward") with
 * their money and a few examples.
 */
import type { OutcomeTotals, PolicyPreviewResult, PreviewExample, PreviewTransition, VerdictOutcome } from '../../shared/api/policy-editor';
import { VERDICT_OUTCOMES, VERDICT_OUTCOME_LABELS } from '../../shared/api/policy-editor';
import { policyChanges } from '../../shared/policy/diff';
import type { PolicyDocument, PublishedPolicy } from '../../shared/policy/document';
import type { PatientFacts } from '../../shared/policy/engine';
import { evaluateItems } from '../../shared/policy/engine';
import type { Db } from '../db/connection';
import { loadAllOpenItems } from './open-item-facts';
import { policyWarnings } from './warnings';
import { otherDifferences, outcomeReason, verdictOutcome } from './verdict-outcome';

export const EXAMPLES_PER_TRANSITION = 5;

interface Tally {
  from: VerdictOutcome;
  to: VerdictOutcome;
  items: number;
  cents: number;
  patients: Set<number>;
  examples: PreviewExample[];
}

/** Keeps the largest few examples (by open amount, then patient and item for a stable order). */
function addExample(list: PreviewExample[], example: PreviewExample): void {
  list.push(example);
  list.sort((a, b) => b.openCents - a.openCents || a.patientId - b.patientId || a.itemId - b.itemId);
  if (list.length > EXAMPLES_PER_TRANSITION) list.pop();
}

export function previewPolicyChange(db: Db, today: string, inForce: PublishedPolicy, proposed: PolicyDocument): PolicyPreviewResult {
  const started = performance.now();
  // A hardship discount is fixed when a manager approves it (core/hardship): the same under either
  // document, and it decides no outcome, so it is left out of the comparison.
  const patientFacts: PatientFacts = { today, hardshipDiscountPercent: null };
  const totals = new Map<VerdictOutcome, OutcomeTotals>(
    VERDICT_OUTCOMES.map((outcome) => [outcome, { outcome, label: VERDICT_OUTCOME_LABELS[outcome], before: { items: 0, cents: 0 }, after: { items: 0, cents: 0 } }]),
  );
  const tallies = new Map<string, Tally>();
  const other = { carryForwardDates: 0, writeOffLimits: 0 };
  let itemsEvaluated = 0;

  const patients = loadAllOpenItems(db);
  for (const patient of patients) {
    const before = evaluateItems(patient.items, patientFacts, inForce.document);
    const after = evaluateItems(patient.items, patientFacts, proposed);
    patient.items.forEach((item, i) => {
      itemsEvaluated += 1;
      const from = verdictOutcome(before[i]!);
      const to = verdictOutcome(after[i]!);
      const fromTotal = totals.get(from)!.before;
      fromTotal.items += 1;
      fromTotal.cents += item.openCents;
      const toTotal = totals.get(to)!.after;
      toTotal.items += 1;
      toTotal.cents += item.openCents;
      if (from === to) {
        const moved = otherDifferences(before[i]!, after[i]!);
        if (moved.carryForwardDate) other.carryForwardDates += 1;
        if (moved.writeOffLimit) other.writeOffLimits += 1;
        return;
      }
      const key = `${from}>${to}`;
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = { from, to, items: 0, cents: 0, patients: new Set(), examples: [] }));
      tally.items += 1;
      tally.cents += item.openCents;
      tally.patients.add(patient.patientId);
      addExample(tally.examples, {
        patientId: patient.patientId,
        patientName: patient.name,
        mrn: patient.mrn,
        itemId: item.id,
        serviceDate: item.serviceDate,
        serviceCode: item.serviceCode,
        description: item.description,
        openCents: item.openCents,
        reason: outcomeReason(after[i]!, to),
      });
    });
  }

  const transitions: PreviewTransition[] = [...tallies.values()]
    .map((t) => ({
      from: t.from,
      to: t.to,
      summary: `${t.items} item${t.items === 1 ? '' : 's'}: ${VERDICT_OUTCOME_LABELS[t.from]} → ${VERDICT_OUTCOME_LABELS[t.to]}`,
      items: t.items,
      patients: t.patients.size,
      cents: t.cents,
      examples: t.examples,
    }))
    .sort((a, b) => b.items - a.items || b.cents - a.cents || a.summary.localeCompare(b.summary));

  return {
    valid: true,
    basedOnVersion: inForce.version,
    today,
    changes: policyChanges(inForce.document, proposed),
    patientsEvaluated: patients.length,
    itemsEvaluated,
    itemsChanged: transitions.reduce((sum, t) => sum + t.items, 0),
    centsChanged: transitions.reduce((sum, t) => sum + t.cents, 0),
    transitions,
    outcomes: [...totals.values()].filter((t) => t.before.items > 0 || t.after.items > 0),
    sameVerdictOtherChanges: other,
    warnings: policyWarnings(proposed, today),
    elapsedMs: Math.round(performance.now() - started),
  };
}
