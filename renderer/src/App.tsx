import { Container, MantineProvider, SegmentedControl, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { AppInfoError } from './components/AppInfoError';
import { PatientPanel } from './components/PatientPanel';
import { PatientSearch } from './components/PatientSearch';
import { ManagerWorkspace } from './manager/ManagerWorkspace';
import { appStore, useAppStore } from './store';
import type { Workspace } from './store/workspace-slice';
import { theme } from './theme';

export function App() {
  const view = useAppStore((s) => s.workspace);
  useEffect(() => {
    void appStore.getState().loadAppInfo();
  }, []);

  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <AppHeader />
      <Container component="main" size="lg" px={{ base: 'sm', sm: 'md' }} py="md">
        <Stack gap="md">
          <AppInfoError />
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
          {view === 'desk' ? (
            <>
              <PatientSearch />
              <PatientPanel />
            </>
          ) : (
            <ManagerWorkspace />
          )}
        </Stack>
      </Container>
    </MantineProvider>
  );
}
