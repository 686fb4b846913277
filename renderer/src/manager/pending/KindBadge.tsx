import { Badge } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import type { PendingKind } from '../../../../shared/api/decisions';
import { PENDING_KIND_LABELS } from '../../../../shared/api/decisions';

const COLORS: Record<PendingKind, MantineColor> = {
  write_off_request: 'grape',
  hardship_application: 'blue',
  bad_debt_candidate: 'red',
  carry_forward_ended: 'orange',
  sync_conflict: 'yellow',
  quarantined: 'gray',
};

/** What kind of entry a row is, as one badge. */
export function KindBadge({ kind }: { kind: PendingKind }) {
  return (
    <Badge color={COLORS[kind]} variant="light" radius="sm" tt="none" size="md" styles={{ root: { height: 'auto', minHeight: 22 }, label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.3 } }}>
      {PENDING_KIND_LABELS[kind]}
    </Badge>
  );
}
