import { Fieldset, Group, Radio, SimpleGrid, TagsInput } from '@mantine/core';
import { NON_COVERED_CHOICES, fieldLabel } from '../../../../../shared/policy/fields';
import type { PolicyFormValues } from '../policy-form';
import { FIELD_PATHS, codesError } from '../policy-form';
import { MoneyField } from './inputs';
import type { SectionProps } from './section-props';

const p = FIELD_PATHS;

/** Non-covered services the patient is liable for, and nominal services (clauses 3.1 and 3.2). */
export function NonCoveredSection({ values, errors, onChange }: SectionProps) {
  return (
    <Fieldset legend="Non-covered and nominal services (3.1, 3.2)">
      <Radio.Group
        label={fieldLabel(p.nonCovered)}
        description="PR-49, 50, 96 and 204 denials. One rule for every patient."
        value={values.nonCovered}
        error={errors[p.nonCovered]}
        onChange={(value) => onChange({ nonCovered: value as PolicyFormValues['nonCovered'] })}
        mb="sm"
      >
        <Group mt="xs" gap="lg">
          {Object.entries(NON_COVERED_CHOICES).map(([value, label]) => (
            <Radio key={value} value={value} label={label} />
          ))}
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TagsInput
          label={fieldLabel(p.nominalCodes)}
          description="Type a code and press Enter. Portal, virtual check-in, phone, screening, after-hours codes."
          value={values.nominalCodes}
          error={codesError(errors, values.nominalCodes)}
          onChange={(nominalCodes) => onChange({ nominalCodes })}
          clearable
          style={{ gridColumn: 'span 2' }}
        />
        <MoneyField
          label={fieldLabel(p.nominalFee)}
          description="What a nominal service costs the patient; the rest may be written off."
          value={values.nominalFee}
          error={errors[p.nominalFee]}
          onChange={(nominalFee) => onChange({ nominalFee })}
        />
      </SimpleGrid>
    </Fieldset>
  );
}
