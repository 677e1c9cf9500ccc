import type { LogLevel } from '@ark-asa/contracts';

/**
 * One line of AsaApi's log (spdlog's default pattern, `[2024-01-02 03:04:05.678] [API] [info] Loaded
 * plugin …`, with or without the spaces): its level, and the text without the timestamp.
 */
export function parseAsaApiLine(text: string): { level: LogLevel; message: string } {
  const level = /\[(?:warn|warning)\]/i.test(text)
    ? 'WARN'
    : /\[(?:error|err|critical)\]/i.test(text)
      ? 'ERROR'
      : /\[(?:debug|trace)\]/i.test(text)
        ? 'DEBUG'
        : 'INFO';
  const message = text.replace(/^\s*\[\d{4}-\d{2}-\d{2}[ T][\d:.]+\]\s*/, '').trimEnd();
  return { level, message };
}
