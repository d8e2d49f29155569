/**
 * How remote commands print records: a table for people at a terminal, `--json` (one JSON
 * document) and `--csv` (a header line, then one line per record) for scripts.
 */
import { stringify } from 'csv-stringify/sync';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

export interface FormatOptions {
  json?: boolean | undefined;
  csv?: boolean | undefined;
}

const MAX_CELL = 48;

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** Aligned columns; cells past 48 characters are cut with an ellipsis (the JSON has them whole). */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((column) => {
    const text = cell(column.value(row)).replace(/\s+/g, ' ');
    return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
  }));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: string[]) => values.map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

export function renderCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  return stringify([columns.map((c) => c.header.toLowerCase().replace(/ /g, '_')), ...rows.map((row) => columns.map((c) => cell(c.value(row))))]);
}

/** Prints `rows` as the options ask; `json` is what --json prints (the records as the server gave them). */
export function printRecords<T>(rows: readonly T[], columns: readonly Column<T>[], options: FormatOptions, empty: string): void {
  if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (options.csv) process.stdout.write(renderCsv(rows, columns));
  else if (rows.length === 0) process.stdout.write(`${empty}\n`);
  else process.stdout.write(renderTable(rows, columns));
}

/** One record: `--json` prints it whole, otherwise one "Field: value" line per column. */
export function printRecord<T>(row: T, columns: readonly Column<T>[], options: FormatOptions): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify(row, null, 2)}\n`);
    return;
  }
  if (options.csv) {
    process.stdout.write(renderCsv([row], columns));
    return;
  }
  const width = Math.max(...columns.map((c) => c.header.length)) + 1;
  process.stdout.write(columns.map((c) => `${`${c.header}:`.padEnd(width)} ${cell(c.value(row))}`).join('\n') + '\n');
}

/** An ISO date-time as "2026-03-01 14:05" (UTC), or "never"/"" for null. */
export function shortTime(iso: string | null | undefined, none = ''): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : none;
}
