import { Badge, Group, Paper, Radio, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { CheckInItem } from '../../../shared/contract';
import { whyOwed } from '../../../shared/domain';
import { formatCents } from '../../../shared/money';
import { itemName, itemStatus } from '../desk/verdict-view';
import { formatUsDate } from '../format/dates';
import { openAmountParts } from '../format/labels';
import { appStore, useAppStore } from '../store';
import { ItemPolicy } from './ItemPolicy';
import classes from './OpenItemsTable.module.css';

const COLUMNS = {
  select: 'Select',
  date: 'Date of service',
  service: 'Service',
  why: 'Why the patient owes it',
  amount: 'Amount',
  policy: 'Policy',
} as const;

/** The id of the items table, so a shortcut can move focus into it. */
export const OPEN_ITEMS_TABLE_ID = 'open-items';

/**
 * Every open item and every item with money to give back, oldest first, with
 * what the policy says about it. One item can be selected (radio buttons: the
 * arrow keys move the selection) for the item actions above the table.
 */
export function OpenItemsTable({ items }: { items: CheckInItem[] }) {
  const headingId = useId();
  const groupName = useId();
  const selectedItemId = useAppStore((s) => s.selectedItemId);
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
        <Text c="teal.9" fw={500}>
          Nothing owed
        </Text>
      ) : (
        <Table id={OPEN_ITEMS_TABLE_ID} aria-label="Open items" className={classes.table} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" className={classes.select}>
                <span className={classes.visuallyHidden}>{COLUMNS.select}</span>
              </Table.Th>
              <Table.Th scope="col">{COLUMNS.date}</Table.Th>
              <Table.Th scope="col">{COLUMNS.service}</Table.Th>
              <Table.Th scope="col">{COLUMNS.why}</Table.Th>
              <Table.Th scope="col" className={classes.amount}>
                {COLUMNS.amount}
              </Table.Th>
              <Table.Th scope="col">{COLUMNS.policy}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <OpenItemRow key={item.id} item={item} groupName={groupName} selected={item.id === selectedItemId} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function OpenItemRow({ item, groupName, selected }: { item: CheckInItem; groupName: string; selected: boolean }) {
  const amount = openAmountParts(item);
  const status = itemStatus(item);
  const select = () => appStore.getState().selectItem(item.id);
  return (
    <Table.Tr className={classes.row} data-selected={selected || undefined} data-not-counted={!status.counted || undefined} onClick={select}>
      <Table.Td data-label={COLUMNS.select} className={classes.select}>
        <Radio
          name={groupName}
          value={String(item.id)}
          checked={selected}
          onChange={select}
          aria-label={`Select ${itemName(item)}`}
        />
      </Table.Td>
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
        <div>
          <span className={classes.open}>{amount.open}</span>
          {amount.of && <span className={classes.of}> of {amount.of}</span>}
          {item.verdict.refundCents > 0 ? (
            <span className={classes.note}>Refund {formatCents(item.verdict.refundCents)}</span>
          ) : (
            !status.counted && item.openCents > 0 && <span className={classes.note}>Not counted in Total owed</span>
          )}
        </div>
      </Table.Td>
      <Table.Td data-label={COLUMNS.policy} className={classes.policy}>
        <ItemPolicy item={item} />
      </Table.Td>
    </Table.Tr>
  );
}
