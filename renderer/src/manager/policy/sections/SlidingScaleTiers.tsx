import { Button, Group, Stack, Text } from '@mantine/core';
import { fieldLabel } from '../../../../../shared/policy/fields';
import type { TierValues } from '../policy-form';
import { SCALE_PATH, tierPath } from '../policy-form';
import { WholeField } from './inputs';
import type { SectionProps } from './section-props';

const MAX_TIERS = 10;

/** The sliding scale: one row per tier, income up to a percent of the guideline → discount. */
export function SlidingScaleTiers({ values, errors, onChange }: SectionProps) {
  const tiers = values.tiers;
  const setTier = (index: number, patch: Partial<TierValues>) => onChange({ tiers: tiers.map((t, i) => (i === index ? { ...t, ...patch } : t)) });
  const last = tiers[tiers.length - 1];
  return (
    <Stack gap="xs" role="group" aria-label="Sliding scale tiers">
      <Text size="sm" fw={500}>
        Sliding scale
      </Text>
      <Text size="xs" c="dimmed">
        Household income as a percent of the guideline; the first tier the income fits gives the discount. Income above the last tier gets no discount.
      </Text>
      {tiers.map((tier, index) => (
        <Group key={index} align="flex-start" gap="sm" wrap="wrap">
          <WholeField
            label={`Tier ${index + 1}: income up to`}
            width={170}
            unit="%"
            value={tier.upTo}
            error={errors[tierPath(index, 'upToPercentOfGuideline')]}
            onChange={(upTo) => setTier(index, { upTo })}
          />
          <WholeField
            label={`Tier ${index + 1}: discount`}
            width={170}
            unit="%"
            value={tier.discount}
            error={errors[tierPath(index, 'discountPercent')]}
            onChange={(discount) => setTier(index, { discount })}
          />
          <Button variant="default" mt={24} disabled={tiers.length === 1} onClick={() => onChange({ tiers: tiers.filter((_, i) => i !== index) })}>
            Remove tier {index + 1}
          </Button>
        </Group>
      ))}
      {errors[SCALE_PATH] && (
        <Text size="sm" c="red.8" role="alert">
          {fieldLabel(SCALE_PATH)}: {errors[SCALE_PATH]}
        </Text>
      )}
      <Button
        variant="default"
        style={{ alignSelf: 'flex-start' }}
        disabled={tiers.length >= MAX_TIERS}
        onClick={() => onChange({ tiers: [...tiers, { upTo: last ? String((Number(last.upTo) || 0) + 50) : '100', discount: '0' }] })}
      >
        Add a tier
      </Button>
    </Stack>
  );
}
