/** Today's schedule from the main system: FHIR Appointment → the appointments table. */
import type { Db } from '../../db/connection';
import type { RejectedRecord } from '../records';

type Json = Record<string, unknown>;

const STATUS: Record<string, string> = {
  booked: 'booked',
  pending: 'booked',
  proposed: 'booked',
  arrived: 'arrived',
  checkedin: 'arrived',
  fulfilled: 'fulfilled',
  cancelled: 'cancelled',
  noshow: 'noshow',
  'entered-in-error': 'cancelled',
};

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function participant(resource: Json, type: string): Json | null {
  const list = Array.isArray(resource.participant) ? (resource.participant as Json[]) : [];
  for (const p of list) {
    const actor = p.actor as Json | undefined;
    if (typeof actor?.reference === 'string' && actor.reference.startsWith(`${type}/`)) return actor;
    if (actor?.type === type) return actor;
  }
  return null;
}

/** The performer when it is named only by display (no Practitioner resource). */
function providerDisplay(resource: Json): string | null {
  const list = Array.isArray(resource.participant) ? (resource.participant as Json[]) : [];
  for (const p of list) {
    const actor = p.actor as Json | undefined;
    if (actor && !(typeof actor.reference === 'string' && actor.reference.startsWith('Patient/'))) {
      const display = text(actor.display);
      if (display) return display;
    }
  }
  return null;
}

/** Applies one Appointment; returns a rejected record instead of throwing on bad data. */
export function applyAppointment(db: Db, resource: Json, baseUrl: string): RejectedRecord | null {
  const location = `Appointment/${text(resource.id) ?? '?'}`;
  const reject = (reason: string): RejectedRecord => ({ location, reason, raw: JSON.stringify(resource).slice(0, 4_000) });
  const id = text(resource.id);
  if (!id) return reject('The appointment has no id.');
  const start = text(resource.start);
  if (!start || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(start)) return reject('The appointment has no start time.');
  const patientRef = text(participant(resource, 'Patient')?.reference);
  if (!patientRef) return reject('The appointment names no patient.');
  const patient = db.prepare('SELECT patient_id FROM patient_identifiers WHERE system = ? AND value = ?').get(`fhir:${baseUrl}/Patient`, patientRef.slice('Patient/'.length)) as { patient_id: number } | undefined;
  if (!patient) return reject(`The appointment's patient ${patientRef} is not known here yet.`);
  const status = STATUS[text(resource.status) ?? ''] ?? null;
  if (!status) return reject(`Unknown appointment status "${String(resource.status)}".`);
  const provider = text(participant(resource, 'Practitioner')?.display) ?? providerDisplay(resource) ?? 'Unassigned';
  const serviceType = Array.isArray(resource.serviceType) ? (resource.serviceType[0] as Json | undefined) : undefined;
  const visitType = text((resource.appointmentType as Json | undefined)?.text) ?? text(serviceType?.text) ?? text(resource.description) ?? 'Visit';
  // The desk's schedule is in the practice's local time: the wall-clock part of the instant.
  const startsAt = start.slice(0, 16);
  db.prepare(
    `INSERT INTO appointments (patient_id, starts_at, provider, visit_type, status, external_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (external_id) DO UPDATE SET patient_id = excluded.patient_id, starts_at = excluded.starts_at, provider = excluded.provider,
       visit_type = excluded.visit_type, status = excluded.status`,
  ).run(patient.patient_id, startsAt, provider, visitType, status, `fhir:Appointment/${id}`);
  return null;
}
