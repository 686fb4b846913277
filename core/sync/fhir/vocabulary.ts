/** The project's own FHIR vocabulary (the same URLs as core/sync/reference-server/demo-fhir.ts; a test checks). */
export const PROGRAM_SYSTEM = 'urn:front-desk:payer-program';
export const CLAIM_STATUS_EXTENSION = 'urn:front-desk:fhir:extension:claim-status';
export const ADJUSTMENT_GROUP_EXTENSION = 'urn:front-desk:fhir:extension:adjustment-group';
export const REMARK_CODE_EXTENSION = 'urn:front-desk:fhir:extension:remark-code';
