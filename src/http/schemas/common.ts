import { Type, type Static, type TSchema } from 'typebox';

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

/**
 * `schema` or null, as `type: [type, "null"]` rather than a union: the response serializer writes
 * it with a type check, where a union costs a schema validation of the value on every answer. The
 * OpenAPI document shows both forms alike (`nullable: true`).
 */
export function orNull<T extends TSchema & { type: string }>(schema: T) {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
}
