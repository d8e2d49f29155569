/**
 * The admin API as the server documents it, for the CLI's client. Generated: do not edit;
 * run `npm run generate:api-types` after changing a route.
 */
export interface paths {
    "/admin/api-access/v1/orgs/{orgId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the admin API keys of the organization
         * @description Revoked keys never appear. `systemAccountId` is the key id. `createdBy` names the person who made the key, or the admin key that did (its label, no e-mail); it is null for keys made on the command line.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A links.next/prev/self value (or a URL holding cursor=). */
                    cursor?: string;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    expiresAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    expiresAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    expiresAtRangeTo?: string;
                    /** @description Enables the expiresAt filter: gt (more than Value Uom away), lt (less than), range. */
                    expiresAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    expiresAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    expiresAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    expiresAtValue?: number;
                    /** @description scoped (holds a scope list) or unscoped (reaches every admin scope). */
                    keyType?: string;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    lastActiveAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    lastActiveAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    lastActiveAtRangeTo?: string;
                    /** @description Enables the lastActiveAt filter: gt (more than Value Uom away), lt (less than), range. */
                    lastActiveAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    lastActiveAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    lastActiveAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    lastActiveAtValue?: number;
                    /** @description Default 100; values above 1000 are clamped to 1000. */
                    pageSize?: number;
                    /** @description Case-insensitive substring of the key label. */
                    q?: string;
                    /** @description [+|-]createdAt, lastActiveAt, expiresAt or label; default -createdAt. */
                    sort?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                createdAt: string;
                                createdBy: {
                                    email: string;
                                    id: string;
                                    name: string;
                                } | null;
                                expiresAt: string | null;
                                id: string;
                                label: string;
                                lastActiveAt: string | null;
                                orgId: string;
                                resource: string;
                                scopes: string[];
                                systemAccountId: string;
                                targetResources: string[];
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an org admin API key (the key is in the response, once)
         * @description Fields as query parameters (Atlassian) or a JSON body. `expiresAt` defaults to one week from now and may be at most one year ahead; `scopes` defaults to every admin scope.
         */
        post: {
            parameters: {
                query?: {
                    expiresAt?: string;
                    label?: string;
                    resource?: string;
                    scopes?: string[];
                    targetResources?: string[];
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt?: string;
                        label?: string;
                        resource?: string;
                        scopes?: string[];
                        targetResources?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: {
                                email: string;
                                id: string;
                                name: string;
                            } | null;
                            expiresAt: string | null;
                            id: string;
                            label: string;
                            resource: string;
                            scopes: string[];
                            /** @description The key itself: shown in this response only. */
                            token: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/api-keys/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Count the admin API keys matching the filters */
        get: {
            parameters: {
                query?: {
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    expiresAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    expiresAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    expiresAtRangeTo?: string;
                    /** @description Enables the expiresAt filter: gt (more than Value Uom away), lt (less than), range. */
                    expiresAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    expiresAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    expiresAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    expiresAtValue?: number;
                    /** @description scoped (holds a scope list) or unscoped (reaches every admin scope). */
                    keyType?: string;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    lastActiveAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    lastActiveAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    lastActiveAtRangeTo?: string;
                    /** @description Enables the lastActiveAt filter: gt (more than Value Uom away), lt (less than), range. */
                    lastActiveAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    lastActiveAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    lastActiveAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    lastActiveAtValue?: number;
                    /** @description Case-insensitive substring of the key label. */
                    q?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A bare JSON integer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": number;
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/api-keys/revoke/{apiKeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Revoke an admin API key
         * @description No body needed (one is ignored). An unknown or already revoked key is 404 TOKEN_NOT_FOUND.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    apiKeyId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the user API tokens of the organization
         * @description Revoked tokens never appear. ALLOWED = active and unexpired with an active owner; BLOCKED = suspended, expired or owner deactivated.
         */
        get: {
            parameters: {
                query?: {
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    createdAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    createdAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    createdAtRangeTo?: string;
                    /** @description Enables the createdAt filter: gt (more than Value Uom away), lt (less than), range. */
                    createdAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    createdAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    createdAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    createdAtValue?: number;
                    /** @description A links.next/prev/self value (or a URL holding cursor=). */
                    cursor?: string;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    lastActiveAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    lastActiveAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    lastActiveAtRangeTo?: string;
                    /** @description Enables the lastActiveAt filter: gt (more than Value Uom away), lt (less than), range. */
                    lastActiveAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    lastActiveAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    lastActiveAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    lastActiveAtValue?: number;
                    /** @description Default 100; values above 1000 are clamped to 1000. */
                    pageSize?: number;
                    /** @description Case-insensitive substring of the token label, owner name or owner e-mail. */
                    q?: string;
                    /** @description [+|-]createdAt, lastActiveAt, expiresAt or label; default -createdAt. */
                    sort?: string;
                    /** @description allowed or blocked (any case). */
                    status?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                createdAt: string;
                                expiresAt: string | null;
                                id: string;
                                label: string;
                                lastActiveAt: string | null;
                                scopes: string[];
                                status: "ALLOWED" | "BLOCKED";
                                user: {
                                    email: string;
                                    id: string;
                                    name: string;
                                    orgId: string;
                                };
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Revoke every managed user's API token in the organization
         * @description Revokes in batches; restartable. Any request body is ignored.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/api-tokens/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Count the user API tokens matching the filters */
        get: {
            parameters: {
                query?: {
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    createdAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    createdAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    createdAtRangeTo?: string;
                    /** @description Enables the createdAt filter: gt (more than Value Uom away), lt (less than), range. */
                    createdAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    createdAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    createdAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    createdAtValue?: number;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    lastActiveAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    lastActiveAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    lastActiveAtRangeTo?: string;
                    /** @description Enables the lastActiveAt filter: gt (more than Value Uom away), lt (less than), range. */
                    lastActiveAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    lastActiveAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    lastActiveAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    lastActiveAtValue?: number;
                    /** @description Case-insensitive substring of the token label, owner name or owner e-mail. */
                    q?: string;
                    /** @description allowed or blocked (any case). */
                    status?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A bare JSON integer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": number;
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/oauth-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List OAuth clients: always empty here */
        get: {
            parameters: {
                query?: {
                    clientName?: string;
                    cursor?: string;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                clientId: string;
                                createdAt: number;
                                name: string;
                                status: string;
                                updatedAt: number;
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string | null;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Create an OAuth client: refused, admin web session only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/oauth-clients/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an OAuth client: always 404 here */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    clientId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an OAuth client: always 404 here */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    clientId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/oauth-clients/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Count OAuth clients: always 0 here */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": number;
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/service-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List service accounts, keyset-paged */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                atlassianId: string;
                                container: string;
                                createdById: string | null;
                                description: string | null;
                                displayName: string;
                                email: string;
                                id: string;
                                picture: string | null;
                                status: "ACTIVE" | "INACTIVE";
                                /** @description Epoch milliseconds. */
                                updatedAt: number;
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                            };
                            total: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a service account
         * @description The e-mail is generated: `<slug of displayName>-<12 hex>@serviceaccount.tokenward.local`. `permissionRules` and `groupIds` are recorded in the audit log, not applied.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        displayName: string;
                        groupIds?: string[];
                        permissionRules?: unknown[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            atlassianId: string;
                            container: string;
                            createdById: string | null;
                            description: string | null;
                            displayName: string;
                            email: string;
                            id: string;
                            picture: string | null;
                            status: "ACTIVE" | "INACTIVE";
                            /** @description Epoch milliseconds. */
                            updatedAt: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        /** Update a service account; its id is in the body */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description null clears it. */
                        description?: string | null;
                        displayName?: string;
                        id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            atlassianId: string;
                            container: string;
                            createdById: string | null;
                            description: string | null;
                            displayName: string;
                            email: string;
                            id: string;
                            picture: string | null;
                            status: "ACTIVE" | "INACTIVE";
                            /** @description Epoch milliseconds. */
                            updatedAt: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/service-accounts/{serviceAccountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a service account, revoking all its tokens */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    serviceAccountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/service-accounts/{serviceAccountId}/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens of one service account */
        get: {
            parameters: {
                query?: {
                    /** @description Case-insensitive substring of the token label. */
                    tokenLabel?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                    serviceAccountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            label: string;
                            lastActiveAt: string | null;
                            scopes: string[];
                            status: "ALLOWED" | "BLOCKED";
                            user: {
                                email: string;
                                id: string;
                                name: string;
                                orgId: string;
                            };
                        }[];
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Revoke every API token of a service account */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    serviceAccountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/service-accounts/{serviceAccountId}/oauth-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OAuth clients of one service account: empty here, 404 for an unknown account */
        get: {
            parameters: {
                query?: {
                    clientName?: string;
                    cursor?: string;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    orgId: string;
                    serviceAccountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                clientId: string;
                                createdAt: number;
                                name: string;
                                status: string;
                                updatedAt: number;
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string | null;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/service-accounts/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens of every service account */
        get: {
            parameters: {
                query?: {
                    /** @description Case-insensitive substring of the token label. */
                    tokenLabel?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            label: string;
                            lastActiveAt: string | null;
                            scopes: string[];
                            status: "ALLOWED" | "BLOCKED";
                            user: {
                                email: string;
                                id: string;
                                name: string;
                                orgId: string;
                            };
                        }[];
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/service-accounts/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Count unrevoked API tokens per service account, at most 100 ids */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": string[] | {
                        serviceAccountIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invalidServiceAccountIds: string[];
                            validServiceAccountIds: {
                                credentialsCount: number;
                                serviceAccountId: string;
                            }[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-access/v1/orgs/{orgId}/service-accounts/oauth-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OAuth clients of every service account: always empty here */
        get: {
            parameters: {
                query?: {
                    clientName?: string;
                    cursor?: string;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                clientId: string;
                                createdAt: number;
                                name: string;
                                status: string;
                                updatedAt: number;
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string | null;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query the audit log
         * @description Newest first, keyset-paged: pass `links.next` (older) or `links.prev` (newer) back as `cursor` with the same filters. `names` names every person, service account, token, key, group, policy and request the page mentions, by id.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An exact action (`token.revoked`), or a family with `.*` (`token.*`). */
                    action?: string;
                    actorId?: string;
                    actorType?: "user" | "admin_key" | "scim_token" | "system";
                    /** @description A `links.next` or `links.prev` value of the previous page. */
                    cursor?: string;
                    /** @description Entries at or after this time (ISO-8601). */
                    from?: string;
                    /** @description Default 100; values above 1000 are treated as 1000. */
                    pageSize?: number;
                    targetId?: string;
                    targetType?: string;
                    /** @description Entries before this time (ISO-8601). */
                    to?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                action: string;
                                actorId: string | null;
                                actorType: string;
                                /** Format: date-time */
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                /** @description The entry's link in the org's hash chain. */
                                hash: string | null;
                                id: string;
                                ip: string | null;
                                /** @description Insertion order, across the instance. */
                                seq: number;
                                targetId: string | null;
                                targetType: string | null;
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                            /** @description Every id the page mentions (actors, targets, ids in details) that still names something, by name. */
                            names: {
                                [key: string]: {
                                    /** @description A person's or service account's e-mail; a webhook's description. */
                                    detail?: string;
                                    /** @description Deleted since (a service account). */
                                    isGone?: boolean;
                                    /** @description person, service_account, admin_key, token, group, policy, token_request, webhook, scim_token, job_run or session. */
                                    kind: string;
                                    name: string;
                                    owner?: {
                                        id: string;
                                        kind: string;
                                        name: string;
                                    };
                                };
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/audit-log/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the audit log as JSON Lines or CSV
         * @description Every entry matching the filters, oldest first, streamed (`Content-Disposition: attachment`). `format` is `jsonl` (default) or `csv`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An exact action (`token.revoked`), or a family with `.*` (`token.*`). */
                    action?: string;
                    actorId?: string;
                    actorType?: "user" | "admin_key" | "scim_token" | "system";
                    /** @description Default jsonl. */
                    format?: "jsonl" | "csv";
                    /** @description Entries at or after this time (ISO-8601). */
                    from?: string;
                    targetId?: string;
                    targetType?: string;
                    /** @description Entries before this time (ISO-8601). */
                    to?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/x-ndjson (one entry per line) or text/csv */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/audit-log/purge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Purge entries past retention now
         * @description What the scheduled retention job does, for this org, now. The chain stays verifiable from its recorded anchor.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description Entries older than this were due; null when the org keeps entries forever.
                             */
                            before: string | null;
                            purged: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/audit-log/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The org's audit retention */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Entries older than this many days are purged by the retention job; null keeps them forever (the default). */
                            retentionDays: number | null;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /**
         * Set the org's audit retention
         * @description `retentionDays`: 30 to 36500, or null to keep entries forever (the default). The retention job purges older entries.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Entries older than this many days are purged by the retention job; null keeps them forever (the default). */
                        retentionDays: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Entries older than this many days are purged by the retention job; null keeps them forever (the default). */
                            retentionDays: number | null;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/automation/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Automation settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvalReminderHours: number;
                            expiryWarningDays: number[];
                            idleRevokeAfterDays: number | null;
                            idleWarningDays: number;
                            outboxRetentionDays: number;
                            staleAfterDays: number;
                            usageRetentionDays: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change automation settings */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        approvalReminderHours?: number;
                        expiryWarningDays?: number[];
                        idleRevokeAfterDays?: number | null;
                        idleWarningDays?: number;
                        outboxRetentionDays?: number;
                        staleAfterDays?: number;
                        usageRetentionDays?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvalReminderHours: number;
                            expiryWarningDays: number[];
                            idleRevokeAfterDays: number | null;
                            idleWarningDays: number;
                            outboxRetentionDays: number;
                            staleAfterDays: number;
                            usageRetentionDays: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the connectors, each with its last sync */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                baseUrl: string;
                                createdAt: string;
                                id: string;
                                lastSync: {
                                    counts: {
                                        discovered: number;
                                        gone: number;
                                        pages: number;
                                        seen: number;
                                        updated: number;
                                    };
                                    createdAt: string;
                                    error: string | null;
                                    finishedAt: string | null;
                                    id: string;
                                    phase: string;
                                    startedAt: string | null;
                                    state: "queued" | "running" | "succeeded" | "failed";
                                    trigger: string;
                                } | null;
                                name: string;
                                nextSyncAt: string | null;
                                scheduleMinutes: number;
                                type: string;
                                unmatchedPolicyId: string | null;
                                updatedAt: string;
                                upstreamOrgId: string;
                            }[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a connector
         * @description The credential is stored encrypted and never returned; the first sync runs at the schedule or with "sync now".
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description e.g. https://api.atlassian.com */
                        baseUrl: string;
                        /** @description For Atlassian: an organization admin API key. Stored encrypted, never returned. */
                        credential: string;
                        name: string;
                        /** @description Minutes between scheduled syncs; default 60. */
                        scheduleMinutes?: number;
                        /** @description The connected system: atlassian. */
                        type: string;
                        /** @description The policy for tokens whose owner matches no directory user. */
                        unmatchedPolicyId?: string | null;
                        /** @description The organization id in the connected system. */
                        upstreamOrgId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseUrl: string;
                            createdAt: string;
                            id: string;
                            lastSync: {
                                counts: {
                                    discovered: number;
                                    gone: number;
                                    pages: number;
                                    seen: number;
                                    updated: number;
                                };
                                createdAt: string;
                                error: string | null;
                                finishedAt: string | null;
                                id: string;
                                phase: string;
                                startedAt: string | null;
                                state: "queued" | "running" | "succeeded" | "failed";
                                trigger: string;
                            } | null;
                            name: string;
                            nextSyncAt: string | null;
                            scheduleMinutes: number;
                            type: string;
                            unmatchedPolicyId: string | null;
                            updatedAt: string;
                            upstreamOrgId: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One connector and its last sync (state, counts, error, finished time) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseUrl: string;
                            createdAt: string;
                            id: string;
                            lastSync: {
                                counts: {
                                    discovered: number;
                                    gone: number;
                                    pages: number;
                                    seen: number;
                                    updated: number;
                                };
                                createdAt: string;
                                error: string | null;
                                finishedAt: string | null;
                                id: string;
                                phase: string;
                                startedAt: string | null;
                                state: "queued" | "running" | "succeeded" | "failed";
                                trigger: string;
                            } | null;
                            name: string;
                            nextSyncAt: string | null;
                            scheduleMinutes: number;
                            type: string;
                            unmatchedPolicyId: string | null;
                            updatedAt: string;
                            upstreamOrgId: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a connector and the tokens read through it (nothing is changed upstream) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a connector (a new credential replaces the old one) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description e.g. https://api.atlassian.com */
                        baseUrl?: string;
                        /** @description For Atlassian: an organization admin API key. Stored encrypted, never returned. */
                        credential?: string;
                        name?: string;
                        /** @description Minutes between scheduled syncs; default 60. */
                        scheduleMinutes?: number;
                        /** @description The policy for tokens whose owner matches no directory user. */
                        unmatchedPolicyId?: string | null;
                        /** @description The organization id in the connected system. */
                        upstreamOrgId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseUrl: string;
                            createdAt: string;
                            id: string;
                            lastSync: {
                                counts: {
                                    discovered: number;
                                    gone: number;
                                    pages: number;
                                    seen: number;
                                    updated: number;
                                };
                                createdAt: string;
                                error: string | null;
                                finishedAt: string | null;
                                id: string;
                                phase: string;
                                startedAt: string | null;
                                state: "queued" | "running" | "succeeded" | "failed";
                                trigger: string;
                            } | null;
                            name: string;
                            nextSyncAt: string | null;
                            scheduleMinutes: number;
                            type: string;
                            unmatchedPolicyId: string | null;
                            updatedAt: string;
                            upstreamOrgId: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke upstream: the listed tokens, or all of one owner's
         * @description Each result says what the upstream answered; a refused one is counted in `failed` and left unchanged.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The upstream id of a person or service account: revoke all of their tokens. */
                        owner?: string;
                        /** @description Tokens of this connector to revoke upstream. */
                        tokenIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failed: number;
                            results: {
                                answer: string;
                                revoked: boolean;
                                tokenId: string;
                                upstreamStatus: number | null;
                            }[];
                            revoked: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/revoke-idle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Idle-token cleanup: revoke upstream the tokens unused for idleDays (dryRun first)
         * @description At most 1,000 tokens per call, oldest first. Service-account tokens are listed with action `flag`: Atlassian cannot revoke one alone (revoke all of the account's tokens with /revoke and `owner`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description true: list what would be revoked, change nothing. */
                        dryRun?: boolean;
                        /** @description Not used for this many days (a never-used token counts from its creation). */
                        idleDays: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dryRun: boolean;
                            failed: number;
                            plan: {
                                action: "revoke" | "flag";
                                externalId: string;
                                kind: string;
                                label: string;
                                lastActiveAt: string | null;
                                ownerEmail: string | null;
                                tokenId: string;
                            }[];
                            results: {
                                answer: string;
                                revoked: boolean;
                                tokenId: string;
                                upstreamStatus: number | null;
                            }[];
                            revoked: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync now
         * @description Starts a sync (or returns the one under way); GET the connector to follow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                discovered: number;
                                gone: number;
                                pages: number;
                                seen: number;
                                updated: number;
                            };
                            createdAt: string;
                            error: string | null;
                            finishedAt: string | null;
                            id: string;
                            phase: string;
                            startedAt: string | null;
                            state: "queued" | "running" | "succeeded" | "failed";
                            trigger: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test the connection: what the credential can and cannot do, in words */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                capability: string;
                                detail: string;
                                ok: boolean;
                            }[];
                            ok: boolean;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke one token upstream
         * @description Answers 502 UPSTREAM_FAILED with the upstream's words when it refused; the token is then unchanged.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failed: number;
                            results: {
                                answer: string;
                                revoked: boolean;
                                tokenId: string;
                                upstreamStatus: number | null;
                            }[];
                            revoked: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/violations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tokens of the connector that break their policy, with the reasons
         * @description Each token is held against its owner's effective policy, or the connector's policy for owners not in the directory. Lifetime over the policy's maximum is flagged: Atlassian cannot shorten a token. The first 500 violating tokens are listed; the counts cover all.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byKind: {
                                idle: number;
                                lifetime: number;
                                scopes: number;
                            };
                            data: {
                                kind: string;
                                label: string;
                                ownerEmail: string | null;
                                policyId: string;
                                policyName: string;
                                tokenId: string;
                                violations: {
                                    kind: "lifetime" | "scopes" | "idle";
                                    reason: string;
                                }[];
                            }[];
                            /** @description Live tokens with a governing policy. */
                            judged: number;
                            /** @description Tokens breaking their policy. */
                            total: number;
                            /** @description Live tokens whose owner is not in the directory, when the connector names no policy for them. */
                            unjudged: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the organization's events
         * @description Oldest first, keyset-paged (pass `links.next` back as `cursor` with the same filters); `from`/`to` narrow the window. Each event carries the payload its webhooks receive and its deliveries counted by status.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A `links.next` or `links.prev` value of the previous page. */
                    cursor?: string;
                    /** @description Events at or after this time (ISO-8601). */
                    from?: string;
                    /** @description Default 100; values above 1000 are treated as 1000. */
                    pageSize?: number;
                    /** @description Events before this time (ISO-8601). */
                    to?: string;
                    type?: "token.created" | "token.revoked" | "token.rotated" | "token.clamped" | "token.expiring" | "token.expired" | "token.idle_warning" | "token.idle_revoked" | "token.leaked" | "scim_token.leaked" | "admin_key.created" | "admin_key.revoked" | "user.deactivated" | "user.reactivated" | "service_account.deleted" | "approval.requested" | "approval.decided" | "approval.reminder" | "policy.changed" | "digest.weekly" | "connector.sync_completed" | "connector.sync_failed" | "token.discovered";
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description The payload, as webhooks receive it. */
                                data: unknown;
                                /** @description Its webhook and e-mail deliveries by status; all 0 before the worker fans it out, or when nobody subscribes. */
                                deliveries: {
                                    dead: number;
                                    delivering: number;
                                    pending: number;
                                    succeeded: number;
                                };
                                /** Format: date-time */
                                dispatchedAt: string | null;
                                /** @description Also the `webhook-id` of its webhook deliveries. */
                                id: string;
                                /** Format: date-time */
                                occurredAt: string;
                                /** @description One of the catalogue of event types in the documentation (Events). */
                                type: string;
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List groups with their member counts */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                memberCount: number;
                                name: string;
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a group
         * @description A name already used in the org is 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            memberCount: number;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/groups/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a group with its member ids */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            memberCount: number;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a group (its memberships go with it) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a group */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            memberCount: number;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/groups/{groupId}/approvers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A group's approvers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                approverIds: string[];
                                groupId: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /**
         * Set a group's approvers
         * @description The people (any role) who decide the token requests of the group's members. A request from someone in no group with approvers goes to the org's approvers.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        userIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                approverIds: string[];
                                groupId: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/groups/{groupId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the members of a group
         * @description Ids that are not users of the org refuse the whole request with 400, naming them.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        userIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            memberCount: number;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /**
         * Add members to a group
         * @description Users already members are left as they are. Ids that are not users of the org refuse the whole request with 400, naming them.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        userIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            memberCount: number;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /**
         * Remove members from a group
         * @description Users not members are ignored. Ids that are not users of the org refuse the whole request with 400, naming them.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        userIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            memberCount: number;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/job-runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a job run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: ({
                                type: string;
                            } & {
                                [key: string]: unknown;
                            })[] | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            doneCount: number;
                            /** Format: date-time */
                            finishedAt: string | null;
                            id: string;
                            job: string;
                            lastError: string | null;
                            /** Format: date-time */
                            plannedAt: string | null;
                            /** Format: date-time */
                            scheduledAt: string;
                            /** Format: date-time */
                            startedAt: string | null;
                            status: "pending" | "running" | "succeeded" | "failed";
                            trigger: "schedule" | "manual";
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List jobs with their schedule and last run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                available: boolean;
                                description: string;
                                lastRun: {
                                    actions: ({
                                        type: string;
                                    } & {
                                        [key: string]: unknown;
                                    })[] | null;
                                    attempts: number;
                                    /** Format: date-time */
                                    createdAt: string;
                                    doneCount: number;
                                    /** Format: date-time */
                                    finishedAt: string | null;
                                    id: string;
                                    job: string;
                                    lastError: string | null;
                                    /** Format: date-time */
                                    plannedAt: string | null;
                                    /** Format: date-time */
                                    scheduledAt: string;
                                    /** Format: date-time */
                                    startedAt: string | null;
                                    status: "pending" | "running" | "succeeded" | "failed";
                                    trigger: "schedule" | "manual";
                                } | null;
                                name: string;
                                /** @description Cron expression, UTC. */
                                schedule: string;
                            }[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/jobs/{jobName}/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a job would do now, without doing it
         * @description The same plan a run made at this instant would apply.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobName: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: ({
                                type: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            job: string;
                            /** Format: date-time */
                            plannedAt: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/jobs/{jobName}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a job now
         * @description Creates a manual run, executes it and answers with the finished run and the actions it took.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobName: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: ({
                                type: string;
                            } & {
                                [key: string]: unknown;
                            })[] | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            doneCount: number;
                            /** Format: date-time */
                            finishedAt: string | null;
                            id: string;
                            job: string;
                            lastError: string | null;
                            /** Format: date-time */
                            plannedAt: string | null;
                            /** Format: date-time */
                            scheduledAt: string;
                            /** Format: date-time */
                            startedAt: string | null;
                            status: "pending" | "running" | "succeeded" | "failed";
                            trigger: "schedule" | "manual";
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/jobs/{jobName}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a job's runs
         * @description Oldest first, keyset-paged.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A `links.next` or `links.prev` value of the previous page. */
                    cursor?: string;
                    /** @description Default 100; values above 1000 are treated as 1000. */
                    pageSize?: number;
                };
                header?: never;
                path: {
                    jobName: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                actions: ({
                                    type: string;
                                } & {
                                    [key: string]: unknown;
                                })[] | null;
                                attempts: number;
                                /** Format: date-time */
                                createdAt: string;
                                doneCount: number;
                                /** Format: date-time */
                                finishedAt: string | null;
                                id: string;
                                job: string;
                                lastError: string | null;
                                /** Format: date-time */
                                plannedAt: string | null;
                                /** Format: date-time */
                                scheduledAt: string;
                                /** Format: date-time */
                                startedAt: string | null;
                                status: "pending" | "running" | "succeeded" | "failed";
                                trigger: "schedule" | "manual";
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/names": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Names of ids, in one request */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated ids (at most 200): people, service accounts, tokens, groups, policies, requests. None: no names. */
                    ids?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Each id that names something of the org; unknown ids are left out. */
                            names: {
                                [key: string]: {
                                    /** @description A person's or service account's e-mail; a webhook's description. */
                                    detail?: string;
                                    /** @description Deleted since (a service account). */
                                    isGone?: boolean;
                                    /** @description person, service_account, admin_key, token, group, policy, token_request, webhook, scim_token, job_run or session. */
                                    kind: string;
                                    name: string;
                                    owner?: {
                                        id: string;
                                        kind: string;
                                        name: string;
                                    };
                                };
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/notifications/smtp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SMTP settings (never the password) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            fromAddress: string;
                            hasPassword: boolean;
                            host: string;
                            port: number;
                            secure: boolean;
                            /** Format: date-time */
                            updatedAt: string;
                            username: string | null;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /** Set SMTP settings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        fromAddress: string;
                        host: string;
                        /** @description Write-only. Unset keeps the stored password; null removes it. */
                        password?: string | null;
                        port: number;
                        /** @description TLS from the start (port 465). Default: true on port 465, else STARTTLS when offered. */
                        secure?: boolean;
                        username?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            fromAddress: string;
                            hasPassword: boolean;
                            host: string;
                            port: number;
                            secure: boolean;
                            /** Format: date-time */
                            updatedAt: string;
                            username: string | null;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        /** Remove SMTP settings */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List authentication policies
         * @description The default policy included; oldest first, keyset-paged.
         */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    pageSize?: number;
                    /** @description Only `authentication` exists here. */
                    type?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                attributes: {
                                    assignees: {
                                        groupIds: string[];
                                        serviceAccountIds: string[];
                                        userIds: string[];
                                    };
                                    /** Format: date-time */
                                    createdAt: string;
                                    isDefault: boolean;
                                    name: string;
                                    priority: number;
                                    rule: {
                                        allowedScopes: string[];
                                        creationByClass: {
                                            admin: string;
                                            delete: string;
                                            read: string;
                                            write: string;
                                        };
                                        defaultLifetimeDays: number;
                                        idleRevokeAfterDays: number | null;
                                        ipAllowlist: string[];
                                        maxLifetimeDays: number;
                                        purposeMinLength?: number;
                                        quota?: {
                                            /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                            refillEverySeconds?: number | null;
                                            /** @description Verifications allowed in all (per period when it refills). */
                                            uses: number;
                                        };
                                        /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                        rateLimits?: {
                                            /** @description Verifications allowed per window. */
                                            limit: number;
                                            /** @description The window, in seconds (60: per minute, 86400: per day). */
                                            windowSeconds: number;
                                        }[];
                                        requireJustification: boolean;
                                        tokenCreation: string;
                                        tokenUse: string;
                                    };
                                    status: string;
                                    /** @enum {string} */
                                    type: "authentication";
                                    /** Format: date-time */
                                    updatedAt: string;
                                };
                                id: string;
                                /** @enum {string} */
                                type: "policy";
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                            meta: {
                                next: string | null;
                                page_size: number;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an authentication policy
         * @description `meta.existingTokens` (leave | clamp | revoke) says what to do with existing tokens the new policy breaks; preview first with POST .../policies/preview.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            attributes: {
                                assignees?: {
                                    groupIds?: string[];
                                    serviceAccountIds?: string[];
                                    userIds?: string[];
                                };
                                name: string;
                                /** @description Higher wins when several policies apply to a person. */
                                priority?: number;
                                rule: {
                                    /** @description Scope names and class:read|write|delete|admin. */
                                    allowedScopes?: string[];
                                    /** @description Creation mode per scope class; a class left out takes tokenCreation. The strictest class among the requested scopes decides. */
                                    creationByClass?: {
                                        admin?: "allowed" | "approval" | "blocked";
                                        delete?: "allowed" | "approval" | "blocked";
                                        read?: "allowed" | "approval" | "blocked";
                                        write?: "allowed" | "approval" | "blocked";
                                    };
                                    defaultLifetimeDays?: number;
                                    idleRevokeAfterDays?: number | null;
                                    /** @description IPv4/IPv6 CIDR blocks; empty allows every address. */
                                    ipAllowlist?: string[];
                                    maxLifetimeDays: number;
                                    /** @description Tokens and requests must give a purpose of at least this many characters; 0: none needed. */
                                    purposeMinLength?: number;
                                    quota?: {
                                        /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                        refillEverySeconds?: number | null;
                                        /** @description Verifications allowed in all (per period when it refills). */
                                        uses: number;
                                    } | null;
                                    /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                    rateLimits?: {
                                        /** @description Verifications allowed per window. */
                                        limit: number;
                                        /** @description The window, in seconds (60: per minute, 86400: per day). */
                                        windowSeconds: number;
                                    }[];
                                    requireJustification?: boolean;
                                    /** @description The creation mode of every class creationByClass leaves out. */
                                    tokenCreation: "allowed" | "approval" | "blocked";
                                    tokenUse?: "allowed" | "blocked";
                                };
                                status?: "enabled" | "disabled";
                                /** @enum {string} */
                                type: "authentication";
                            };
                            id?: string;
                            /** @enum {string} */
                            type: "policy";
                        };
                        meta?: {
                            /** @description What to do with existing tokens the change breaks: leave them (default), clamp them (shorten expiry, drop scopes) or revoke them. */
                            existingTokens?: "leave" | "clamp" | "revoke";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                attributes: {
                                    assignees: {
                                        groupIds: string[];
                                        serviceAccountIds: string[];
                                        userIds: string[];
                                    };
                                    /** Format: date-time */
                                    createdAt: string;
                                    isDefault: boolean;
                                    name: string;
                                    priority: number;
                                    rule: {
                                        allowedScopes: string[];
                                        creationByClass: {
                                            admin: string;
                                            delete: string;
                                            read: string;
                                            write: string;
                                        };
                                        defaultLifetimeDays: number;
                                        idleRevokeAfterDays: number | null;
                                        ipAllowlist: string[];
                                        maxLifetimeDays: number;
                                        purposeMinLength?: number;
                                        quota?: {
                                            /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                            refillEverySeconds?: number | null;
                                            /** @description Verifications allowed in all (per period when it refills). */
                                            uses: number;
                                        };
                                        /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                        rateLimits?: {
                                            /** @description Verifications allowed per window. */
                                            limit: number;
                                            /** @description The window, in seconds (60: per minute, 86400: per day). */
                                            windowSeconds: number;
                                        }[];
                                        requireJustification: boolean;
                                        tokenCreation: string;
                                        tokenUse: string;
                                    };
                                    status: string;
                                    /** @enum {string} */
                                    type: "authentication";
                                    /** Format: date-time */
                                    updatedAt: string;
                                };
                                id: string;
                                /** @enum {string} */
                                type: "policy";
                            };
                            meta?: {
                                existingTokens: {
                                    affected: number;
                                    clamped: number;
                                    left: number;
                                    mode: string;
                                    revoked: number;
                                };
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/policies/{policyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an authentication policy */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    policyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                attributes: {
                                    assignees: {
                                        groupIds: string[];
                                        serviceAccountIds: string[];
                                        userIds: string[];
                                    };
                                    /** Format: date-time */
                                    createdAt: string;
                                    isDefault: boolean;
                                    name: string;
                                    priority: number;
                                    rule: {
                                        allowedScopes: string[];
                                        creationByClass: {
                                            admin: string;
                                            delete: string;
                                            read: string;
                                            write: string;
                                        };
                                        defaultLifetimeDays: number;
                                        idleRevokeAfterDays: number | null;
                                        ipAllowlist: string[];
                                        maxLifetimeDays: number;
                                        purposeMinLength?: number;
                                        quota?: {
                                            /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                            refillEverySeconds?: number | null;
                                            /** @description Verifications allowed in all (per period when it refills). */
                                            uses: number;
                                        };
                                        /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                        rateLimits?: {
                                            /** @description Verifications allowed per window. */
                                            limit: number;
                                            /** @description The window, in seconds (60: per minute, 86400: per day). */
                                            windowSeconds: number;
                                        }[];
                                        requireJustification: boolean;
                                        tokenCreation: string;
                                        tokenUse: string;
                                    };
                                    status: string;
                                    /** @enum {string} */
                                    type: "authentication";
                                    /** Format: date-time */
                                    updatedAt: string;
                                };
                                id: string;
                                /** @enum {string} */
                                type: "policy";
                            };
                            meta?: {
                                existingTokens: {
                                    affected: number;
                                    clamped: number;
                                    left: number;
                                    mode: string;
                                    revoked: number;
                                };
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /**
         * Replace an authentication policy
         * @description The whole policy, as on create. `meta.existingTokens`: leave (default), clamp or revoke the tokens it breaks.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    policyId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            attributes: {
                                assignees?: {
                                    groupIds?: string[];
                                    serviceAccountIds?: string[];
                                    userIds?: string[];
                                };
                                name: string;
                                /** @description Higher wins when several policies apply to a person. */
                                priority?: number;
                                rule: {
                                    /** @description Scope names and class:read|write|delete|admin. */
                                    allowedScopes?: string[];
                                    /** @description Creation mode per scope class; a class left out takes tokenCreation. The strictest class among the requested scopes decides. */
                                    creationByClass?: {
                                        admin?: "allowed" | "approval" | "blocked";
                                        delete?: "allowed" | "approval" | "blocked";
                                        read?: "allowed" | "approval" | "blocked";
                                        write?: "allowed" | "approval" | "blocked";
                                    };
                                    defaultLifetimeDays?: number;
                                    idleRevokeAfterDays?: number | null;
                                    /** @description IPv4/IPv6 CIDR blocks; empty allows every address. */
                                    ipAllowlist?: string[];
                                    maxLifetimeDays: number;
                                    /** @description Tokens and requests must give a purpose of at least this many characters; 0: none needed. */
                                    purposeMinLength?: number;
                                    quota?: {
                                        /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                        refillEverySeconds?: number | null;
                                        /** @description Verifications allowed in all (per period when it refills). */
                                        uses: number;
                                    } | null;
                                    /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                    rateLimits?: {
                                        /** @description Verifications allowed per window. */
                                        limit: number;
                                        /** @description The window, in seconds (60: per minute, 86400: per day). */
                                        windowSeconds: number;
                                    }[];
                                    requireJustification?: boolean;
                                    /** @description The creation mode of every class creationByClass leaves out. */
                                    tokenCreation: "allowed" | "approval" | "blocked";
                                    tokenUse?: "allowed" | "blocked";
                                };
                                status?: "enabled" | "disabled";
                                /** @enum {string} */
                                type: "authentication";
                            };
                            id?: string;
                            /** @enum {string} */
                            type: "policy";
                        };
                        meta?: {
                            /** @description What to do with existing tokens the change breaks: leave them (default), clamp them (shorten expiry, drop scopes) or revoke them. */
                            existingTokens?: "leave" | "clamp" | "revoke";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                attributes: {
                                    assignees: {
                                        groupIds: string[];
                                        serviceAccountIds: string[];
                                        userIds: string[];
                                    };
                                    /** Format: date-time */
                                    createdAt: string;
                                    isDefault: boolean;
                                    name: string;
                                    priority: number;
                                    rule: {
                                        allowedScopes: string[];
                                        creationByClass: {
                                            admin: string;
                                            delete: string;
                                            read: string;
                                            write: string;
                                        };
                                        defaultLifetimeDays: number;
                                        idleRevokeAfterDays: number | null;
                                        ipAllowlist: string[];
                                        maxLifetimeDays: number;
                                        purposeMinLength?: number;
                                        quota?: {
                                            /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                            refillEverySeconds?: number | null;
                                            /** @description Verifications allowed in all (per period when it refills). */
                                            uses: number;
                                        };
                                        /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                        rateLimits?: {
                                            /** @description Verifications allowed per window. */
                                            limit: number;
                                            /** @description The window, in seconds (60: per minute, 86400: per day). */
                                            windowSeconds: number;
                                        }[];
                                        requireJustification: boolean;
                                        tokenCreation: string;
                                        tokenUse: string;
                                    };
                                    status: string;
                                    /** @enum {string} */
                                    type: "authentication";
                                    /** Format: date-time */
                                    updatedAt: string;
                                };
                                id: string;
                                /** @enum {string} */
                                type: "policy";
                            };
                            meta?: {
                                existingTokens: {
                                    affected: number;
                                    clamped: number;
                                    left: number;
                                    mode: string;
                                    revoked: number;
                                };
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Delete an authentication policy
         * @description Its people fall back to their next policy or the default (which cannot be deleted: 409). `existingTokens` as on PUT.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description What to do with existing tokens the change breaks: leave them (default), clamp them (shorten expiry, drop scopes) or revoke them. */
                    existingTokens?: "leave" | "clamp" | "revoke";
                };
                header?: never;
                path: {
                    orgId: string;
                    policyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            meta: {
                                existingTokens: {
                                    affected: number;
                                    clamped: number;
                                    left: number;
                                    mode: string;
                                    revoked: number;
                                };
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/policies/{policyId}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview the impact of replacing a policy
         * @description How many existing tokens break the new rules (too long, disallowed scopes, disallowed addresses, use blocked) and which. Changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    policyId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            attributes: {
                                assignees?: {
                                    groupIds?: string[];
                                    serviceAccountIds?: string[];
                                    userIds?: string[];
                                };
                                name: string;
                                /** @description Higher wins when several policies apply to a person. */
                                priority?: number;
                                rule: {
                                    /** @description Scope names and class:read|write|delete|admin. */
                                    allowedScopes?: string[];
                                    /** @description Creation mode per scope class; a class left out takes tokenCreation. The strictest class among the requested scopes decides. */
                                    creationByClass?: {
                                        admin?: "allowed" | "approval" | "blocked";
                                        delete?: "allowed" | "approval" | "blocked";
                                        read?: "allowed" | "approval" | "blocked";
                                        write?: "allowed" | "approval" | "blocked";
                                    };
                                    defaultLifetimeDays?: number;
                                    idleRevokeAfterDays?: number | null;
                                    /** @description IPv4/IPv6 CIDR blocks; empty allows every address. */
                                    ipAllowlist?: string[];
                                    maxLifetimeDays: number;
                                    /** @description Tokens and requests must give a purpose of at least this many characters; 0: none needed. */
                                    purposeMinLength?: number;
                                    quota?: {
                                        /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                        refillEverySeconds?: number | null;
                                        /** @description Verifications allowed in all (per period when it refills). */
                                        uses: number;
                                    } | null;
                                    /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                    rateLimits?: {
                                        /** @description Verifications allowed per window. */
                                        limit: number;
                                        /** @description The window, in seconds (60: per minute, 86400: per day). */
                                        windowSeconds: number;
                                    }[];
                                    requireJustification?: boolean;
                                    /** @description The creation mode of every class creationByClass leaves out. */
                                    tokenCreation: "allowed" | "approval" | "blocked";
                                    tokenUse?: "allowed" | "blocked";
                                };
                                status?: "enabled" | "disabled";
                                /** @enum {string} */
                                type: "authentication";
                            };
                            id?: string;
                            /** @enum {string} */
                            type: "policy";
                        };
                        meta?: {
                            /** @description What to do with existing tokens the change breaks: leave them (default), clamp them (shorten expiry, drop scopes) or revoke them. */
                            existingTokens?: "leave" | "clamp" | "revoke";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description How many existing tokens break the new rules. */
                                affected: number;
                                examined: number;
                                tokens: {
                                    disallowedScopes: string[];
                                    expiresAt: string | null;
                                    id: string;
                                    kind: string;
                                    label: string;
                                    owner: {
                                        id: string;
                                        type: string;
                                    };
                                    policyId: string;
                                    scopes: string[];
                                    violations: string[];
                                }[];
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/policies/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview the impact of creating a policy
         * @description Changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            attributes: {
                                assignees?: {
                                    groupIds?: string[];
                                    serviceAccountIds?: string[];
                                    userIds?: string[];
                                };
                                name: string;
                                /** @description Higher wins when several policies apply to a person. */
                                priority?: number;
                                rule: {
                                    /** @description Scope names and class:read|write|delete|admin. */
                                    allowedScopes?: string[];
                                    /** @description Creation mode per scope class; a class left out takes tokenCreation. The strictest class among the requested scopes decides. */
                                    creationByClass?: {
                                        admin?: "allowed" | "approval" | "blocked";
                                        delete?: "allowed" | "approval" | "blocked";
                                        read?: "allowed" | "approval" | "blocked";
                                        write?: "allowed" | "approval" | "blocked";
                                    };
                                    defaultLifetimeDays?: number;
                                    idleRevokeAfterDays?: number | null;
                                    /** @description IPv4/IPv6 CIDR blocks; empty allows every address. */
                                    ipAllowlist?: string[];
                                    maxLifetimeDays: number;
                                    /** @description Tokens and requests must give a purpose of at least this many characters; 0: none needed. */
                                    purposeMinLength?: number;
                                    quota?: {
                                        /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                        refillEverySeconds?: number | null;
                                        /** @description Verifications allowed in all (per period when it refills). */
                                        uses: number;
                                    } | null;
                                    /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                    rateLimits?: {
                                        /** @description Verifications allowed per window. */
                                        limit: number;
                                        /** @description The window, in seconds (60: per minute, 86400: per day). */
                                        windowSeconds: number;
                                    }[];
                                    requireJustification?: boolean;
                                    /** @description The creation mode of every class creationByClass leaves out. */
                                    tokenCreation: "allowed" | "approval" | "blocked";
                                    tokenUse?: "allowed" | "blocked";
                                };
                                status?: "enabled" | "disabled";
                                /** @enum {string} */
                                type: "authentication";
                            };
                            id?: string;
                            /** @enum {string} */
                            type: "policy";
                        };
                        meta?: {
                            /** @description What to do with existing tokens the change breaks: leave them (default), clamp them (shorten expiry, drop scopes) or revoke them. */
                            existingTokens?: "leave" | "clamp" | "revoke";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description How many existing tokens break the new rules. */
                                affected: number;
                                examined: number;
                                tokens: {
                                    disallowedScopes: string[];
                                    expiresAt: string | null;
                                    id: string;
                                    kind: string;
                                    label: string;
                                    owner: {
                                        id: string;
                                        type: string;
                                    };
                                    policyId: string;
                                    scopes: string[];
                                    violations: string[];
                                }[];
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/policy-set": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every policy, as a policy file
         * @description Assignees by group name, person e-mail and service-account name.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Tokenward policy file
                             * @description Every authentication policy of an organization; assignees by name, not id.
                             */
                            data: {
                                /** @description Where editors find this schema. */
                                $schema?: string;
                                policies: {
                                    assignees?: {
                                        /** @description Group names. */
                                        groups?: string[];
                                        /** @description People, by e-mail. */
                                        people?: string[];
                                        /** @description Service accounts, by name or e-mail. */
                                        serviceAccounts?: string[];
                                    };
                                    /** @description true for the organization's default policy (exactly one); it takes no status, priority or assignees. */
                                    default?: boolean;
                                    /** @description Identifies the policy: a policy of this name on the server is changed, one not in the file is removed. */
                                    name: string;
                                    /** @description Higher wins when several policies apply to a person. */
                                    priority?: number;
                                    rule: {
                                        /** @description Scope names and class:read|write|delete|admin. */
                                        allowedScopes?: string[];
                                        /** @description Creation mode per scope class; a class left out takes tokenCreation. The strictest class among the requested scopes decides. */
                                        creationByClass?: {
                                            admin?: "allowed" | "approval" | "blocked";
                                            delete?: "allowed" | "approval" | "blocked";
                                            read?: "allowed" | "approval" | "blocked";
                                            write?: "allowed" | "approval" | "blocked";
                                        };
                                        defaultLifetimeDays?: number;
                                        idleRevokeAfterDays?: number | null;
                                        /** @description IPv4/IPv6 CIDR blocks; empty allows every address. */
                                        ipAllowlist?: string[];
                                        maxLifetimeDays: number;
                                        /** @description Tokens and requests must give a purpose of at least this many characters; 0: none needed. */
                                        purposeMinLength?: number;
                                        quota?: {
                                            /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                            refillEverySeconds?: number | null;
                                            /** @description Verifications allowed in all (per period when it refills). */
                                            uses: number;
                                        } | null;
                                        /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                        rateLimits?: {
                                            /** @description Verifications allowed per window. */
                                            limit: number;
                                            /** @description The window, in seconds (60: per minute, 86400: per day). */
                                            windowSeconds: number;
                                        }[];
                                        requireJustification?: boolean;
                                        /** @description The creation mode of every class creationByClass leaves out. */
                                        tokenCreation: "allowed" | "approval" | "blocked";
                                        tokenUse?: "allowed" | "blocked";
                                    };
                                    status?: "enabled" | "disabled";
                                }[];
                                /** @enum {number} */
                                version: 1;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /**
         * Make the policies those of a policy file
         * @description In one transaction: every change of the plan, and `meta.existingTokens` (leave, clamp or revoke) applied to the tokens each change breaks. Removing a policy also needs delete:policies:admin.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Tokenward policy file
                         * @description Every authentication policy of an organization; assignees by name, not id.
                         */
                        data: {
                            /** @description Where editors find this schema. */
                            $schema?: string;
                            policies: {
                                assignees?: {
                                    /** @description Group names. */
                                    groups?: string[];
                                    /** @description People, by e-mail. */
                                    people?: string[];
                                    /** @description Service accounts, by name or e-mail. */
                                    serviceAccounts?: string[];
                                };
                                /** @description true for the organization's default policy (exactly one); it takes no status, priority or assignees. */
                                default?: boolean;
                                /** @description Identifies the policy: a policy of this name on the server is changed, one not in the file is removed. */
                                name: string;
                                /** @description Higher wins when several policies apply to a person. */
                                priority?: number;
                                rule: {
                                    /** @description Scope names and class:read|write|delete|admin. */
                                    allowedScopes?: string[];
                                    /** @description Creation mode per scope class; a class left out takes tokenCreation. The strictest class among the requested scopes decides. */
                                    creationByClass?: {
                                        admin?: "allowed" | "approval" | "blocked";
                                        delete?: "allowed" | "approval" | "blocked";
                                        read?: "allowed" | "approval" | "blocked";
                                        write?: "allowed" | "approval" | "blocked";
                                    };
                                    defaultLifetimeDays?: number;
                                    idleRevokeAfterDays?: number | null;
                                    /** @description IPv4/IPv6 CIDR blocks; empty allows every address. */
                                    ipAllowlist?: string[];
                                    maxLifetimeDays: number;
                                    /** @description Tokens and requests must give a purpose of at least this many characters; 0: none needed. */
                                    purposeMinLength?: number;
                                    quota?: {
                                        /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                        refillEverySeconds?: number | null;
                                        /** @description Verifications allowed in all (per period when it refills). */
                                        uses: number;
                                    } | null;
                                    /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                    rateLimits?: {
                                        /** @description Verifications allowed per window. */
                                        limit: number;
                                        /** @description The window, in seconds (60: per minute, 86400: per day). */
                                        windowSeconds: number;
                                    }[];
                                    requireJustification?: boolean;
                                    /** @description The creation mode of every class creationByClass leaves out. */
                                    tokenCreation: "allowed" | "approval" | "blocked";
                                    tokenUse?: "allowed" | "blocked";
                                };
                                status?: "enabled" | "disabled";
                            }[];
                            /** @enum {number} */
                            version: 1;
                        };
                        meta?: {
                            /** @description What to do with existing tokens the change breaks: leave them (default), clamp them (shorten expiry, drop scopes) or revoke them. */
                            existingTokens?: "leave" | "clamp" | "revoke";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                applied: boolean;
                                changes: {
                                    action: "add" | "change" | "remove";
                                    applied: {
                                        clamped: number;
                                        left: number;
                                        mode: string;
                                        revoked: number;
                                    } | null;
                                    /** @description What differs, for a change: status, priority, assignees, rule.<field>. */
                                    fields: string[];
                                    impact: {
                                        /** @description Existing tokens this change breaks. */
                                        affected: number;
                                        examined: number;
                                        /** @description The first 100 of them. */
                                        tokens: {
                                            id: string;
                                            label: string;
                                            owner: {
                                                id: string;
                                                type: string;
                                            };
                                            violations: string[];
                                        }[];
                                    };
                                    name: string;
                                    policyId: string;
                                }[];
                                /** @description Policies of the file the server already has as written. */
                                unchanged: number;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/policy-set/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a policy file would change
         * @description Policies added, changed and removed, by name, each with the existing tokens it would break. Changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Tokenward policy file
                         * @description Every authentication policy of an organization; assignees by name, not id.
                         */
                        data: {
                            /** @description Where editors find this schema. */
                            $schema?: string;
                            policies: {
                                assignees?: {
                                    /** @description Group names. */
                                    groups?: string[];
                                    /** @description People, by e-mail. */
                                    people?: string[];
                                    /** @description Service accounts, by name or e-mail. */
                                    serviceAccounts?: string[];
                                };
                                /** @description true for the organization's default policy (exactly one); it takes no status, priority or assignees. */
                                default?: boolean;
                                /** @description Identifies the policy: a policy of this name on the server is changed, one not in the file is removed. */
                                name: string;
                                /** @description Higher wins when several policies apply to a person. */
                                priority?: number;
                                rule: {
                                    /** @description Scope names and class:read|write|delete|admin. */
                                    allowedScopes?: string[];
                                    /** @description Creation mode per scope class; a class left out takes tokenCreation. The strictest class among the requested scopes decides. */
                                    creationByClass?: {
                                        admin?: "allowed" | "approval" | "blocked";
                                        delete?: "allowed" | "approval" | "blocked";
                                        read?: "allowed" | "approval" | "blocked";
                                        write?: "allowed" | "approval" | "blocked";
                                    };
                                    defaultLifetimeDays?: number;
                                    idleRevokeAfterDays?: number | null;
                                    /** @description IPv4/IPv6 CIDR blocks; empty allows every address. */
                                    ipAllowlist?: string[];
                                    maxLifetimeDays: number;
                                    /** @description Tokens and requests must give a purpose of at least this many characters; 0: none needed. */
                                    purposeMinLength?: number;
                                    quota?: {
                                        /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                        refillEverySeconds?: number | null;
                                        /** @description Verifications allowed in all (per period when it refills). */
                                        uses: number;
                                    } | null;
                                    /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                    rateLimits?: {
                                        /** @description Verifications allowed per window. */
                                        limit: number;
                                        /** @description The window, in seconds (60: per minute, 86400: per day). */
                                        windowSeconds: number;
                                    }[];
                                    requireJustification?: boolean;
                                    /** @description The creation mode of every class creationByClass leaves out. */
                                    tokenCreation: "allowed" | "approval" | "blocked";
                                    tokenUse?: "allowed" | "blocked";
                                };
                                status?: "enabled" | "disabled";
                            }[];
                            /** @enum {number} */
                            version: 1;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                applied: boolean;
                                changes: {
                                    action: "add" | "change" | "remove";
                                    applied: {
                                        clamped: number;
                                        left: number;
                                        mode: string;
                                        revoked: number;
                                    } | null;
                                    /** @description What differs, for a change: status, priority, assignees, rule.<field>. */
                                    fields: string[];
                                    impact: {
                                        /** @description Existing tokens this change breaks. */
                                        affected: number;
                                        examined: number;
                                        /** @description The first 100 of them. */
                                        tokens: {
                                            id: string;
                                            label: string;
                                            owner: {
                                                id: string;
                                                type: string;
                                            };
                                            violations: string[];
                                        }[];
                                    };
                                    name: string;
                                    policyId: string;
                                }[];
                                /** @description Policies of the file the server already has as written. */
                                unchanged: number;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/rate-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The rate limits this server enforces
         * @description Server configuration, the same for every org; read-only.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            api: {
                                /** @description Never limited: probes, metrics and the verification endpoints. */
                                exemptPaths: string[];
                                /** @description Counters live in Redis, shared by every node; else each process counts alone. */
                                isShared: boolean;
                                /** @description Requests per caller (admin key, session or IP) per window. */
                                max: number;
                                windowSeconds: number;
                            };
                            signIn: {
                                /** @description Sign-in attempts per e-mail address per window. */
                                perEmail: number;
                                /** @description Sign-in attempts per client address per window. */
                                perIp: number;
                                windowSeconds: number;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/scim-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List SCIM tokens
         * @description Oldest first, revoked ones included, keyset-paged like the directory lists.
         */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The first characters of the token (twp_...), for recognising it. */
                                displayPrefix: string;
                                /** Format: date-time */
                                expiresAt: string | null;
                                id: string;
                                label: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                /** Format: date-time */
                                revokedAt: string | null;
                                status: "active" | "expired" | "revoked";
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a SCIM token
         * @description The token is in the answer once and never again; Tokenward keeps only its digest.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Unset: the token does not expire. */
                        expiresInDays?: number;
                        /** @description What the token is for, e.g. "Okta production". */
                        label: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The first characters of the token (twp_...), for recognising it. */
                            displayPrefix: string;
                            /** Format: date-time */
                            expiresAt: string | null;
                            id: string;
                            label: string;
                            /** Format: date-time */
                            lastUsedAt: string | null;
                            /** Format: date-time */
                            revokedAt: string | null;
                            /** @description The SCIM base URL to configure in the identity provider. */
                            scimBaseUrl: string;
                            status: "active" | "expired" | "revoked";
                            /** @description The secret, shown this once: paste it into the identity provider. */
                            token: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/scim-tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a SCIM token
         * @description Takes effect at once: the next SCIM request with it is 401.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/scopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the scope catalogue
         * @description Built-in scopes first, then custom ones.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                builtin: boolean;
                                class: "read" | "write" | "delete" | "admin";
                                description: string;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a custom scope
         * @description A lower-case colon-separated name (read:reports) and its class; a name already in the catalogue is 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        class: "read" | "write" | "delete" | "admin";
                        description?: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            builtin: boolean;
                            class: "read" | "write" | "delete" | "admin";
                            description: string;
                            name: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/scopes/import-openapi": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add the scopes of an upstream's OpenAPI document to the catalogue
         * @description The scopes the document's operations need (Atlassian's x-atlassian-oauth2-scopes, else the OAuth2 security requirements) join the catalogue, described by the scheme's wording and the summaries of the operations needing them, classed by their verb (read:, write:, delete:; anything else admin). Names already in the catalogue are left as they are.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The upstream's OpenAPI 3 document, as JSON (the parsed object). */
                        document: unknown;
                        /** @description Only say what would be added; change nothing. */
                        dryRun?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Scopes added to the catalogue (with dryRun: that would be added). */
                            added: {
                                builtin: boolean;
                                class: "read" | "write" | "delete" | "admin";
                                description: string;
                                name: string;
                            }[];
                            /** @description Scopes the catalogue already held: left as they are. */
                            existing: string[];
                            /** @description The document's operations that name scopes. */
                            operations: number;
                            /** @description Scope names the catalogue cannot hold. */
                            refused: {
                                name: string;
                                reason: string;
                            }[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/service-accounts/{serviceAccountId}/owner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who answers for a service account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    serviceAccountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                needsReassignment: boolean;
                                owner: {
                                    id: string;
                                    type: string;
                                };
                            } | null;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /**
         * Name who answers for a service account
         * @description A person or a group; its tokens' notices go to them.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    serviceAccountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        id: string;
                        type: "user" | "group";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                needsReassignment: boolean;
                                owner: {
                                    id: string;
                                    type: string;
                                };
                            } | null;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/service-accounts/needing-owner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Service accounts nobody answers for
         * @description No owner, or an owner who was deactivated: reassign them.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                displayName: string;
                                email: string;
                                id: string;
                                /** @description none, or owner_deactivated. */
                                reason: string;
                            }[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The org's OIDC settings (never the client secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedDomains: string[];
                            clientId: string;
                            /** Format: date-time */
                            createdAt: string;
                            groupClaim: string | null;
                            groupMapping: {
                                [key: string]: string;
                            };
                            hasClientSecret: boolean;
                            issuer: string;
                            jitEnabled: boolean;
                            redirectUri: string;
                            scopes: string;
                            startUrl: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /**
         * Set the org's OIDC single sign-on
         * @description Runs OpenID Connect discovery on `issuer` before saving (400 when it fails). The client secret is stored encrypted and never returned.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allowedDomains: string[];
                        clientId: string;
                        /** @description Required the first time; omit to keep the stored one. Never returned. */
                        clientSecret?: string;
                        groupClaim?: string | null;
                        groupMapping?: {
                            [key: string]: string;
                        };
                        /** @description The OpenID provider issuer URL (https; http only on loopback). */
                        issuer: string;
                        /** @description Create unknown people as managed members at their first sign-in; default true. */
                        jitEnabled?: boolean;
                        /** @description Space-separated; default `openid email profile`. Add `groups` for Okta. */
                        scopes?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedDomains: string[];
                            clientId: string;
                            /** Format: date-time */
                            createdAt: string;
                            groupClaim: string | null;
                            groupMapping: {
                                [key: string]: string;
                            };
                            hasClientSecret: boolean;
                            issuer: string;
                            jitEnabled: boolean;
                            redirectUri: string;
                            scopes: string;
                            startUrl: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        /** Remove the org's single sign-on */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/token-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The approval queue
         * @description Token requests of the org, oldest first; `status` defaults to pending.
         */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    pageSize?: number;
                    status?: "pending" | "approved" | "denied" | "cancelled";
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                createdAt: string;
                                decidedAt: string | null;
                                decidedBy: string | null;
                                decisionReason: string | null;
                                grantedLifetimeDays: number | null;
                                grantedScopes: string[] | null;
                                id: string;
                                justification: string | null;
                                label: string;
                                lifetimeDays: number;
                                policyId: string;
                                purpose?: string | null;
                                requesterId: string;
                                scopes: string[];
                                status: string;
                                tags?: string[];
                                tokenId: string | null;
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/token-requests/{requestId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A token request with its requester's context */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    requestId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                context: {
                                    decision: {
                                        creation: string;
                                        reason: string;
                                    };
                                    existingTokens: {
                                        createdAt: string;
                                        displayPrefix: string;
                                        expiresAt: string | null;
                                        id: string;
                                        kind: string;
                                        label: string;
                                        lastActiveAt: string | null;
                                        owner: {
                                            id: string;
                                            type: string;
                                        } | null;
                                        revokedAt: string | null;
                                        revokedReason: string | null;
                                        scopes: string[];
                                        status: string;
                                    }[];
                                    groups: {
                                        approverIds: string[];
                                        id: string;
                                        name: string;
                                    }[];
                                    policy: {
                                        creationByClass: {
                                            [key: string]: string;
                                        };
                                        id: string;
                                        maxLifetimeDays: number;
                                        name: string;
                                        reason: string;
                                    };
                                    requester: {
                                        email: string;
                                        id: string;
                                        name: string;
                                        status: string;
                                    } | null;
                                    route: {
                                        approverIds?: string[];
                                        /** @description group: the approvers of the requester's groups; org: the org's approvers. */
                                        to: string;
                                    };
                                    scopes: {
                                        allowedByPolicy: boolean;
                                        class: string | null;
                                        creation: string | null;
                                        description: string | null;
                                        scope: string;
                                    }[];
                                };
                                request: {
                                    createdAt: string;
                                    decidedAt: string | null;
                                    decidedBy: string | null;
                                    decisionReason: string | null;
                                    grantedLifetimeDays: number | null;
                                    grantedScopes: string[] | null;
                                    id: string;
                                    justification: string | null;
                                    label: string;
                                    lifetimeDays: number;
                                    policyId: string;
                                    purpose?: string | null;
                                    requesterId: string;
                                    scopes: string[];
                                    status: string;
                                    tags?: string[];
                                    tokenId: string | null;
                                };
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/token-requests/{requestId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a token request
         * @description Optionally narrower `scopes` and a shorter `lifetimeDays` than requested, within the requester's policy. The token is created now; the requester retrieves its secret once, within 7 days. Nobody approves their own request (403).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    requestId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lifetimeDays?: number;
                        reason?: string;
                        scopes?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            decidedAt: string | null;
                            decidedBy: string | null;
                            decisionReason: string | null;
                            grantedLifetimeDays: number | null;
                            grantedScopes: string[] | null;
                            id: string;
                            justification: string | null;
                            label: string;
                            lifetimeDays: number;
                            policyId: string;
                            purpose?: string | null;
                            requesterId: string;
                            scopes: string[];
                            status: string;
                            tags?: string[];
                            tokenId: string | null;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/token-requests/{requestId}/deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deny a token request
         * @description With a reason, which the requester sees.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    requestId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            decidedAt: string | null;
                            decidedBy: string | null;
                            decisionReason: string | null;
                            grantedLifetimeDays: number | null;
                            grantedScopes: string[] | null;
                            id: string;
                            justification: string | null;
                            label: string;
                            lifetimeDays: number;
                            policyId: string;
                            purpose?: string | null;
                            requesterId: string;
                            scopes: string[];
                            status: string;
                            tags?: string[];
                            tokenId: string | null;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/token-requests/decide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or deny several requests with one reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        decision: "approve" | "deny";
                        /** @description One reason for every request; required to deny. */
                        reason: string;
                        requestIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                code?: string;
                                detail?: string;
                                id: string;
                                status: string;
                            }[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search every token of the organization (members, service accounts, admin keys)
         * @description Keyset-paged: pass `links.next` or `links.prev` back as `cursor` with the same filters and sort. Revoked tokens only with `status=revoked`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    createdAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    createdAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    createdAtRangeTo?: string;
                    /** @description Enables the createdAt (past) filter: gt (more than Value Uom away), lt (less than), range. */
                    createdAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    createdAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    createdAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    createdAtValue?: string;
                    /** @description A links.next/prev/self value of a page of the same query. */
                    cursor?: string;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    expiresAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    expiresAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    expiresAtRangeTo?: string;
                    /** @description Enables the expiresAt (mostly future) filter: gt (more than Value Uom away), lt (less than), range. */
                    expiresAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    expiresAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    expiresAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    expiresAtValue?: string;
                    /** @description Not used in the last N days (a never-used token counts from its creation); 1-100000. */
                    idleDays?: string;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    lastActiveAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    lastActiveAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    lastActiveAtRangeTo?: string;
                    /** @description Enables the lastActiveAt (past) filter: gt (more than Value Uom away), lt (less than), range. */
                    lastActiveAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    lastActiveAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    lastActiveAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    lastActiveAtValue?: string;
                    /** @description true: never used; false: used at least once. */
                    neverUsed?: string;
                    /** @description Only the tokens of this user or service account (its id). */
                    ownerId?: string;
                    /** @description Comma-separated: user, service-account, admin-key. Default: all. */
                    ownerKind?: string;
                    /** @description Default 100; values above 1000 are clamped to 1000. */
                    pageSize?: string;
                    /** @description Case-insensitive substring of the label, the owner name or the owner e-mail. */
                    q?: string;
                    /** @description Only tokens holding this exact scope. */
                    scope?: string;
                    /** @description [+|-]createdAt, lastActiveAt, expiresAt or label; default -createdAt. */
                    sort?: string;
                    /** @description tokenward (tokens Tokenward issued) or a connector id (tokens read from that connected system). Default: every source. */
                    source?: string;
                    /** @description Comma-separated: active, suspended, expired, revoked. Default: all but revoked. */
                    status?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description Verified calls over the last 30 UTC days, today included. */
                                callsLast30Days: number;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                displayPrefix: string;
                                /** Format: date-time */
                                expiresAt: string | null;
                                id: string;
                                label: string;
                                /** Format: date-time */
                                lastActiveAt: string | null;
                                /** @description The address of the latest call, when the caller gave one. */
                                lastIp: string | null;
                                owner: {
                                    email: string;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "user";
                                    name: string;
                                    status: string;
                                } | {
                                    email: string;
                                    id: string;
                                    isDeleted: boolean;
                                    /** @enum {string} */
                                    kind: "service-account";
                                    name: string;
                                    status: string;
                                } | {
                                    email: string;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "external";
                                    name: string;
                                } | (never | null);
                                ownerKind: "user" | "service-account" | "admin-key";
                                /** Format: date-time */
                                revokedAt: string | null;
                                revokedBy: string | null;
                                revokedReason: string | null;
                                scopes: string[];
                                source: {
                                    /** @enum {string} */
                                    type: "tokenward";
                                } | {
                                    connectorId: string;
                                    externalId: string;
                                    /** Format: date-time */
                                    goneAt: string | null;
                                    type: string;
                                };
                                status: "active" | "suspended" | "expired" | "revoked";
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Issue a token for a member or a service account
         * @description Within the owner's policy limits (allowed scopes, lifetime cap), even where the policy blocks members from creating tokens. The secret is in `token`, once; with `delivery: "link"` it goes to the member through a one-time link (7 days) instead.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description response (default): the secret is in `token`; link: a one-time link for the member. */
                        delivery?: "response" | "link";
                        expiresInDays?: number;
                        label: string;
                        owner: {
                            id: string;
                            type: "user" | "service-account";
                        };
                        /** @description What the token is for, in words. */
                        purpose?: string;
                        scopes: string[];
                        /** @description Lower-case tags, e.g. ci, team:platform. */
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            delivery?: {
                                expiresAt: string;
                                id: string;
                                link: string;
                            };
                            displayPrefix: string;
                            expiresAt: string | null;
                            id: string;
                            kind: string;
                            label: string;
                            lastActiveAt: string | null;
                            owner: {
                                id: string;
                                type: string;
                            } | null;
                            revokedAt: string | null;
                            revokedReason: string | null;
                            scopes: string[];
                            status: string;
                            /** @description The secret: shown once, never again. */
                            token?: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One token of the organization, with its owner
         * @description Revoked tokens too (with who revoked them and why).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Verified calls over the last 30 UTC days, today included. */
                            callsLast30Days: number;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string | null;
                            displayPrefix: string;
                            /** Format: date-time */
                            expiresAt: string | null;
                            id: string;
                            label: string;
                            /** Format: date-time */
                            lastActiveAt: string | null;
                            /** @description The address of the latest call, when the caller gave one. */
                            lastIp: string | null;
                            owner: {
                                email: string;
                                id: string;
                                /** @enum {string} */
                                kind: "user";
                                name: string;
                                status: string;
                            } | {
                                email: string;
                                id: string;
                                isDeleted: boolean;
                                /** @enum {string} */
                                kind: "service-account";
                                name: string;
                                status: string;
                            } | {
                                email: string;
                                id: string;
                                /** @enum {string} */
                                kind: "external";
                                name: string;
                            } | (never | null);
                            ownerKind: "user" | "service-account" | "admin-key";
                            /** Format: date-time */
                            revokedAt: string | null;
                            revokedBy: string | null;
                            revokedReason: string | null;
                            scopes: string[];
                            source: {
                                /** @enum {string} */
                                type: "tokenward";
                            } | {
                                connectorId: string;
                                externalId: string;
                                /** Format: date-time */
                                goneAt: string | null;
                                type: string;
                            };
                            status: "active" | "suspended" | "expired" | "revoked";
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Revoke one token
         * @description Any token of the org; `reason` is recorded on the token and in the audit log. Revoking a revoked token changes nothing.
         */
        delete: {
            parameters: {
                query?: {
                    reason?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayPrefix: string;
                            expiresAt: string | null;
                            id: string;
                            kind: string;
                            label: string;
                            lastActiveAt: string | null;
                            owner: {
                                id: string;
                                type: string;
                            } | null;
                            revokedAt: string | null;
                            revokedReason: string | null;
                            scopes: string[];
                            status: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}/controls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A token's purpose, tags and suspension */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayPrefix: string;
                            expiresAt: string | null;
                            id: string;
                            kind: string;
                            label: string;
                            lastActiveAt: string | null;
                            owner: {
                                id: string;
                                type: string;
                            } | null;
                            purpose: string | null;
                            revokedAt: string | null;
                            revokedReason: string | null;
                            scopes: string[];
                            status: string;
                            /** @description An admin's suspension; null when none. */
                            suspension: {
                                at: string;
                                by: string | null;
                                reason: string;
                            } | null;
                            tags: string[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Extend a token's expiry within its policy */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The new expiry, in days from now; within the owner's policy. */
                        expiresInDays: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayPrefix: string;
                            expiresAt: string | null;
                            id: string;
                            kind: string;
                            label: string;
                            lastActiveAt: string | null;
                            owner: {
                                id: string;
                                type: string;
                            } | null;
                            purpose: string | null;
                            revokedAt: string | null;
                            revokedReason: string | null;
                            scopes: string[];
                            status: string;
                            /** @description An admin's suspension; null when none. */
                            suspension: {
                                at: string;
                                by: string | null;
                                reason: string;
                            } | null;
                            tags: string[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A token's rate limits and quota, and how much of each is left */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Every counter now, the policy's first. */
                            current: {
                                kind: "rate" | "quota";
                                limit: number;
                                remaining: number;
                                /**
                                 * Format: date-time
                                 * @description When the count starts over; null: never.
                                 */
                                resetAt: string | null;
                                /** @description The rate limit's window, or the quota's refill period; null for a quota that never refills. */
                                windowSeconds: number | null;
                            }[];
                            /** @description The governing policy's limits. */
                            policy: {
                                quota: {
                                    /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                    refillEverySeconds?: number | null;
                                    /** @description Verifications allowed in all (per period when it refills). */
                                    uses: number;
                                } | null;
                                /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                rateLimits: {
                                    /** @description Verifications allowed per window. */
                                    limit: number;
                                    /** @description The window, in seconds (60: per minute, 86400: per day). */
                                    windowSeconds: number;
                                }[];
                            } | null;
                            /** @description The token's own limits. */
                            token: {
                                quota: {
                                    /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                    refillEverySeconds?: number | null;
                                    /** @description Verifications allowed in all (per period when it refills). */
                                    uses: number;
                                } | null;
                                /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                rateLimits: {
                                    /** @description Verifications allowed per window. */
                                    limit: number;
                                    /** @description The window, in seconds (60: per minute, 86400: per day). */
                                    windowSeconds: number;
                                }[];
                            } | null;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /**
         * Set a token's own rate limits and quota (they narrow its policy's)
         * @description Replaces the token's own limits; `{}` removes them. Verifications count against every limit of the token and of its policy.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        quota?: {
                            /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                            refillEverySeconds?: number | null;
                            /** @description Verifications allowed in all (per period when it refills). */
                            uses: number;
                        } | null;
                        /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                        rateLimits?: {
                            /** @description Verifications allowed per window. */
                            limit: number;
                            /** @description The window, in seconds (60: per minute, 86400: per day). */
                            windowSeconds: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Every counter now, the policy's first. */
                            current: {
                                kind: "rate" | "quota";
                                limit: number;
                                remaining: number;
                                /**
                                 * Format: date-time
                                 * @description When the count starts over; null: never.
                                 */
                                resetAt: string | null;
                                /** @description The rate limit's window, or the quota's refill period; null for a quota that never refills. */
                                windowSeconds: number | null;
                            }[];
                            /** @description The governing policy's limits. */
                            policy: {
                                quota: {
                                    /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                    refillEverySeconds?: number | null;
                                    /** @description Verifications allowed in all (per period when it refills). */
                                    uses: number;
                                } | null;
                                /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                rateLimits: {
                                    /** @description Verifications allowed per window. */
                                    limit: number;
                                    /** @description The window, in seconds (60: per minute, 86400: per day). */
                                    windowSeconds: number;
                                }[];
                            } | null;
                            /** @description The token's own limits. */
                            token: {
                                quota: {
                                    /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                    refillEverySeconds?: number | null;
                                    /** @description Verifications allowed in all (per period when it refills). */
                                    uses: number;
                                } | null;
                                /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                rateLimits: {
                                    /** @description Verifications allowed per window. */
                                    limit: number;
                                    /** @description The window, in seconds (60: per minute, 86400: per day). */
                                    windowSeconds: number;
                                }[];
                            } | null;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}/purpose": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Say what a token is for */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        purpose: string | null;
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayPrefix: string;
                            expiresAt: string | null;
                            id: string;
                            kind: string;
                            label: string;
                            lastActiveAt: string | null;
                            owner: {
                                id: string;
                                type: string;
                            } | null;
                            purpose: string | null;
                            revokedAt: string | null;
                            revokedReason: string | null;
                            scopes: string[];
                            status: string;
                            /** @description An admin's suspension; null when none. */
                            suspension: {
                                at: string;
                                by: string | null;
                                reason: string;
                            } | null;
                            tags: string[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a suspended token, with a reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayPrefix: string;
                            expiresAt: string | null;
                            id: string;
                            kind: string;
                            label: string;
                            lastActiveAt: string | null;
                            owner: {
                                id: string;
                                type: string;
                            } | null;
                            purpose: string | null;
                            revokedAt: string | null;
                            revokedReason: string | null;
                            scopes: string[];
                            status: string;
                            /** @description An admin's suspension; null when none. */
                            suspension: {
                                at: string;
                                by: string | null;
                                reason: string;
                            } | null;
                            tags: string[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a token
         * @description A new secret for the same token id, in `token` once. During `gracePeriodHours` (0-24, default 0) the old secret still verifies.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        gracePeriodHours?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            delivery?: {
                                expiresAt: string;
                                id: string;
                                link: string;
                            };
                            displayPrefix: string;
                            expiresAt: string | null;
                            id: string;
                            kind: string;
                            label: string;
                            lastActiveAt: string | null;
                            owner: {
                                id: string;
                                type: string;
                            } | null;
                            revokedAt: string | null;
                            revokedReason: string | null;
                            scopes: string[];
                            status: string;
                            /** @description The secret: shown once, never again. */
                            token?: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend one token, with a reason
         * @description Reversible: resume lifts it. The owner's reactivation does not.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayPrefix: string;
                            expiresAt: string | null;
                            id: string;
                            kind: string;
                            label: string;
                            lastActiveAt: string | null;
                            owner: {
                                id: string;
                                type: string;
                            } | null;
                            purpose: string | null;
                            revokedAt: string | null;
                            revokedReason: string | null;
                            scopes: string[];
                            status: string;
                            /** @description An admin's suspension; null when none. */
                            suspension: {
                                at: string;
                                by: string | null;
                                reason: string;
                            } | null;
                            tags: string[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}/usage/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A token's usage events, newest first
         * @description Every verification of the token (kept 90 days by default); identical ones within a flush window (about a second) are one row with `count`. Filters combine; pages follow `links.next`.
         */
        get: {
            parameters: {
                query?: {
                    code?: "VALID" | "MALFORMED" | "NOT_FOUND" | "REVOKED" | "EXPIRED" | "SUSPENDED" | "INSUFFICIENT_SCOPE" | "IP_NOT_ALLOWED" | "USE_BLOCKED_BY_POLICY" | "RATE_LIMITED" | "QUOTA_EXHAUSTED";
                    /** @description The `links.next` of the previous page. */
                    cursor?: string;
                    /** @description Events at or after this time. */
                    from?: string;
                    ip?: string;
                    /** @description Default 100; values above 1000 are treated as 1000. */
                    pageSize?: number;
                    route?: string;
                    /** @description Events before this time. */
                    to?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /**
                                 * Format: date-time
                                 * @description When it happened (the first of `count` identical calls).
                                 */
                                at: string;
                                /** @enum {string} */
                                code: "VALID" | "MALFORMED" | "NOT_FOUND" | "REVOKED" | "EXPIRED" | "SUSPENDED" | "INSUFFICIENT_SCOPE" | "IP_NOT_ALLOWED" | "USE_BLOCKED_BY_POLICY" | "RATE_LIMITED" | "QUOTA_EXHAUSTED";
                                /** @description Identical verifications coalesced into this row. */
                                count: number;
                                ip: string | null;
                                /** @description The first call of this token from this IP, after calls from other IPs. */
                                isNewIp: boolean;
                                /** @description The first kept call of this token with this user agent, after earlier calls. */
                                isNewUserAgent: boolean;
                                /**
                                 * Format: date-time
                                 * @description The last of them (within one flush window, about a second).
                                 */
                                lastAt: string;
                                method: string | null;
                                route: string | null;
                                /** @description The gateway's delegated mode: the upstream account the call was made as. */
                                upstreamAccount: string | null;
                                upstreamStatus: number | null;
                                userAgent: string | null;
                            }[];
                            links: {
                                next: string | null;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}/usage/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A token's usage summary: per day, per route, per IP, first and last seen */
        get: {
            parameters: {
                query?: {
                    /** @description UTC days back, today included (default 30). */
                    days?: number;
                };
                header?: never;
                path: {
                    orgId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: number;
                            /** Format: date-time */
                            firstSeenAt: string | null;
                            /** Format: date-time */
                            lastSeenAt: string | null;
                            perDay: {
                                calls: number;
                                date: string;
                                distinctIps: number;
                                errors: number;
                            }[];
                            perIp: {
                                calls: number;
                                /** Format: date-time */
                                firstSeenAt: string;
                                ip: string | null;
                                /** Format: date-time */
                                lastSeenAt: string;
                            }[];
                            perRoute: {
                                calls: number;
                                errors: number;
                                method: string | null;
                                route: string | null;
                            }[];
                            tokenId: string;
                            totals: {
                                calls: number;
                                errors: number;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count the tokens by status and owner kind
         * @description Takes the list filters except `status` and `ownerKind`, which are what it counts by.
         */
        get: {
            parameters: {
                query?: {
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    createdAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    createdAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    createdAtRangeTo?: string;
                    /** @description Enables the createdAt (past) filter: gt (more than Value Uom away), lt (less than), range. */
                    createdAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    createdAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    createdAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    createdAtValue?: string;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    expiresAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    expiresAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    expiresAtRangeTo?: string;
                    /** @description Enables the expiresAt (mostly future) filter: gt (more than Value Uom away), lt (less than), range. */
                    expiresAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    expiresAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    expiresAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    expiresAtValue?: string;
                    /** @description Not used in the last N days (a never-used token counts from its creation); 1-100000. */
                    idleDays?: string;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    lastActiveAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    lastActiveAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    lastActiveAtRangeTo?: string;
                    /** @description Enables the lastActiveAt (past) filter: gt (more than Value Uom away), lt (less than), range. */
                    lastActiveAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    lastActiveAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    lastActiveAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    lastActiveAtValue?: string;
                    /** @description true: never used; false: used at least once. */
                    neverUsed?: string;
                    /** @description Only the tokens of this user or service account (its id). */
                    ownerId?: string;
                    /** @description Comma-separated: user, service-account, admin-key. Default: all. */
                    ownerKind?: string;
                    /** @description Case-insensitive substring of the label, the owner name or the owner e-mail. */
                    q?: string;
                    /** @description Only tokens holding this exact scope. */
                    scope?: string;
                    /** @description tokenward (tokens Tokenward issued) or a connector id (tokens read from that connected system). Default: every source. */
                    source?: string;
                    /** @description Comma-separated: active, suspended, expired, revoked. Default: all but revoked. */
                    status?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byOwnerKind: {
                                "admin-key": number;
                                "service-account": number;
                                user: number;
                            };
                            bySource: {
                                [key: string]: number;
                            };
                            byStatus: {
                                active: number;
                                expired: number;
                                revoked: number;
                                suspended: number;
                            };
                            cells: {
                                count: number;
                                ownerKind: "user" | "service-account" | "admin-key";
                                source: string;
                                status: "active" | "suspended" | "expired" | "revoked";
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The filtered list as CSV, streamed
         * @description Same filters and sort as the list, every page. Cells a spreadsheet would run as a formula get a leading apostrophe.
         */
        get: {
            parameters: {
                query?: {
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    createdAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    createdAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    createdAtRangeTo?: string;
                    /** @description Enables the createdAt (past) filter: gt (more than Value Uom away), lt (less than), range. */
                    createdAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    createdAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    createdAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    createdAtValue?: string;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    expiresAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    expiresAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    expiresAtRangeTo?: string;
                    /** @description Enables the expiresAt (mostly future) filter: gt (more than Value Uom away), lt (less than), range. */
                    expiresAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    expiresAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    expiresAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    expiresAtValue?: string;
                    /** @description Not used in the last N days (a never-used token counts from its creation); 1-100000. */
                    idleDays?: string;
                    /** @description range: inclusive start, ISO-8601 date or date-time. */
                    lastActiveAtFrom?: string;
                    /** @description range: relative window start, in Uom from now (default 0). */
                    lastActiveAtRangeFrom?: string;
                    /** @description range: relative window end, in Uom from now (default unbounded). */
                    lastActiveAtRangeTo?: string;
                    /** @description Enables the lastActiveAt (past) filter: gt (more than Value Uom away), lt (less than), range. */
                    lastActiveAtSearchType?: string;
                    /** @description range: inclusive end, ISO-8601 date (whole day) or date-time. */
                    lastActiveAtTo?: string;
                    /** @description hour, day, week, month or year (plurals and any case accepted). */
                    lastActiveAtUom?: string;
                    /** @description Number of Uom for gt/lt. */
                    lastActiveAtValue?: string;
                    /** @description true: never used; false: used at least once. */
                    neverUsed?: string;
                    /** @description Only the tokens of this user or service account (its id). */
                    ownerId?: string;
                    /** @description Comma-separated: user, service-account, admin-key. Default: all. */
                    ownerKind?: string;
                    /** @description Case-insensitive substring of the label, the owner name or the owner e-mail. */
                    q?: string;
                    /** @description Only tokens holding this exact scope. */
                    scope?: string;
                    /** @description [+|-]createdAt, lastActiveAt, expiresAt or label; default -createdAt. */
                    sort?: string;
                    /** @description tokenward (tokens Tokenward issued) or a connector id (tokens read from that connected system). Default: every source. */
                    source?: string;
                    /** @description Comma-separated: active, suspended, expired, revoked. Default: all but revoked. */
                    status?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/csv; one header line, then one line per token. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/idle-past-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tokens idle past their policy
         * @description What the idle-revoke job's plan would revoke now (idle longer than the owner's effective policy's idleRevokeAfterDays, or the org's automation setting) and how many are in the warning window. Read-only; costs what a dry run of idle-revoke costs.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Tokens idle longer than their owner's policy allows: the next idle-revoke run revokes them. */
                            pastPolicy: number;
                            /** Format: date-time */
                            plannedAt: string;
                            /** @description The first 100 past their policy, longest idle first. */
                            tokens: {
                                id: string;
                                idleDays: number;
                                /** Format: date-time */
                                lastActiveAt: string;
                                revokeAfterDays: number;
                            }[];
                            /** @description Tokens within the warning window before that limit. */
                            warned: number;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/tokens/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke many tokens
         * @description Up to 1000 tokens of the org in one transaction, each audited as a single revoke. Ids the org does not hold come back in `notFound`; revoked ones in `alreadyRevoked`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                        tokenIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                alreadyRevoked: string[];
                                notFound: string[];
                                revoked: string[];
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/usage/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The org's calls per day
         * @description Verified calls of every token of the org, per UTC day over the last `days` days (today included), from the daily aggregates: they outlive raw events. Admin keys' own calls to the admin API are not counted here (each key's activity lists them).
         */
        get: {
            parameters: {
                query?: {
                    /** @description UTC days back, today included (default 30). */
                    days?: number;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: number;
                            perDay: {
                                calls: number;
                                /** @description UTC day, YYYY-MM-DD; every day of the window is listed, oldest first. */
                                date: string;
                                errors: number;
                                /** @description Tokens verified at least once that day. */
                                tokens: number;
                            }[];
                            totals: {
                                calls: number;
                                errors: number;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/usage/new-ips": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tokens used from new IPs
         * @description IPs first seen in the last days by tokens that were already in use from other IPs before (a new token's first IPs are not listed).
         */
        get: {
            parameters: {
                query?: {
                    /** @description UTC days back, today included (default 7). */
                    days?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                calls: number;
                                /** Format: date-time */
                                firstSeenAt: string;
                                ip: string;
                                kind: string;
                                label: string;
                                /** Format: date-time */
                                lastSeenAt: string;
                                tokenId: string;
                            }[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/usage/top-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The org's most used tokens over the last days */
        get: {
            parameters: {
                query?: {
                    /** @description UTC days back, today included (default 7). */
                    days?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                calls: number;
                                errors: number;
                                kind: string;
                                label: string;
                                /** Format: date-time */
                                lastSeenAt: string;
                                owner: {
                                    id: string;
                                    type: string;
                                } | null;
                                tokenId: string;
                            }[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Oldest first, keyset-paged: pass `links.next` or `links.prev` back as `cursor` with the same filters.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A `links.next` or `links.prev` value of the previous page. */
                    cursor?: string;
                    /** @description Default 100; values above 1000 are treated as 1000. */
                    pageSize?: number;
                    /** @description Case-insensitive substring of the name or the e-mail. */
                    q?: string;
                    role?: "owner" | "admin" | "approver" | "auditor" | "member";
                    status?: "active" | "deactivated";
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                accountType: "managed" | "external";
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                id: string;
                                name: string;
                                role: "owner" | "admin" | "approver" | "auditor" | "member";
                                status: "active" | "deactivated";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a user
         * @description `role` defaults to member, `accountType` to managed. An e-mail already used in the org (any case) is 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accountType?: "managed" | "external";
                        /** Format: email */
                        email: string;
                        name: string;
                        role?: "owner" | "admin" | "approver" | "auditor" | "member";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountType: "managed" | "external";
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            id: string;
                            name: string;
                            role: "owner" | "admin" | "approver" | "auditor" | "member";
                            status: "active" | "deactivated";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountType: "managed" | "external";
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            id: string;
                            name: string;
                            role: "owner" | "admin" | "approver" | "auditor" | "member";
                            status: "active" | "deactivated";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user
         * @description Any of `name`, `email`, `role`. Moving the last active owner off the owner role is 409.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email?: string;
                        name?: string;
                        role?: "owner" | "admin" | "approver" | "auditor" | "member";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountType: "managed" | "external";
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            id: string;
                            name: string;
                            role: "owner" | "admin" | "approver" | "auditor" | "member";
                            status: "active" | "deactivated";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/users/{userId}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate a user and suspend their tokens
         * @description Every active token the user owns becomes suspended in the same transaction. The org's last active owner cannot be deactivated (409).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokensSuspended: number;
                            user: {
                                accountType: "managed" | "external";
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                id: string;
                                name: string;
                                role: "owner" | "admin" | "approver" | "auditor" | "member";
                                status: "active" | "deactivated";
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/users/{userId}/effective-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's effective policy, and why
         * @description The governing policy (its rule applies whole), every policy that applies in precedence order, and through which assignment. With `scopes`, whether the user may create a token holding them on their own, explained per scope.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated scope names: explain the decision for a token holding them. */
                    scopes?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description allowedScopes expanded against the catalogue. */
                                allowedScopeNames: string[];
                                applied: {
                                    id: string;
                                    isDefault: boolean;
                                    name: string;
                                    priority: number;
                                    via: {
                                        id?: string;
                                        name?: string | null;
                                        type: string;
                                    }[];
                                }[];
                                /** @description direct, approval or blocked: for the scopes asked about, else the most a member can do on their own. */
                                creation?: string;
                                decision?: {
                                    /** @description direct, approval or blocked. */
                                    creation: string;
                                    decidingClasses: string[];
                                    reason: string;
                                    scopes: {
                                        allowedByPolicy: boolean;
                                        class: string | null;
                                        /** @description The class's mode: allowed, approval or blocked; null for a scope the catalogue does not hold. */
                                        creation: string | null;
                                        description: string | null;
                                        scope: string;
                                    }[];
                                };
                                policy: {
                                    id: string;
                                    isDefault: boolean;
                                    name: string;
                                    priority: number;
                                };
                                reason: string;
                                rule: {
                                    allowedScopes: string[];
                                    creationByClass: {
                                        admin: string;
                                        delete: string;
                                        read: string;
                                        write: string;
                                    };
                                    defaultLifetimeDays: number;
                                    idleRevokeAfterDays: number | null;
                                    ipAllowlist: string[];
                                    maxLifetimeDays: number;
                                    purposeMinLength?: number;
                                    quota?: {
                                        /** @description Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never. */
                                        refillEverySeconds?: number | null;
                                        /** @description Verifications allowed in all (per period when it refills). */
                                        uses: number;
                                    };
                                    /** @description Every window applies: e.g. 100 per minute and 10,000 per day. */
                                    rateLimits?: {
                                        /** @description Verifications allowed per window. */
                                        limit: number;
                                        /** @description The window, in seconds (60: per minute, 86400: per day). */
                                        windowSeconds: number;
                                    }[];
                                    requireJustification: boolean;
                                    tokenCreation: string;
                                    tokenUse: string;
                                };
                                via: {
                                    id?: string;
                                    name?: string | null;
                                    type: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/users/{userId}/invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make an invite link (valid 7 days) with which the user sets a password
         * @description Older unused invite links of the user stop working. 409 for a deactivated user.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                            kind: "invite" | "password_reset" | "owner_setup";
                            linkId: string;
                            url: string;
                            userId: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/users/{userId}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a password reset link (valid 1 hour) for the user
         * @description Older unused reset links of the user stop working. 409 for a deactivated user.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                            kind: "invite" | "password_reset" | "owner_setup";
                            linkId: string;
                            url: string;
                            userId: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/users/{userId}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reactivate a user and restore their suspended tokens
         * @description Suspended tokens become active again; expired tokens stay expired and revoked ones stay revoked.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokensRestored: number;
                            user: {
                                accountType: "managed" | "external";
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                id: string;
                                name: string;
                                role: "owner" | "admin" | "approver" | "auditor" | "member";
                                status: "active" | "deactivated";
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook endpoints */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                createdAt: string;
                                description: string | null;
                                disabledReason: string | null;
                                enabled: boolean;
                                eventTypes: string[];
                                format: "standard" | "slack";
                                id: string;
                                /** Format: date-time */
                                updatedAt: string;
                                url: string;
                            }[];
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a webhook endpoint
         * @description Returns the signing secret (`whsec_...`) once. `format` `slack` sends Slack incoming-webhook messages.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        /** @description Event types to send; empty or unset: all. */
                        eventTypes?: ("token.created" | "token.revoked" | "token.rotated" | "token.clamped" | "token.expiring" | "token.expired" | "token.idle_warning" | "token.idle_revoked" | "token.leaked" | "scim_token.leaked" | "admin_key.created" | "admin_key.revoked" | "user.deactivated" | "user.reactivated" | "service_account.deleted" | "approval.requested" | "approval.decided" | "approval.reminder" | "policy.changed" | "digest.weekly" | "connector.sync_completed" | "connector.sync_failed" | "token.discovered")[];
                        format?: "standard" | "slack";
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The Standard Webhooks signing secret (`whsec_...`). Shown only now. */
                            secret: string;
                            webhook: {
                                /** Format: date-time */
                                createdAt: string;
                                description: string | null;
                                disabledReason: string | null;
                                enabled: boolean;
                                eventTypes: string[];
                                format: "standard" | "slack";
                                id: string;
                                /** Format: date-time */
                                updatedAt: string;
                                url: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook endpoint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            disabledReason: string | null;
                            enabled: boolean;
                            eventTypes: string[];
                            format: "standard" | "slack";
                            id: string;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a webhook endpoint */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a webhook endpoint */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        enabled?: boolean;
                        eventTypes?: ("token.created" | "token.revoked" | "token.rotated" | "token.clamped" | "token.expiring" | "token.expired" | "token.idle_warning" | "token.idle_revoked" | "token.leaked" | "scim_token.leaked" | "admin_key.created" | "admin_key.revoked" | "user.deactivated" | "user.reactivated" | "service_account.deleted" | "approval.requested" | "approval.decided" | "approval.reminder" | "policy.changed" | "digest.weekly" | "connector.sync_completed" | "connector.sync_failed" | "token.discovered")[];
                        format?: "standard" | "slack";
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            disabledReason: string | null;
                            enabled: boolean;
                            eventTypes: string[];
                            format: "standard" | "slack";
                            id: string;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an endpoint's deliveries
         * @description Oldest first, keyset-paged; `status=dead` lists the dead letters.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A `links.next` or `links.prev` value of the previous page. */
                    cursor?: string;
                    /** @description Default 100; values above 1000 are treated as 1000. */
                    pageSize?: number;
                    status?: "pending" | "delivering" | "succeeded" | "dead";
                };
                header?: never;
                path: {
                    orgId: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                attempts: number;
                                /** Format: date-time */
                                completedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Sent as `webhook-id` on every attempt. */
                                eventId: string;
                                id: string;
                                lastError: string | null;
                                lastStatusCode: number | null;
                                /** Format: date-time */
                                nextAttemptAt: string;
                                status: "pending" | "delivering" | "succeeded" | "dead";
                            }[];
                            links: {
                                next: string | null;
                                prev: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again
         * @description A dead or delivered delivery goes back to pending with its attempts reset; the `webhook-id` stays the same.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                    orgId: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** Format: date-time */
                            completedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Sent as `webhook-id` on every attempt. */
                            eventId: string;
                            id: string;
                            lastError: string | null;
                            lastStatusCode: number | null;
                            /** Format: date-time */
                            nextAttemptAt: string;
                            status: "pending" | "delivering" | "succeeded" | "dead";
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tokenward/v1/orgs/{orgId}/webhooks/{webhookId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the signing secret
         * @description Returns the new secret once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The Standard Webhooks signing secret (`whsec_...`). Shown only now. */
                            secret: string;
                            webhook: {
                                /** Format: date-time */
                                createdAt: string;
                                description: string | null;
                                disabledReason: string | null;
                                enabled: boolean;
                                eventTypes: string[];
                                format: "standard" | "slack";
                                id: string;
                                /** Format: date-time */
                                updatedAt: string;
                                url: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organizations this API key can reach */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                attributes: {
                                    name: string;
                                };
                                id: string;
                                links?: {
                                    self: string;
                                };
                                /** @enum {string} */
                                type: "orgs";
                            }[];
                            links: {
                                next: string | null;
                                self: string;
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/orgs/{orgId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an organization */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                attributes: {
                                    name: string;
                                };
                                id: string;
                                links?: {
                                    self: string;
                                };
                                /** @enum {string} */
                                type: "orgs";
                            };
                        };
                    };
                };
                /** @description Atlassian-style error body. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Atlassian-style error body. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * ErrorResponse
         * @description Atlassian-style error body.
         */
        "def-0": {
            errors: {
                code: string;
                detail: string;
                id?: string;
                status: string;
                title: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
