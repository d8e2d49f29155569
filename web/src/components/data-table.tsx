/**
 * Renders a TanStack Table instance as an accessible HTML table: sortable headers are buttons with
 * `aria-sort`, the table scrolls sideways inside its region on narrow screens. The table logic
 * (columns, sorting state, selection) stays TanStack's.
 */
import { flexRender, type Table } from '@tanstack/react-table';

export function DataTable<T>({ table, caption, isBusy }: { table: Table<T>; caption: string; isBusy?: boolean }) {
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table" aria-busy={isBusy ? 'true' : 'false'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                const content = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                    style={{ width: header.getSize() !== 150 ? header.getSize() : undefined }}
                  >
                    {canSort ? (
                      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                        {content}
                        <span aria-hidden="true" className="sort-mark">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      content
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={row.getIsSelected() ? 'is-selected' : undefined}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} data-label={typeof cell.column.columnDef.header === 'string' ? cell.column.columnDef.header : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous / next over keyset cursors (the server gives both links). */
export function Pager({ prev, next, onPage, isBusy, summary }: { prev: string | null; next: string | null; onPage(cursor: string): void; isBusy?: boolean; summary?: string }) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={!prev || isBusy} onClick={() => prev && onPage(prev)}>
        ← Previous
      </button>
      {summary && <span className="pager-summary">{summary}</span>}
      <button type="button" disabled={!next || isBusy} onClick={() => next && onPage(next)}>
        Next →
      </button>
    </nav>
  );
}
