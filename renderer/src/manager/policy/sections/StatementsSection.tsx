import { Fieldset, SimpleGrid, TextInput } from '@mantine/core';
import { fieldLabel } from '../../../../../shared/policy/fields';
import { FIELD_PATHS } from '../policy-form';
import { MoneyField, WholeField } from './inputs';
import type { SectionProps } from './section-props';

const p = FIELD_PATHS;

/** The title, the statement threshold and the carry-forward terminal rule (clauses 2.1 and 2.2). */
export function StatementsSection({ values, errors, onChange }: SectionProps) {
  return (
    <Fieldset legend="Statements and carrying forward (2.1, 2.2)">
      <TextInput
        label={fieldLabel(p.title)}
        description="Shown to staff at the head of the written policy."
        maxLength={120}
        autoComplete="off"
        value={values.title}
        error={errors[p.title]}
        onChange={(event) => onChange({ title: event.currentTarget.value })}
        mb="sm"
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <MoneyField
          label={fieldLabel(p.statementThreshold)}
          description="Balances under this are carried forward to the next visit, not statemented."
          value={values.statementThreshold}
          error={errors[p.statementThreshold]}
          onChange={(statementThreshold) => onChange({ statementThreshold })}
        />
        <WholeField
          label={fieldLabel(p.carryMaxAgeDays)}
          description="So a balance carried forward is billed in the end."
          unit="days"
          value={values.carryMaxAgeDays}
          error={errors[p.carryMaxAgeDays]}
          onChange={(carryMaxAgeDays) => onChange({ carryMaxAgeDays })}
        />
        <MoneyField
          label={fieldLabel(p.carryMaxTotal)}
          description="Usually the same as the statement threshold."
          value={values.carryMaxTotal}
          error={errors[p.carryMaxTotal]}
          onChange={(carryMaxTotal) => onChange({ carryMaxTotal })}
        />
      </SimpleGrid>
    </Fieldset>
  );
}
