/** A literal text inside a LIKE pattern: its `\`, `%` and `_` escaped (the query says `escape '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
