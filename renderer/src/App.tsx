import { Container, MantineProvider, SegmentedControl, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { AuthGate } from './auth/AuthGate';
import { AppHeader } from './components/AppHeader';
import { AppInfoError } from './components/AppInfoError';
import { PatientPanel } from './components/PatientPanel';
import { PatientSearch } from './components/PatientSearch';
import { useIdleLock } from './hooks/use-idle-lock';
import { ManagerWorkspace } from './manager/ManagerWorkspace';
import { appStore, useAppStore } from './store';
import type { Workspace } from './store/workspace-slice';
import { cssVariablesResolver, theme } from './theme';

export function App() {
  useEffect(() => {
    void appStore.getState().loadAppInfo();
  }, []);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <AppHeader />
      <Container component="main" size="lg" px={{ base: 'sm', sm: 'md' }} py="md">
        <AppInfoError />
        <AuthGate>
          <SignedInApp />
        </AuthGate>
      </Container>
    </MantineProvider>
  );
}

/** The desk (and, for managers, the manager workspace); only ever mounted for a signed-in user. */
function SignedInApp() {
  useIdleLock();
  const view = useAppStore((s) => s.workspace);
  const isManager = useAppStore((s) => s.user?.role === 'manager');

  return (
    <Stack gap="md">
      {isManager && (
        <SegmentedControl
          aria-label="Workspace"
          value={view}
          onChange={(value) => appStore.getState().showWorkspace(value as Workspace)}
          data={[
            { value: 'desk', label: 'Check-in' },
            { value: 'manager', label: 'Manager' },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      )}
      {view === 'manager' && isManager ? (
        <ManagerWorkspace />
      ) : (
        <>
          <PatientSearch />
          <PatientPanel />
        </>
      )}
    </Stack>
  );
}
