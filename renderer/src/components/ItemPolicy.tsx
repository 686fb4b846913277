import { Stack, Text } from '@mantine/core';
import type { CheckInItem } from '../../../shared/contract';
import { itemStatus, reasonView, splitReasons } from '../desk/verdict-view';
import classes from './ItemPolicy.module.css';
import { VerdictBadge } from './VerdictBadge';

/** What the policy says about one item: the badge, the main reason with its clause, the other reasons on demand. */
export function ItemPolicy({ item }: { item: CheckInItem }) {
  const { main, more } = splitReasons(item);
  return (
    <Stack gap={4} align="flex-start">
      <VerdictBadge status={itemStatus(item)} />
      {main && <ReasonText reason={main} />}
      {more.length > 0 && (
        <details className={classes.more}>
          <summary>
            {more.length === 1 ? '1 more reason' : `${more.length} more reasons`}
          </summary>
          <Stack gap={6} mt={4}>
            {more.map((reason) => (
              <ReasonText key={`${reason.clause}|${reason.text}`} reason={reason} />
            ))}
          </Stack>
        </details>
      )}
    </Stack>
  );
}

function ReasonText({ reason }: { reason: CheckInItem['verdict']['reasons'][number] }) {
  const view = reasonView(reason);
  return (
    <div>
      <Text size="sm" lh={1.35}>
        {view.text}
      </Text>
      <Text size="xs" c="dimmed" lh={1.3}>
        {view.clause}
      </Text>
    </div>
  );
}
