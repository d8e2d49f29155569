import { Type, type Static } from 'typebox';

export const ErrorResponse = Type.Object(
  {
    errors: Type.Array(
      Type.Object({
        id: Type.Optional(Type.String()),
        status: Type.String(),
        code: Type.String(),
        title: Type.String(),
        detail: Type.String(),
      }),
    ),
  },
  { $id: 'ErrorResponse', description: 'Atlassian-style error body.' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

export const ErrorRef = Type.Unsafe<ErrorResponse>(Type.Ref('ErrorResponse'));

/** The error responses every authenticated admin route can give. */
export const ADMIN_ERROR_RESPONSES = {
  400: ErrorRef,
  401: ErrorRef,
  403: ErrorRef,
  404: ErrorRef,
  429: ErrorRef,
  500: ErrorRef,
};
