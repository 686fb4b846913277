import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { BalanceItem } from '../../../shared/contract';
import { whyOwed } from '../../../shared/domain';
import { formatUsDate } from '../format/dates';
import { openAmountParts } from '../format/labels';
import classes from './OpenItemsTable.module.css';

const COLUMNS = {
  date: 'Date of service',
  service: 'Service',
  why: 'Why the patient owes it',
  amount: 'Amount',
} as const;

/** Every open patient-owed item, oldest first, with the plain-words reason it is owed. */
export function OpenItemsTable({ items }: { items: BalanceItem[] }) {
  const headingId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group gap="xs" mb="xs">
        <Title order={3} size="h4" id={headingId}>
          Open items
        </Title>
        {items.length > 0 && (
          <Badge variant="light" radius="sm" aria-hidden>
            {items.length}
          </Badge>
        )}
      </Group>
      {items.length === 0 ? (
        <Text c="teal.8" fw={500}>
          Nothing owed
        </Text>
      ) : (
        <Table aria-label="Open items" className={classes.table} verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{COLUMNS.date}</Table.Th>
              <Table.Th scope="col">{COLUMNS.service}</Table.Th>
              <Table.Th scope="col">{COLUMNS.why}</Table.Th>
              <Table.Th scope="col" className={classes.amount}>
                {COLUMNS.amount}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <OpenItemRow key={item.id} item={item} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function OpenItemRow({ item }: { item: BalanceItem }) {
  const amount = openAmountParts(item);
  return (
    <Table.Tr>
      <Table.Td data-label={COLUMNS.date} className={classes.date}>
        <time dateTime={item.serviceDate}>{formatUsDate(item.serviceDate)}</time>
      </Table.Td>
      <Table.Td data-label={COLUMNS.service}>
        <span>
          <span className={classes.code}>{item.serviceCode}</span> {item.description}
        </span>
      </Table.Td>
      <Table.Td data-label={COLUMNS.why}>{whyOwed(item)}</Table.Td>
      <Table.Td data-label={COLUMNS.amount} className={classes.amount}>
        <span>
          <span className={classes.open}>{amount.open}</span>
          {amount.of && <span className={classes.of}> of {amount.of}</span>}
        </span>
      </Table.Td>
    </Table.Tr>
  );
}
