import { Fieldset, SimpleGrid, Stack, Text } from '@mantine/core';
import { fieldLabel } from '../../../../../shared/policy/fields';
import { FIELD_PATHS } from '../policy-form';
import { MoneyField, WholeField } from './inputs';
import type { SectionProps } from './section-props';
import { SlidingScaleTiers } from './SlidingScaleTiers';

const p = FIELD_PATHS;

/** Financial hardship: the HHS poverty guideline figures, the sliding scale and how long an approval lasts (5.1, 5.2). */
export function HardshipSection(props: SectionProps) {
  const { values, errors, onChange } = props;
  return (
    <Fieldset legend="Financial hardship (5.1, 5.2)">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          HHS poverty guidelines for the 48 contiguous states and DC, updated each January. Every application needs documentation and a manager’s approval; the policy
          cannot turn either off.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <WholeField label={fieldLabel(p.guidelineYear)} value={values.guidelineYear} error={errors[p.guidelineYear]} onChange={(guidelineYear) => onChange({ guidelineYear })} />
          <MoneyField
            label={fieldLabel(p.guidelineFirstPerson)}
            value={values.guidelineFirstPerson}
            error={errors[p.guidelineFirstPerson]}
            onChange={(guidelineFirstPerson) => onChange({ guidelineFirstPerson })}
          />
          <MoneyField
            label={fieldLabel(p.guidelineAdditionalPerson)}
            value={values.guidelineAdditionalPerson}
            error={errors[p.guidelineAdditionalPerson]}
            onChange={(guidelineAdditionalPerson) => onChange({ guidelineAdditionalPerson })}
          />
        </SimpleGrid>
        <SlidingScaleTiers {...props} />
        <WholeField
          label={fieldLabel(p.hardshipValidDays)}
          description="After that the patient applies again."
          unit="days"
          value={values.hardshipValidDays}
          error={errors[p.hardshipValidDays]}
          onChange={(hardshipValidDays) => onChange({ hardshipValidDays })}
        />
      </Stack>
    </Fieldset>
  );
}
