import { Alert, Button, Group } from '@mantine/core';
import { appStore, useAppStore } from '../store';
import { PatientAnnouncement } from './PatientAnnouncement';
import { PatientLoading } from './PatientLoading';
import { PatientView } from './PatientView';
import { StartHint } from './StartHint';

/** The area under the search box: a hint, the open patient, or why they could not be loaded. */
export function PatientPanel() {
  return (
    <>
      <PatientAnnouncement />
      <PatientPanelContent />
    </>
  );
}

function PatientPanelContent() {
  const status = useAppStore((s) => s.patientStatus);
  const error = useAppStore((s) => s.patientError);
  const balance = useAppStore((s) => s.balance);

  switch (status) {
    case 'none':
      return <StartHint />;
    case 'loading':
      return <PatientLoading />;
    case 'error':
      return (
        <Alert role="alert" color="red" variant="light" title="Could not open this patient">
          {error}
          <Group mt="sm">
            <Button size="xs" variant="light" color="red" onClick={() => void appStore.getState().reloadPatient()}>
              Try again
            </Button>
          </Group>
        </Alert>
      );
    case 'ready':
      return balance ? <PatientView balance={balance} /> : null;
  }
}
