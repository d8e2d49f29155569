/** GitHub secret-scanning partner programme: the feedback list we answer with (docs/leaked-tokens.md). */
import { Type, type Static } from 'typebox';

export const FeedbackItem = Type.Object({
  token_hash: Type.String({ description: 'SHA-256 of the reported string, hex.' }),
  token_type: Type.String({ description: 'The `type` GitHub sent.' }),
  label: Type.Union([Type.Literal('true_positive'), Type.Literal('false_positive')]),
});

export const FeedbackList = Type.Array(FeedbackItem, { description: 'One item per reported match, in the order received.' });
export type FeedbackList = Static<typeof FeedbackList>;
