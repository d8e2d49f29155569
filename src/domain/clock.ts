/** The time source, injected everywhere a rule needs `now` so tests can fix it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
