/**
 * Streamed exports (audit log, token inventory): rows go out as the store yields them, never
 * collected in memory, as CSV (csv-stringify) or JSON Lines, with an attachment file name. A store
 * error mid-stream destroys the response stream, so the client sees a cut download (never a
 * silently truncated "complete" file, never a hang).
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

export type CsvCell = string | number | null;

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab/CR) as a formula; labels, names and
 * details are typed by people, so such cells get a leading apostrophe (OWASP "CSV injection").
 */
export function csvSafe<T extends CsvCell>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** `items` as CSV with a header row; `toRow` gives each item's cells in `columns` order. */
export function csvStream<T>(items: AsyncIterable<T>, columns: readonly string[], toRow: (item: T) => CsvCell[]): Readable {
  const csv = stringify({ header: true, columns: [...columns] });
  const rows = Readable.from(
    (async function* () {
      for await (const item of items) yield toRow(item);
    })(),
    { objectMode: true },
  );
  rows.on('error', (error) => csv.destroy(error));
  return rows.pipe(csv);
}

/** `items` as JSON Lines, one `toJson(item)` per line. */
export function jsonLinesStream<T>(items: AsyncIterable<T>, toJson: (item: T) => unknown): Readable {
  return Readable.from(
    (async function* () {
      for await (const item of items) yield `${JSON.stringify(toJson(item))}\n`;
    })(),
  );
}

/** Sends `body` as a download named `filename`, not cached by proxies or browsers. */
export function sendAttachment(reply: FastifyReply, body: Readable, contentType: string, filename: string): FastifyReply {
  // Route schemas document the 200 as text; Fastify streams a Readable as it is.
  return reply.type(contentType).header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(body);
}
