import { Fieldset, Stack, Switch } from '@mantine/core';
import { fieldLabel } from '../../../../../shared/policy/fields';
import { FIELD_PATHS } from '../policy-form';
import { MoneyField } from './inputs';
import type { SectionProps } from './section-props';

const p = FIELD_PATHS;

/** Small-balance write-off (6.2) and prepayments (7.2). */
export function WriteOffSection({ values, errors, onChange }: SectionProps) {
  return (
    <Fieldset legend="Small balances and prepayments (6.2, 7.2)">
      <Stack gap="sm">
        <Switch
          label={fieldLabel(p.smallBalanceEnabled)}
          description="Off by default: writing off every small balance is a routine waiver (OIG Advisory Opinion 19-01). Carrying forward is not."
          checked={values.smallBalanceEnabled}
          error={errors[p.smallBalanceEnabled]}
          onChange={(event) => onChange({ smallBalanceEnabled: event.currentTarget.checked })}
        />
        <MoneyField
          label={fieldLabel(p.smallBalanceMax)}
          description="Only with the write-off on. $20.00 at most."
          disabled={!values.smallBalanceEnabled}
          value={values.smallBalanceMax}
          error={errors[p.smallBalanceMax]}
          onChange={(smallBalanceMax) => onChange({ smallBalanceMax })}
        />
        <Switch
          label={fieldLabel(p.allowPrepayment)}
          checked={values.allowPrepayment}
          error={errors[p.allowPrepayment]}
          onChange={(event) => onChange({ allowPrepayment: event.currentTarget.checked })}
        />
      </Stack>
    </Fieldset>
  );
}
