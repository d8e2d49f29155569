/**
 * The admin API as the server documents it, for the CLI's client. Generated: do not edit;
 * run `npm run generate:api-types` after changing a route.
 */
export interface paths {
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
                        /** @description For Atlassian: an organization admin API key. For GitHub: a JSON object {"appId", "installationId", "privateKey", "webhookSecret"} of the GitHub App. For GitLab: an administrator’s personal access token. Stored encrypted, never returned. */
                        credential: string;
                        name: string;
                        /** @description Minutes between scheduled syncs; default 60. */
                        scheduleMinutes?: number;
                        /** @description The connected system: atlassian, github or gitlab. */
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
                        /** @description For Atlassian: an organization admin API key. For GitHub: a JSON object {"appId", "installationId", "privateKey", "webhookSecret"} of the GitHub App. For GitLab: an administrator’s personal access token. Stored encrypted, never returned. */
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
    "/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/rotations/{rotationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One rotation and what happened upstream */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                    rotationId: string;
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
                            expiresInDays: number;
                            finishedAt: string | null;
                            id: string;
                            linkExpiresAt: string;
                            outcome: string | null;
                            recipientUserId: string;
                            /** @description pending, rotating, rotated, refused, unknown, resolved_rotated or resolved_not_rotated. */
                            state: string;
                            tokenId: string;
                            upstreamStatus: number | null;
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
    "/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/rotations/{rotationId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a rotation whose answer was lost, by reading the token from GitLab
         * @description Never rotates: it reads. The old token no longer works: resolved_rotated (the new value was lost). It still works: resolved_not_rotated.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectorId: string;
                    orgId: string;
                    rotationId: string;
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
                            expiresInDays: number;
                            finishedAt: string | null;
                            id: string;
                            linkExpiresAt: string;
                            outcome: string | null;
                            recipientUserId: string;
                            /** @description pending, rotating, rotated, refused, unknown, resolved_rotated or resolved_not_rotated. */
                            state: string;
                            tokenId: string;
                            upstreamStatus: number | null;
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
    "/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/tokens/{tokenId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate one token upstream, delivered to its owner through a one-time link
         * @description Nothing changes upstream until the recipient opens the link (signed in, once, within 7 days): GitLab then rotates the token and the new value is in that answer only. 409 while another rotation of the token is open or has an unknown outcome.
         */
        post: {
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
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Lifetime of the new token; default 30 days. */
                        expiresInDays?: number;
                        /** @description Who receives the link when the owner is not in the directory (group and project tokens). */
                        recipientUserId?: string;
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
                            link: string;
                            rotation: {
                                createdAt: string;
                                expiresInDays: number;
                                finishedAt: string | null;
                                id: string;
                                linkExpiresAt: string;
                                outcome: string | null;
                                recipientUserId: string;
                                /** @description pending, rotating, rotated, refused, unknown, resolved_rotated or resolved_not_rotated. */
                                state: string;
                                tokenId: string;
                                upstreamStatus: number | null;
                            };
                            /** @description The address to send the recipient: the console page that opens the link (the link itself after `#`, which browsers never send to a server). */
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
                    /** @description true: tokens that say what they are for; false: those that do not. */
                    hasPurpose?: string;
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
                    /** @description Case-insensitive substring of the label, the owner name, the owner e-mail, the purpose or a tag. */
                    q?: string;
                    /** @description Only tokens holding this exact scope. */
                    scope?: string;
                    /** @description [+|-]createdAt, lastActiveAt, expiresAt or label; default -createdAt. */
                    sort?: string;
                    /** @description tokenward (tokens Tokenward issued), atlassian, github or gitlab (tokens read from every connector of that kind), or a connector id (tokens read from that one connector). Default: every source. */
                    source?: string;
                    /** @description Comma-separated: active, suspended, expired, revoked. Default: all but revoked. */
                    status?: string;
                    /** @description Only tokens carrying this tag. */
                    tag?: string;
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
                                /** @description The policy governing the token's owner now (null for admin keys, and for a connected system's token whose owner matches nobody in the directory). */
                                governingPolicy: {
                                    id: string;
                                    name: string;
                                } | null;
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
                                /** @description What the token is for, in words; null when nobody said. */
                                purpose: string | null;
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
                                    /** @description The addresses the connected system says it was last used from (GitLab tells up to five); empty when not told. */
                                    lastUsedIps: string[];
                                    /** @description GitHub: all, subset or none (public repositories only); null elsewhere. */
                                    repositorySelection: string | null;
                                    /** @description Each scope in the connected system's words beside the Tokenward scope class a policy judges it by. */
                                    scopes: {
                                        name: string;
                                        /** @description read, write or admin; null where scopes are judged by name (Atlassian). */
                                        scopeClass: string | null;
                                        /** @description The connected system's own words: "repository contents: write" for GitHub, the scope itself for GitLab. */
                                        words: string;
                                    }[];
                                    type: string;
                                };
                                status: "active" | "suspended" | "expired" | "revoked";
                                /** @description Its tags, lower case. */
                                tags: string[];
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
                                /** @description The address to send the person: the console page that opens the link (the link itself after `#`, which browsers never send to a server). */
                                url: string;
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
                            /** @description The policy governing the token's owner now (null for admin keys, and for a connected system's token whose owner matches nobody in the directory). */
                            governingPolicy: {
                                id: string;
                                name: string;
                            } | null;
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
                            /** @description What the token is for, in words; null when nobody said. */
                            purpose: string | null;
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
                                /** @description The addresses the connected system says it was last used from (GitLab tells up to five); empty when not told. */
                                lastUsedIps: string[];
                                /** @description GitHub: all, subset or none (public repositories only); null elsewhere. */
                                repositorySelection: string | null;
                                /** @description Each scope in the connected system's words beside the Tokenward scope class a policy judges it by. */
                                scopes: {
                                    name: string;
                                    /** @description read, write or admin; null where scopes are judged by name (Atlassian). */
                                    scopeClass: string | null;
                                    /** @description The connected system's own words: "repository contents: write" for GitHub, the scope itself for GitLab. */
                                    words: string;
                                }[];
                                type: string;
                            };
                            status: "active" | "suspended" | "expired" | "revoked";
                            /** @description Its tags, lower case. */
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
                    /** @description true: tokens that say what they are for; false: those that do not. */
                    hasPurpose?: string;
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
                    /** @description Case-insensitive substring of the label, the owner name, the owner e-mail, the purpose or a tag. */
                    q?: string;
                    /** @description Only tokens holding this exact scope. */
                    scope?: string;
                    /** @description [+|-]createdAt, lastActiveAt, expiresAt or label; default -createdAt. */
                    sort?: string;
                    /** @description tokenward (tokens Tokenward issued), atlassian, github or gitlab (tokens read from every connector of that kind), or a connector id (tokens read from that one connector). Default: every source. */
                    source?: string;
                    /** @description Comma-separated: active, suspended, expired, revoked. Default: all but revoked. */
                    status?: string;
                    /** @description Only tokens carrying this tag. */
                    tag?: string;
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
