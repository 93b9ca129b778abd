import {createHash, timingSafeEqual} from 'node:crypto';
import type {IncomingHttpHeaders} from 'node:http';
import {ApiError} from './errors.js';

/** The API key and `x-org-id` rules, in the order JumpCloud documents its answers. */

export type AccessConfig = {apiKey: string; orgId: string; multiTenant: boolean};

/** Routes where JumpCloud refuses `x-org-id` (the PowerShell module strips it there). */
function refusesOrgHeader(path: string): boolean {
	return /^\/api\/(organizations|v2\/organizations|v2\/providers)(\/|$)/.test(path);
}

/** Equal-time comparison, so a probing client learns nothing from response times. */
function sameSecret(given: string, expected: string): boolean {
	const digest = (text: string) => createHash('sha256').update(text).digest();
	return timingSafeEqual(digest(given), digest(expected));
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

/** The error to answer with, or undefined when the request may proceed. */
export function checkAccess(headers: IncomingHttpHeaders, path: string, config: AccessConfig): ApiError | undefined {
	const key = header(headers, 'x-api-key');
	if (key === undefined || !sameSecret(key, config.apiKey)) {
		return new ApiError(401, 'Unauthorized: the x-api-key header is missing or not a valid API key');
	}
	const orgId = header(headers, 'x-org-id');
	if (refusesOrgHeader(path)) {
		return orgId === undefined ? undefined : new ApiError(403, 'Forbidden: the x-org-id header is not supported on this route');
	}
	if (orgId === undefined) {
		return config.multiTenant
			? new ApiError(401, 'Unauthorized: the x-org-id header is required for a multi-tenant administrator (the organization id)')
			: undefined;
	}
	if (!/^[a-f0-9]{24}$/i.test(orgId)) return new ApiError(400, 'Bad Request: x-org-id must be a 24-character hexadecimal organization id');
	if (orgId.toLowerCase() !== config.orgId) return new ApiError(404, 'Not Found: no organization with that x-org-id');
	return undefined;
}
