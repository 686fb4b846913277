import { Badge } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import type { ItemStatus, StatusTone } from '../desk/verdict-view';

const TONES: Record<StatusTone, { color: MantineColor; variant: 'filled' | 'light' | 'outline' }> = {
  collect: { color: 'indigo', variant: 'filled' },
  carried: { color: 'blue', variant: 'light' },
  noCollect: { color: 'red', variant: 'light' },
  refund: { color: 'orange', variant: 'filled' },
  review: { color: 'yellow', variant: 'light' },
  waiting: { color: 'grape', variant: 'light' },
  paid: { color: 'teal', variant: 'light' },
};

/** What the desk does with an item, as one badge ("Collect", "Do not collect", "Refund due"...). */
export function VerdictBadge({ status }: { status: ItemStatus }) {
  const tone = TONES[status.tone];
  return (
    <Badge color={tone.color} variant={tone.variant} radius="sm" tt="none" size="md" styles={{ root: { height: 'auto', minHeight: 22 }, label: { whiteSpace: 'normal', lineHeight: 1.3 } }}>
      {status.label}
    </Badge>
  );
}
