/**
 * Reading a policy file (YAML or JSON) for `policies plan|apply`: refused with the line and the
 * reason when it is not YAML or breaks the file's JSON Schema (the one the server publishes).
 */
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { CliError, EXIT } from './remote.js';

export interface ParsedPolicyFile {
  data: { version: 1; policies: Array<{ name: string } & Record<string, unknown>> };
  /** The line of the entry whose name is given (for errors the server words per policy). */
  lineOfPolicy(name: string): number | null;
}

function lineAt(lineCounter: LineCounter, offset: number): number {
  return lineCounter.linePos(offset).line;
}

function nodeAt(document: Document, path: string): Node | null {
  const keys = path.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (keys.length === 0) return (document.contents as Node | null) ?? null;
  return (document.getIn(keys, true) as Node | undefined) ?? null;
}

/** What a schema error says, in words an admin reads. */
function reasonOf(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.') : 'the file';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown field "${String(error.params.additionalProperty)}"`;
    case 'required':
      return `${where}: missing field "${String(error.params.missingProperty)}"`;
    case 'const':
      return `${where}: must be ${JSON.stringify(error.params.allowedValue)}`;
    case 'anyOf':
    case 'enum':
      return `${where}: not one of the allowed values`;
    default:
      return `${where}: ${error.message ?? 'invalid'}`;
  }
}

/** The error to show first: unions report every branch, the most specific (longest path) one helps most. */
function firstError(errors: readonly ErrorObject[]): ErrorObject {
  const specific = errors.filter((e) => e.keyword !== 'anyOf');
  const pool = specific.length > 0 ? specific : errors;
  return [...pool].sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
}

export function parsePolicyFile(fileName: string, text: string, schema: Record<string, unknown>): ParsedPolicyFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0]?.line ?? lineAt(lineCounter, syntax.pos[0]);
    throw new CliError(`${fileName}:${line}: not valid YAML: ${syntax.message.split('\n')[0]}`, EXIT.usage);
  }
  const data = document.toJS() as unknown;
  const { $schema: _ignored, ...bare } = schema;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(bare);
  if (!validate(data)) {
    const error = firstError(validate.errors ?? []);
    let node = nodeAt(document, error.instancePath);
    if (error.keyword === 'additionalProperties' && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === error.params.additionalProperty);
      if (pair && isScalar(pair.key)) node = pair.key;
    }
    const line = node?.range ? lineAt(lineCounter, node.range[0]) : 1;
    throw new CliError(`${fileName}:${line}: ${reasonOf(error)}.`, EXIT.usage);
  }
  const parsed = data as ParsedPolicyFile['data'];
  return {
    data: parsed,
    lineOfPolicy(name) {
      const index = parsed.policies.findIndex((p) => p.name === name);
      const node = index < 0 ? null : nodeAt(document, `/policies/${index}/name`);
      return node?.range ? lineAt(lineCounter, node.range[0]) : null;
    },
  };
}
