import { Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';

interface FieldProps {
  label: string;
  disabled?: boolean;
  description?: ReactNode;
  value: string;
  error?: string;
  onChange: (text: string) => void;
}

/** Dollars and cents as typed ("20", "20.00", "1,250.50"); the form converts them to whole cents exactly. */
export function MoneyField({ label, description, value, error, onChange, disabled }: FieldProps) {
  return (
    <TextInput
      label={label}
      disabled={disabled}
      description={description}
      leftSection={<Text size="sm" aria-hidden>$</Text>}
      inputMode="decimal"
      autoComplete="off"
      value={value}
      error={error}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

/** A whole number (days, statements, percent, year), with its unit after it. */
export function WholeField({ label, description, value, error, onChange, unit, width }: FieldProps & { unit?: string; width?: number }) {
  return (
    <TextInput
      label={label}
      w={width}
      description={description}
      rightSection={unit ? <Text size="sm" c="dimmed" aria-hidden>{unit}</Text> : undefined}
      rightSectionWidth={unit ? 48 : undefined}
      inputMode="numeric"
      autoComplete="off"
      value={value}
      error={error}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
