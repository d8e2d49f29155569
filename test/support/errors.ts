import { expect } from 'vitest';

/** Asserts the contract's error body (CONTRACT.md §1.5) with the given status and title. */
export function expectErrorBody(body: unknown, status: number, title: string): void {
  expect(body).toMatchObject({ errors: [{ status: String(status), title, code: expect.stringMatching(new RegExp(`^ADMIN-${status}-\\d+$`)) }] });
}
