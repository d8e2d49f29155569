/**
 * `tokenward connectors rotate | rotation | resolve-rotation` against a running server: rotation
 * of a connected system's token (GitLab) through the admin API. The CLI asks for a rotation and
 * prints the one-time link for its recipient; nothing changes upstream until the recipient opens
 * it. A rotation whose upstream answer was lost stays unknown until it is resolved, which reads
 * the token back and never rotates.
 */
import type { paths } from './api-types.js';
import { printRecord, shortTime, type Column, type FormatOptions } from './format.js';
import { connect, dataOf, EXIT, type ConnectionOptions } from './remote.js';

type Options = ConnectionOptions & FormatOptions;
type RotationJson = paths['/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/rotations/{rotationId}']['get']['responses'][200]['content']['application/json'];

/** What each state means for the admin, in words. */
const STATE_WORDS: Record<string, string> = {
  pending: 'waiting for its recipient to open the link; nothing has changed upstream',
  rotating: 'the recipient opened the link and the upstream is being asked now',
  rotated: 'rotated: the old token is revoked upstream and the recipient received the new value',
  refused: 'refused by the upstream: the token is as it was',
  unknown: 'outcome unknown: the upstream\'s answer was lost, it may have rotated; resolve it (tokenward connectors resolve-rotation)',
  resolved_rotated: 'resolved: the rotation happened upstream (its new value was lost); the new token shows at the next sync',
  resolved_not_rotated: 'resolved: nothing happened upstream; a new rotation may be asked for',
};

const COLUMNS: Column<RotationJson>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'TOKEN', value: (r) => r.tokenId },
  { header: 'RECIPIENT', value: (r) => r.recipientUserId },
  { header: 'STATE', value: (r) => r.state },
  { header: 'MEANING', value: (r) => STATE_WORDS[r.state] ?? '' },
  { header: 'UPSTREAM ANSWER', value: (r) => (r.outcome ? `${r.upstreamStatus === null ? '' : `${r.upstreamStatus}: `}${r.outcome}` : '') },
  { header: 'NEW TOKEN DAYS', value: (r) => r.expiresInDays },
  { header: 'ASKED', value: (r) => shortTime(r.createdAt) },
  { header: 'LINK EXPIRES', value: (r) => shortTime(r.linkExpiresAt) },
  { header: 'FINISHED', value: (r) => shortTime(r.finishedAt, '') },
];

/** `connectors rotate <connectorId> <tokenId>`: asks for a rotation and prints the link for its recipient. */
export async function runConnectorsRotate(connectorId: string, tokenId: string, options: Options & { expiresInDays?: number; recipient?: string }): Promise<void> {
  const { client, orgId } = await connect(options);
  const body = {
    ...(options.expiresInDays === undefined ? {} : { expiresInDays: options.expiresInDays }),
    ...(options.recipient === undefined ? {} : { recipientUserId: options.recipient }),
  };
  const { rotation, link, url } = dataOf(
    await client.POST('/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/tokens/{tokenId}/rotate', { params: { path: { orgId, connectorId, tokenId } }, body }),
  );
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ rotation, link, url }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `Rotation ${rotation.id} of token ${rotation.tokenId} asked (a new token of ${rotation.expiresInDays} days).\n` +
      `Nothing changes upstream until ${rotation.recipientUserId} opens this one-time link, signed in to Tokenward, before ${shortTime(rotation.linkExpiresAt)}.\n` +
      `Send them this address (it opens the link in the console):\n${url}\n`,
  );
}

/** `connectors rotation <connectorId> <rotationId>`: where a rotation stands and what the upstream answered. */
export async function runConnectorsRotation(connectorId: string, rotationId: string, options: Options): Promise<void> {
  const { client, orgId } = await connect(options);
  const rotation = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/rotations/{rotationId}', { params: { path: { orgId, connectorId, rotationId } } }));
  printRecord(rotation, COLUMNS, options);
}

/** `connectors resolve-rotation <connectorId> <rotationId>`: reads the token upstream to settle an unknown outcome. */
export async function runConnectorsResolveRotation(connectorId: string, rotationId: string, options: Options): Promise<void> {
  const { client, orgId } = await connect(options);
  const rotation = dataOf(
    await client.POST('/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/rotations/{rotationId}/resolve', { params: { path: { orgId, connectorId, rotationId } } }),
  );
  if (options.json) process.stdout.write(`${JSON.stringify(rotation, null, 2)}\n`);
  else process.stdout.write(`Rotation ${rotation.id}: ${STATE_WORDS[rotation.state] ?? rotation.state}.${rotation.outcome ? ` ${rotation.outcome}` : ''}\n`);
  if (rotation.state !== 'resolved_rotated' && rotation.state !== 'resolved_not_rotated') process.exitCode = EXIT.failed;
}
