/**
 * pino, with keys and tokens redacted wherever they could appear in a log line.
 */
import { pino, type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-meili-api-key"]',
  'res.headers["set-cookie"]',
  'config.MEILI_API_KEY',
  'config.MEILI_ADMIN_KEY',
  'config.MEILI_MASTER_KEY',
  '*.apiKey',
  '*.token',
  '*.password',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
