import { Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { ReportName } from '../../../../shared/api/reports';
import { DEFAULT_MARGIN_POINTS, REPORT_LABELS, REPORT_NAMES } from '../../../../shared/api/reports';

export interface ReportChoice {
  name: ReportName;
  from: string;
  to: string;
  /** As typed: empty means the default margin. */
  margin: number | string;
}

/** Which report, over which days, and (for the consistency audit) how far a group may stand apart before it is flagged. */
export function ReportControls({ choice, onChange, rangeError }: { choice: ReportChoice; onChange: (next: ReportChoice) => void; rangeError: string | null }) {
  const set = (patch: Partial<ReportChoice>) => onChange({ ...choice, ...patch });
  return (
    <Stack gap="sm">
      <div>
        <Text component="span" id="report-choice-label" size="sm" fw={500} display="block" mb={4}>
          Report
        </Text>
        <SegmentedControl
          aria-labelledby="report-choice-label"
          value={choice.name}
          onChange={(value) => set({ name: value as ReportName })}
          data={REPORT_NAMES.map((name) => ({ value: name, label: REPORT_LABELS[name] }))}
          orientation="horizontal"
          fullWidth
          styles={{ root: { flexWrap: 'wrap' }, control: { flex: '1 1 9rem' } }}
        />
      </div>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput type="date" label="From" description="Empty: from the start" value={choice.from} onChange={(e) => set({ from: e.currentTarget.value })} w={{ base: '100%', xs: 190 }} />
        <TextInput type="date" label="To" description="Empty: up to today" value={choice.to} onChange={(e) => set({ to: e.currentTarget.value })} error={rangeError} w={{ base: '100%', xs: 190 }} />
        {choice.name === 'consistency' && (
          <NumberInput
            label="Flag beyond"
            description="Percentage points from the other patients"
            placeholder={String(DEFAULT_MARGIN_POINTS)}
            value={choice.margin}
            onChange={(value) => set({ margin: value })}
            min={0}
            max={100}
            step={1}
            decimalScale={2}
            suffix=" points"
            w={{ base: '100%', xs: 230 }}
          />
        )}
      </Group>
    </Stack>
  );
}
