import { DAY_MS } from '../domain/time.js';
import { generateToken } from '../domain/token-format.js';
import { configOrExit } from './output.js';

export async function runAdminKeyCreate(options: { org: string; scopes?: string; label: string; expiresInDays: number }): Promise<void> {
  const config = configOrExit();
  // Loaded here, not at the top: `admin-key generate` needs none of the server.
  const [{ createCore }, { ALL_ADMIN_SCOPES }] = await Promise.all([import('../app.js'), import('../service/token-service.js')]);
  const core = await createCore({ config });
  try {
    const org = await core.services.organizations.resolve(options.org);
    const scopes = options.scopes ? options.scopes.split(',').map((s) => s.trim()).filter(Boolean) : ALL_ADMIN_SCOPES;
    const issued = await core.services.tokens.issueAdminKey({
      orgId: org.id,
      label: options.label,
      scopes,
      expiresAt: new Date(core.clock().getTime() + options.expiresInDays * DAY_MS),
      createdBy: null,
      audit: { actorType: 'system', actorId: 'cli', ip: null },
    });
    process.stdout.write(
      [
        `Created admin API key ${issued.token.id} for organization "${org.name}" (${org.id}).`,
        `Scopes: ${issued.token.scopes.join(', ')}`,
        `Expires: ${issued.token.expiresAt?.toISOString() ?? 'never'}`,
        'The key, shown only this once:',
        `  ${issued.secret}`,
        '',
      ].join('\n'),
    );
  } finally {
    await core.close();
  }
}

export function runAdminKeyGenerate(): void {
  process.stdout.write(`${generateToken('admin_key').secret}\n`);
}
