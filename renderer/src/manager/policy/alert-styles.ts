/** Alert titles in the page's text colour: the light variants' coloured titles are below 4.5:1 contrast. */
export const READABLE_ALERT = { title: { color: 'var(--mantine-color-text)' } };
