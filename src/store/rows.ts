/** Row <-> domain conversions shared by the stores. */
export function toDate(ms: number): Date {
  return new Date(ms);
}

export function toDateOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

export function toMs(date: Date): number {
  return date.getTime();
}

export function toMsOrNull(date: Date | null | undefined): number | null {
  return date ? date.getTime() : null;
}

export function parseJsonArray(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.map(String) : [];
}

export function parseJsonObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** What a revocation writes on a token row (ours or a connected system's), whatever picked the rows. */
export function revocationColumns(by: string | null, reason: string | null, at: Date) {
  return { status: 'revoked', revoked_at: at.getTime(), revoked_by: by, revoked_reason: reason } as const;
}
