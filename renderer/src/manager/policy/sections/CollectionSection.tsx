import { Checkbox, Fieldset, Group, SimpleGrid } from '@mantine/core';
import { AFTER_EXHAUSTED_CHOICES, fieldLabel } from '../../../../../shared/policy/fields';
import type { PolicyFormValues } from '../policy-form';
import { FIELD_PATHS } from '../policy-form';
import { WholeField } from './inputs';
import type { SectionProps } from './section-props';

const p = FIELD_PATHS;

/** Reasonable collection effort before bad debt (6.1): the benchmark is 42 CFR 413.89(e). */
export function CollectionSection({ values, errors, onChange }: SectionProps) {
  return (
    <Fieldset legend="Collection effort and bad debt (6.1)">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mb="sm">
        <WholeField
          label={fieldLabel(p.minStatements)}
          unit="sent"
          value={values.minStatements}
          error={errors[p.minStatements]}
          onChange={(minStatements) => onChange({ minStatements })}
        />
        <WholeField
          label={fieldLabel(p.minDaysFromFirstStatement)}
          description="Medicare’s benchmark is 120 days."
          unit="days"
          value={values.minDaysFromFirstStatement}
          error={errors[p.minDaysFromFirstStatement]}
          onChange={(minDaysFromFirstStatement) => onChange({ minDaysFromFirstStatement })}
        />
      </SimpleGrid>
      <Checkbox.Group
        label={fieldLabel(p.afterExhausted)}
        value={values.afterExhausted}
        error={errors[p.afterExhausted]}
        onChange={(value) => onChange({ afterExhausted: value as PolicyFormValues['afterExhausted'] })}
      >
        <Group mt="xs" gap="lg">
          {Object.entries(AFTER_EXHAUSTED_CHOICES).map(([value, label]) => (
            <Checkbox key={value} value={value} label={label} />
          ))}
        </Group>
      </Checkbox.Group>
    </Fieldset>
  );
}
