/** Lengths of time the rules share, in milliseconds (the unit times are stored and compared in). */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
