import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatInstant } from '../../format/dates';
import { useApiQuery } from '../../hooks/use-api-query';
import { PolicyEditor } from './PolicyEditor';
import { VersionHistory } from './VersionHistory';

/** The manager's Financial policy page: the version in force, the editor with its preview and publishing, and the history. */
export function PolicyPage() {
  const current = useApiQuery('getPolicyVersion', {});
  const versions = useApiQuery('listPolicyVersions', {});
  const [published, setPublished] = useState<number | null>(null);
  const inForce = current.data;

  const reload = () => {
    current.reload();
    versions.reload();
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Financial policy</Title>
        {inForce && (
          <Text size="sm" c="dimmed">
            Version {inForce.version} is in force: published {formatInstant(new Date(inForce.publishedAt))} by {inForce.publishedBy}.
          </Text>
        )}
      </div>
      {published !== null && (
        <Alert color="teal" variant="light" title={`Version ${published} published`} withCloseButton closeButtonLabel="Dismiss" onClose={() => setPublished(null)}>
          It is in force now: the desk’s verdicts and every decision from now on follow version {published}.
        </Alert>
      )}
      {current.error && (
        <Alert color="red" variant="light" title="The policy could not be read" role="alert">
          {current.error}
        </Alert>
      )}
      {!inForce && !current.error && <Loader size="sm" aria-label="Loading the policy" />}
      {inForce && (
        // A new version in force starts the editor over from it.
        <PolicyEditor
          key={inForce.version}
          inForce={inForce}
          onReload={reload}
          onPublished={(version) => {
            setPublished(version);
            reload();
          }}
        />
      )}
      <VersionHistory versions={versions.data} error={versions.error} />
    </Stack>
  );
}
