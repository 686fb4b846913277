import { Alert, Button, Group, Stack, Textarea, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import type { PolicyDocument } from '../../../../shared/policy/document';
import { ApiError } from '../../../../shared/errors';
import { api } from '../../api/client';
import { newIdempotencyKey } from '../../desk/idempotency';
import { actionErrorMessage } from '../../store/errors';

const MIN_NOTE = 5;

interface Props {
  document: PolicyDocument;
  basedOnVersion: number;
  onPublished: (version: number) => void;
  onReload: () => void;
}

/** Publish the previewed document as version N+1, with a note saying what changed and why (required). */
export function PublishPanel({ document, basedOnVersion, onPublished, onReload }: Props) {
  // One key per document shown here: a double click or a retry publishes once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ message: string; stale: boolean } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const next = basedOnVersion + 1;

  async function publish(): Promise<void> {
    const text = note.trim();
    if (text.length < MIN_NOTE) {
      setNoteError('Say what changed and why, in a few words (5 characters at least).');
      noteRef.current?.focus();
      return;
    }
    setNoteError(null);
    setFailure(null);
    setPublishing(true);
    try {
      const published = await api('publishPolicy', { document, note: text, basedOnVersion, idempotencyKey });
      onPublished(published.version);
    } catch (error) {
      // A refusal (someone published meanwhile, or nothing left to publish) is solved from the version in force.
      setFailure({ message: actionErrorMessage(error), stale: error instanceof ApiError && error.code === 'refused' });
    } finally {
      setPublishing(false);
    }
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="policy-publish-heading">
      <Title order={3} id="policy-publish-heading">
        Publish
      </Title>
      <form
        noValidate
        aria-label={`Publish version ${next}`}
        onSubmit={(event) => {
          event.preventDefault();
          void publish();
        }}
      >
        <Stack gap="sm">
          <Textarea
            ref={noteRef}
            label="Note for the record"
            description="What changed and why. Staff and auditors read it with the version."
            withAsterisk
            autosize
            minRows={2}
            maxLength={500}
            value={note}
            error={noteError}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          {failure && (
            <Alert color="red" title="Not published" role="alert">
              {failure.message}
              {failure.stale && (
                <Group mt="sm">
                  <Button size="xs" variant="white" color="red" onClick={onReload}>
                    Open the version in force (your changes are set aside)
                  </Button>
                </Group>
              )}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={publishing}>
              Publish version {next}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
