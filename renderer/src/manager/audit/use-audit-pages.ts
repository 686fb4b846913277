import { useState } from 'react';
import type { AuditPage, AuditRecordView } from '../../../../shared/api/audit';
import type { ApiInput } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/use-api-query';
import { errorMessage } from '../../store/errors';

export type AuditSearch = Omit<ApiInput<'searchAudit'>, 'before'>;

interface Older {
  /** The search these pages belong to (a new search starts over). */
  search: string;
  records: AuditRecordView[];
  nextBefore: number | null;
}

/**
 * The records of one search, newest first: the first page as a query (read again when the search
 * changes), older pages appended by "Load more" from the last record's cursor.
 */
export function useAuditPages(search: AuditSearch) {
  const first = useApiQuery('searchAudit', search);
  const key = JSON.stringify(search);
  const [older, setOlder] = useState<Older | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const page: AuditPage | null = first.data;
  const mine = older && older.search === key && !first.loading ? older : null;
  const records = page ? [...page.records, ...(mine?.records ?? [])] : [];
  const nextBefore = mine ? mine.nextBefore : (page?.nextBefore ?? null);

  async function loadMore() {
    if (nextBefore === null || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await api('searchAudit', { ...search, before: nextBefore });
      setOlder({ search: key, records: [...(mine?.records ?? []), ...next.records], nextBefore: next.nextBefore });
    } catch (error) {
      setMoreError(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  }

  return { page, records, nextBefore, loading: first.loading, error: first.error ?? moreError, loadingMore, loadMore };
}
