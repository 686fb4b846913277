import type { PolicyFormErrors, PolicyFormValues } from '../policy-form';

/** What every section of the policy form receives: the values, the problems by document path, and a way to change values. */
export interface SectionProps {
  values: PolicyFormValues;
  errors: PolicyFormErrors;
  onChange: (patch: Partial<PolicyFormValues>) => void;
}
