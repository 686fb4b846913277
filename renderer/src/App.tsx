import { Container, MantineProvider, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { AppInfoError } from './components/AppInfoError';
import { PatientPanel } from './components/PatientPanel';
import { PatientSearch } from './components/PatientSearch';
import { appStore } from './store';
import { theme } from './theme';

export function App() {
  useEffect(() => {
    void appStore.getState().loadAppInfo();
  }, []);

  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <AppHeader />
      <Container component="main" size="lg" px={{ base: 'sm', sm: 'md' }} py="md">
        <Stack gap="md">
          <AppInfoError />
          <PatientSearch />
          <PatientPanel />
        </Stack>
      </Container>
    </MantineProvider>
  );
}
