import type {IncomingHttpHeaders} from 'node:http';
import {checkAccess, type AccessConfig} from './auth.js';
import type {Directory} from './directory.js';
import {ApiError} from './errors.js';
import type {LiveKnobs} from './live-knobs.js';
import type {ParsedRequest} from './parsed-request.js';
import {errorReply} from './replies.js';
import {findRoute, type Reply} from './router.js';
import {v1Routes} from './routes-v1.js';
import {v2Routes} from './routes-v2.js';

const routes = [...v1Routes, ...v2Routes];

/** Auth, routing and the handler: everything JumpCloud itself would decide. A bug in a handler answers 500. */
export function answerRequest(headers: IncomingHttpHeaders, request: ParsedRequest, access: AccessConfig, directory: Directory, knobs: LiveKnobs): Reply {
	let found: ReturnType<typeof findRoute>;
	try {
		if (request.tooLarge) throw new ApiError(413, 'Request body too large: at most 1 MB');
		const denied = checkAccess(headers, request.path, access);
		if (denied) throw denied;
		found = findRoute(routes, request.method, request.path);
		if (!found) throw new ApiError(404, `Not Found: no route for ${request.method} ${request.path}`);
		if (request.badJson) throw new ApiError(400, 'Bad Request: the body is not valid JSON');
		return found.route.handle({...request, params: found.params, directory, settings: {duplicateUserStatus: knobs.duplicateUserStatus}});
	} catch (error) {
		if (error instanceof ApiError) return errorReply(error, knobs.errorStyle, found?.route);
		const message = error instanceof Error ? error.message : String(error);
		return errorReply(new ApiError(500, `Internal Server Error (a sandbox bug: ${message})`), knobs.errorStyle);
	}
}
