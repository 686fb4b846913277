import { Alert, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A light Mantine Alert whose title is in the body's own (dark) colour: Mantine's coloured alert
 * titles on the light background are below the 4.5:1 contrast the screens are checked for.
 */
export function TitledAlert({ color, title, children }: { color: string; title: string; children: ReactNode }) {
  return (
    // A note, not role="alert": these lines inform; they do not interrupt what a screen reader is saying.
    <Alert color={color} variant="light" role="note">
      <Text size="sm" fw={650} mb={4}>
        {title}
      </Text>
      {children}
    </Alert>
  );
}
