/** The rate limits this server enforces (the console's settings page; docs/console.md). Read-only. */
import { Type } from 'typebox';

export const RateLimitsJson = Type.Object({
  api: Type.Object({
    max: Type.Integer({ description: 'Requests per caller (admin key, session or IP) per window.' }),
    windowSeconds: Type.Integer(),
    isShared: Type.Boolean({ description: 'Counters live in Redis, shared by every node; else each process counts alone.' }),
    exemptPaths: Type.Array(Type.String(), { description: 'Never limited: probes, metrics and the verification endpoints.' }),
  }),
  signIn: Type.Object({
    perEmail: Type.Integer({ description: 'Sign-in attempts per e-mail address per window.' }),
    perIp: Type.Integer({ description: 'Sign-in attempts per client address per window.' }),
    windowSeconds: Type.Integer(),
  }),
});
