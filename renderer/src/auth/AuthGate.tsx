import { Alert, Center, Loader } from '@mantine/core';
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { appStore, useAppStore } from '../store';
import { FirstManagerScreen } from './FirstManagerScreen';
import { SignInScreen } from './SignInScreen';

/** Shows `children` (the app) only to a signed-in staff member; otherwise sign-in or first-run setup. */
export function AuthGate({ children }: { children: ReactNode }) {
  const status = useAppStore((s) => s.sessionStatus);
  const error = useAppStore((s) => s.signInError);

  useEffect(() => {
    void appStore.getState().loadSession();
  }, []);

  switch (status) {
    case 'loading':
      return (
        <Center mt="xl">
          <Loader aria-label="Starting" />
        </Center>
      );
    case 'error':
      return (
        <Alert role="alert" color="red" variant="light" title="Could not start" maw={520} mx="auto" mt="xl">
          {error}
        </Alert>
      );
    case 'setup':
      return <FirstManagerScreen />;
    case 'signed_out':
      return <SignInScreen />;
    case 'signed_in':
      return children;
  }
}
