/**
 * Fastify's response serializers (fast-json-stringify), each compiled under one and the same root
 * schema id.
 *
 * Why: left to itself, fast-json-stringify names every schema it compiles without an id
 * `__fjs_root_<counter>` and stores it as the first key of a fresh `{}`. V8 keeps every first key
 * added to an empty object literal as a transition of that literal's shape, up to 1,536, until a
 * full garbage collection drops the shapes no object uses any more. Our routes' six hundred answer
 * schemas filled what the libraries' start-up had left, and past the limit every object that
 * starts with a key not seen yet gets a shape of its own: Node's parsed request and response
 * headers and the gateway's header copies then took the slow path on every request, for as long as
 * no full collection ran (a whole benchmark run here; the in-`serve` gateway spent ten times the
 * standalone gateway's time per request in them). One id for every compilation adds one transition
 * instead of one per answer.
 *
 * The id is the root's only: each compilation has its own resolver, so compilations cannot see
 * each other's schemas, and a schema that carries its own `$id` keeps it.
 */
import { SerializerSelector, type RouteDefinition, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';

const ANSWER_ROOT_ID = 'tokenward-answer';

export const answerSerializerFactory: SerializerFactory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route: RouteDefinition) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    if (!schema || typeof schema !== 'object' || schema.$id !== undefined) return compile(route);
    return compile({ ...route, schema: { ...schema, $id: ANSWER_ROOT_ID } });
  };
};
