import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { CoverageView } from '../../../shared/contract';
import { PROGRAM_LABELS } from '../../../shared/domain';
import { formatCents } from '../../../shared/money';
import { priorityLabel } from '../format/labels';
import classes from './CoverageList.module.css';

/** The patient's active coverages, primary first: payer, program, member ID and copay. */
export function CoverageList({ coverages }: { coverages: CoverageView[] }) {
  const headingId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Title order={3} id={headingId} c="dimmed" tt="uppercase" fw={600} fz="xs" lts="0.03em">
        Coverage
      </Title>
      {coverages.length === 0 ? (
        <Text mt={6} c="dimmed">
          No active coverage (self-pay)
        </Text>
      ) : (
        <Stack component="ul" gap="sm" mt={6} mb={0} p={0} style={{ listStyle: 'none' }}>
          {coverages.map((coverage) => (
            <li key={`${coverage.priority}-${coverage.payer}-${coverage.memberId ?? ''}`}>
              <Group gap={6} wrap="wrap">
                <Text fw={600}>{coverage.payer}</Text>{' '}
                {PROGRAM_LABELS[coverage.program] !== coverage.payer && (
                  <Badge variant="light" color="gray" radius="sm" tt="none">
                    {PROGRAM_LABELS[coverage.program]}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed" className="numeric">
                <span className={classes.nowrap}>{priorityLabel(coverage.priority)}</span>
                {(coverage.memberId !== null || coverage.program !== 'self_pay') && (
                  <>
                    {' · '}
                    <span className={classes.nowrap}>Member ID {coverage.memberId ?? 'not on file'}</span>
                  </>
                )}
                {' · '}
                <span className={classes.nowrap}>Copay {formatCents(coverage.copayCents)}</span>
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
