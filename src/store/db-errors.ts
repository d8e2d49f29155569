/** Driver errors the stores turn into domain errors. */

/** A unique index refused the row: PostgreSQL SQLSTATE 23505, or SQLite's constraint codes. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
