import { Table } from '@mantine/core';
import type { Receipt } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';
import { usDatesIn } from '../desk/verdict-view';
import { formatInstant, formatUsDate } from '../format/dates';
import classes from './ReceiptView.module.css';

const METHOD_NAMES = { cash: 'Cash', check: 'Check', card: 'Card' } as const;

/** The day's receipt for a patient, laid out to read on screen and to print on one page. */
export function ReceiptView({ receipt, headingLevel = 3 }: { receipt: Receipt; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <article className={classes.receipt} aria-label={`Receipt for ${receipt.patient.name}`}>
      <header className={classes.header}>
        <H className={classes.practice}>{receipt.practiceName}</H>
        <p className={classes.meta}>
          Receipt for <time dateTime={receipt.date}>{formatUsDate(receipt.date)}</time>
        </p>
        <p>
          <strong>{receipt.patient.name}</strong> · MRN {receipt.patient.mrn} {receipt.patient.dob ? ` · DOB ${formatUsDate(receipt.patient.dob)}` : ''}
        </p>
      </header>

      <section aria-label="Payments">
        <Sub className={classes.section}>Payments</Sub>
        {receipt.payments.length === 0 ? (
          <p className={classes.none}>No payments today.</p>
        ) : (
          receipt.payments.map((payment) => (
            <Table key={payment.id} className={classes.table} aria-label={`Payment ${payment.id}`} verticalSpacing={4} horizontalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">
                    {formatInstant(new Date(payment.receivedAt))} · {METHOD_NAMES[payment.method]}
                    {payment.reference ? ` ${payment.reference}` : ''}
                  </Table.Th>
                  <Table.Th scope="col" className={classes.amount}>
                    {formatCents(payment.amountCents)}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {payment.lines.map((line, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>
                      {line.label} <span className={classes.detail}>{usDatesIn(line.detail)}</span>
                    </Table.Td>
                    <Table.Td className={classes.amount}>{formatCents(line.amountCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))
        )}
      </section>

      {receipt.carriedForward.length > 0 && (
        <section aria-label="Carried forward">
          <Sub className={classes.section}>Carried forward to your next visit</Sub>
          <Table className={classes.table} aria-label="Carried forward items" verticalSpacing={4} horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Service</Table.Th>
                <Table.Th scope="col">On a statement by</Table.Th>
                <Table.Th scope="col" className={classes.amount}>
                  Amount
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {receipt.carriedForward.map((item) => (
                <Table.Tr key={item.itemId}>
                  <Table.Td>
                    {item.description} <span className={classes.detail}>{formatUsDate(item.serviceDate)}</span>
                  </Table.Td>
                  <Table.Td className={classes.date}>{formatUsDate(item.until)}</Table.Td>
                  <Table.Td className={classes.amount}>{formatCents(item.amountCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}

      {receipt.writeOffRequests.length > 0 && (
        <section aria-label="Write-off requests">
          <Sub className={classes.section}>Write-off requests (a manager decides)</Sub>
          <Table className={classes.table} aria-label="Write-off requests" verticalSpacing={4} horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Service</Table.Th>
                <Table.Th scope="col">Reason</Table.Th>
                <Table.Th scope="col" className={classes.amount}>
                  Amount
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {receipt.writeOffRequests.map((request) => (
                <Table.Tr key={`${request.itemId}-${request.reason}`}>
                  <Table.Td>{request.description}</Table.Td>
                  <Table.Td>{request.reason}</Table.Td>
                  <Table.Td className={classes.amount}>{formatCents(request.amountCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}

      <dl className={classes.totals}>
        <div>
          <dt>Total paid today</dt>
          <dd>{formatCents(receipt.totalPaidCents)}</dd>
        </div>
        <div>
          <dt>Balance after today</dt>
          <dd>{formatCents(receipt.balanceAfterCents)}</dd>
        </div>
      </dl>
      <p className={classes.footer}>Financial policy version {receipt.policyVersion}</p>
    </article>
  );
}
