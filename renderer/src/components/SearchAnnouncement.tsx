import { VisuallyHidden } from '@mantine/core';
import { countLabel } from '../format/labels';
import { useAppStore } from '../store';

/** Tells screen-reader users how many patients the search found, once the answer is in. */
export function SearchAnnouncement() {
  const status = useAppStore((s) => s.searchStatus);
  const count = useAppStore((s) => s.results.length);
  return (
    <VisuallyHidden role="status" aria-live="polite">
      {status === 'done' ? `${countLabel(count, 'patient')} found` : ''}
    </VisuallyHidden>
  );
}
