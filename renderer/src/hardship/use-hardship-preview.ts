import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { HardshipPreview } from '../../../shared/api/hardship';
import type { ApiInput } from '../../../shared/contract';
import { api } from '../api/client';
import { errorMessage } from '../store/errors';
import type { HardshipFacts } from './hardship-form';

interface Answer {
  request: string | null;
  preview: HardshipPreview | null;
  error: string | null;
}

export interface HardshipPreviewState {
  preview: HardshipPreview | null;
  error: string | null;
  /** Typed, but the answer for exactly these numbers has not arrived yet. */
  loading: boolean;
}

/**
 * The sliding-scale result while the desk types (computed by the core from the policy in force),
 * a moment after the typing stops. Only the answer for what is typed now is shown.
 */
export function useHardshipPreview(patientId: number | undefined, facts: HardshipFacts | null): HardshipPreviewState {
  const wanted = facts ? JSON.stringify({ ...(patientId === undefined ? {} : { patientId }), ...facts }) : null;
  const [request] = useDebouncedValue(wanted, 250);
  const [answer, setAnswer] = useState<Answer>({ request: null, preview: null, error: null });

  useEffect(() => {
    if (request === null) return;
    let current = true;
    api('previewHardship', JSON.parse(request) as ApiInput<'previewHardship'>).then(
      (preview) => current && setAnswer({ request, preview, error: null }),
      (failure: unknown) => current && setAnswer({ request, preview: null, error: errorMessage(failure) }),
    );
    return () => {
      current = false;
    };
  }, [request]);

  if (wanted === null) return { preview: null, error: null, loading: false };
  const fresh = answer.request === wanted;
  return { preview: fresh ? answer.preview : null, error: fresh ? answer.error : null, loading: !fresh };
}
