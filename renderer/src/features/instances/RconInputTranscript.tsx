import { Box, Loader, ScrollArea, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { clock } from './console-filter.ts';
import type { TranscriptEntry } from './console-transcript.ts';

/** The commands sent and their answers, newest at the bottom and scrolled into view. */
export function RconInputTranscript({ entries }: { entries: readonly TranscriptEntry[] }) {
  const viewport = useRef<HTMLDivElement>(null);
  const last = entries.at(-1);
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [last?.id, last?.state]);

  if (entries.length === 0) {
    return (
      <Text size="xs" c="dimmed" data-testid="rcon-transcript">
        Commands you send and the server’s answers appear here.
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah={112} viewportRef={viewport} type="auto" offsetScrollbars>
      <Box className="mono" data-testid="rcon-transcript" role="log" aria-label="RCON transcript" aria-live="polite">
        {entries.map((e) => (
          <Box key={e.id} mb={4} data-testid="rcon-entry" data-state={e.state}>
            <Text span inherit c="dimmed">
              {clock(e.at)}{' '}
            </Text>
            <Text span inherit fw={600} c="var(--mantine-primary-color-filled)">
              › {e.command}
            </Text>
            {e.state === 'pending' ? (
              <Loader size={10} ml={8} type="dots" aria-label="Waiting for the answer" />
            ) : (
              <Text
                inherit
                c={e.state === 'error' ? 'red' : undefined}
                style={{ whiteSpace: 'pre-wrap' }}
                pl="2ch"
                data-testid="rcon-response"
              >
                {e.text}
              </Text>
            )}
          </Box>
        ))}
      </Box>
    </ScrollArea.Autosize>
  );
}
