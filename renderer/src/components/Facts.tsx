import type { ReactNode } from 'react';
import { useId } from 'react';
import classes from './Facts.module.css';

/** A description list of label/value pairs laid out in a row that wraps. */
export function Facts({ children, className }: { children: ReactNode; className?: string }) {
  return <dl className={className ? `${classes.facts} ${className}` : classes.facts}>{children}</dl>;
}

/**
 * One label/value pair. The value is labelled by its label (aria-labelledby),
 * so it can be found as, e.g., getByLabel('Date of birth').
 */
export function Fact({ label, children, valueClassName }: { label: string; children: ReactNode; valueClassName?: string }) {
  const id = useId();
  return (
    <div className={classes.fact}>
      <dt id={id} className={classes.label}>
        {label}
      </dt>
      <dd aria-labelledby={id} className={`${classes.value} ${valueClassName ?? classes.valueDefault}`}>
        {children}
      </dd>
    </div>
  );
}
