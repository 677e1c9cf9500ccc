import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** Amber of a torch in the dark; the manager's accent in both themes. */
const amber: MantineColorsTuple = [
  '#fff8e1',
  '#ffefc7',
  '#fedd91',
  '#fdca57',
  '#fcba2a',
  '#f5a524',
  '#e09110',
  '#c77e03',
  '#b16f00',
  '#995f00',
];
/** Slate for surfaces: cooler than Mantine's dark, closer to a night sky over the Island. */
const slate: MantineColorsTuple = [
  '#c9d1dd',
  '#aab4c3',
  '#8c98ab',
  '#6f7c92',
  '#556178',
  '#3c475c',
  '#2a3345',
  '#1f2736',
  '#171d29',
  '#10151e',
];

export const theme = createTheme({
  primaryColor: 'amber',
  primaryShade: { light: 7, dark: 5 },
  colors: { amber, dark: slate },
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif',
  fontFamilyMonospace: '"Cascadia Mono", "JetBrains Mono", Consolas, "DejaVu Sans Mono", monospace',
  headings: { fontFamily: 'Inter, "Segoe UI", system-ui, sans-serif', fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { size: 'sm' } },
    Card: { defaultProps: { withBorder: true, padding: 'md' } },
  },
});

/** Colour and word for each instance status: the dashboard's first glance. */
export const STATUS_LOOK = {
  NOT_INSTALLED: { color: 'gray', label: 'Not installed' },
  STOPPED: { color: 'gray', label: 'Stopped' },
  STARTING: { color: 'yellow', label: 'Starting' },
  RUNNING: { color: 'teal', label: 'Running' },
  STOPPING: { color: 'orange', label: 'Stopping' },
  CRASHED: { color: 'red', label: 'Crashed' },
  UPDATING: { color: 'blue', label: 'Updating' },
} as const;
