import { Alert, createTheme, Drawer, Modal } from '@mantine/core';
import type { CSSVariablesResolver } from '@mantine/core';

/** Calm and plain: system fonts (nothing fetched), one quiet accent, numbers that line up. */
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8: white on the filled buttons and indigo text on light backgrounds pass WCAG AA (shade 6 does not).
  primaryShade: 8,
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '650' },
  other: {},
  components: {
    // Mantine's close buttons are icons without a name; screen readers need one (axe: button-name).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // The light alerts' coloured titles are below 4.5:1 contrast; the page's text colour reads on every tint.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
  },
});

/**
 * Mantine's default "dimmed" grey is below the WCAG AA contrast ratio for small text (4.5:1) on our
 * light backgrounds; a darker grey keeps secondary text quieter than body text and readable.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
