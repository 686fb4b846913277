import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './reports.module.css';

export interface FigureColumn {
  key: string;
  label: string;
  /** Numbers are right-aligned so their digits line up. */
  numeric?: boolean;
}

export type FigureRow = Record<string, ReactNode> & { key: string };

/**
 * The figures behind a chart, as a table (a chart alone is not accessible). Wide tables scroll
 * sideways inside a focusable region, so they stay readable and keyboard-reachable on a narrow window.
 */
export function FigureTable({ caption, columns, rows, empty = 'Nothing in this period.' }: { caption: string; columns: FigureColumn[]; rows: FigureRow[]; empty?: string }) {
  return (
    <div className={classes.tableScroll} role="region" aria-label={`${caption} (table)`} tabIndex={0}>
      <Table striped withTableBorder verticalSpacing="xs" captionSide="top" className={classes.table}>
        <Table.Caption className={classes.caption}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} scope="col" className={c.numeric ? classes.numeric : undefined}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>{empty}</Table.Td>
            </Table.Tr>
          ) : (
            rows.map((row) => (
              <Table.Tr key={row.key}>
                {columns.map((c, i) =>
                  i === 0 ? (
                    <Table.Th key={c.key} scope="row" className={classes.rowHeader}>
                      {row[c.key]}
                    </Table.Th>
                  ) : (
                    <Table.Td key={c.key} className={c.numeric ? classes.numeric : undefined}>
                      {row[c.key]}
                    </Table.Td>
                  ),
                )}
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
