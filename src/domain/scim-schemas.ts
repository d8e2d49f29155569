/**
 * SCIM 2.0 schema URNs and the discovery documents (RFC 7643 §5-7, RFC 7644 §4) Tokenward serves
 * at `/scim/v2/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas` (docs/scim.md).
 * Pure: the base URL is passed in.
 */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** Largest `count` of one list page; larger requests get this many (RFC 7644 §3.4.2.4 allows it). */
export const MAX_RESULTS = 1000;
export const DEFAULT_COUNT = 100;

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SPC_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A SCIM token (twp_...) created by an org admin: Authorization: Bearer <token>.',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person of the organization',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group of users',
      schema: GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

interface AttributeOptions {
  type?: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime';
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned?: 'always' | 'never' | 'default';
  uniqueness?: 'none' | 'server' | 'global';
  subAttributes?: ReturnType<typeof attribute>[];
  referenceTypes?: string[];
}

function attribute(name: string, description: string, options: AttributeOptions = {}): Record<string, unknown> {
  const { subAttributes, referenceTypes, ...rest } = options;
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...rest,
    ...(subAttributes ? { subAttributes } : {}),
    ...(referenceTypes ? { referenceTypes } : {}),
  };
}

const multiValuedString = (name: string, description: string) =>
  attribute(name, description, {
    type: 'complex',
    multiValued: true,
    subAttributes: [attribute('value', 'The value'), attribute('type', 'A label: work, home, other'), attribute('primary', 'The preferred one', { type: 'boolean' })],
  });

function userSchema(baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: USER_SCHEMA,
    name: 'User',
    description: 'User Account',
    attributes: [
      attribute('userName', 'Unique identifier of the user, matched without regard to case.', { required: true, uniqueness: 'server' }),
      attribute('name', "The user's name", {
        type: 'complex',
        subAttributes: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map((n) => attribute(n, n)),
      }),
      attribute('displayName', 'The name shown in Tokenward'),
      attribute('nickName', 'Casual name'),
      attribute('title', 'Job title'),
      attribute('userType', 'Relationship to the organization'),
      attribute('preferredLanguage', 'Preferred language'),
      attribute('locale', 'Locale'),
      attribute('timezone', 'Time zone'),
      attribute('active', 'False deactivates the user in Tokenward and suspends their tokens.', { type: 'boolean' }),
      attribute('password', 'Accepted and ignored: Tokenward never stores it', { mutability: 'writeOnly', returned: 'never' }),
      multiValuedString('emails', 'E-mail addresses; the primary one (else work, else first) is the Tokenward e-mail'),
      multiValuedString('phoneNumbers', 'Phone numbers'),
      attribute('groups', 'Groups of the user (read-only: change membership through /Groups)', {
        type: 'complex',
        multiValued: true,
        mutability: 'readOnly',
        subAttributes: [attribute('value', 'Group id', { mutability: 'readOnly' }), attribute('display', 'Group name', { mutability: 'readOnly' })],
      }),
    ],
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${USER_SCHEMA}` },
  };
}

function groupSchema(baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: GROUP_SCHEMA,
    name: 'Group',
    description: 'Group',
    attributes: [
      attribute('displayName', 'Unique name of the group in the organization', { required: true, uniqueness: 'server' }),
      attribute('members', 'Members of the group', {
        type: 'complex',
        multiValued: true,
        subAttributes: [
          attribute('value', 'Id of a member user', { mutability: 'immutable' }),
          attribute('display', 'Name of the member', { mutability: 'readOnly' }),
          attribute('$ref', 'URI of the member', { type: 'reference', mutability: 'immutable', referenceTypes: ['User'] }),
        ],
      }),
    ],
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${GROUP_SCHEMA}` },
  };
}

function enterpriseUserSchema(baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: ENTERPRISE_USER_SCHEMA,
    name: 'EnterpriseUser',
    description: 'Enterprise User (stored as sent, not used by Tokenward)',
    attributes: [
      ...['employeeNumber', 'costCenter', 'organization', 'division', 'department'].map((n) => attribute(n, n)),
      attribute('manager', "The user's manager", { type: 'complex', subAttributes: [attribute('value', 'Manager id'), attribute('displayName', 'Manager name', { mutability: 'readOnly' })] }),
    ],
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${ENTERPRISE_USER_SCHEMA}` },
  };
}

export function schemaDocuments(baseUrl: string) {
  return [userSchema(baseUrl), groupSchema(baseUrl), enterpriseUserSchema(baseUrl)];
}
