import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {Ajv, type ValidateFunction} from 'ajv';
import addFormatsModule from 'ajv-formats';
import {needsShared, sharedFolder} from './shared.js';
import type {RecordedRequest} from '../../source/sandbox/index.js';

/**
 * Checks traffic against JumpCloud's official specs in ../shared/jumpcloud. Requests the client
 * sent: the operation exists, query parameters are declared, the body validates against the
 * operation's schema with no property the schema does not declare. Answers the sandbox gave: the
 * status is declared and the body validates against the schema declared for it, again with no
 * undeclared property (list items included).
 *
 * Two copies of the specs: the SDK's (swagger 2.0, 2026, the newest field lists, but stripped of
 * most 4xx responses and of some parameters, see ../shared/jumpcloud/SOURCE.txt) and baton's
 * (OpenAPI 3, 2023, the original text with its 4xx responses and parameters such as
 * `cascade_manager`). A response or query parameter declared in either is declared; schemas are
 * always the SDK's definitions (baton's `#/components/schemas/X` is the SDK's `#/definitions/X`).
 */

export const specFolder = path.join(sharedFolder, 'jumpcloud');
export const specsPresent = existsSync(path.join(specFolder, 'JumpCloud.SDK.V1.json'));
export const skipReason = `contract tests skipped: ${specFolder} is absent (JumpCloud's specs live in ../shared) ${needsShared}`;

type Schema = Record<string, unknown>;
type Response = {description?: string; schema?: Schema};
type Operation = {parameters?: Schema[]; responses?: Record<string, Response>};
type Spec = {paths: Record<string, Record<string, unknown>>; definitions: Record<string, Schema>; parameters: Record<string, Schema>};
type Version = 'v1' | 'v2';
/** A baton operation, reduced to what is checked: its query parameters and its responses' schemas. */
type BatonOperation = {query: Set<string>; responses: Map<string, {schemaRef?: string; schema?: Schema; content: boolean}>};

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let loaded: {v1: Spec; v2: Spec; ajv: Ajv; batonV1Text: string; baton: Record<Version, Record<string, Record<string, BatonOperation>>>} | undefined;
function specs() {
	if (loaded) return loaded;
	const read = (name: string) => nullable(JSON.parse(readFileSync(path.join(specFolder, name), 'utf8'))) as Spec;
	const v1 = read('JumpCloud.SDK.V1.json');
	const v2 = read('JumpCloud.SDK.V2.json');
	// Swagger 2.0 schemas are JSON Schema with extensions (x-nullable, x-ms-enum): not strict.
	const ajv = new Ajv({strict: false, allErrors: true, validateSchema: false});
	addFormats(ajv);
	ajv.addFormat('byte', true);
	ajv.addSchema({definitions: v1.definitions}, 'v1');
	ajv.addSchema({definitions: v2.definitions}, 'v2');
	const batonText = (version: Version) => readFileSync(path.join(specFolder, `baton-jumpcloud/jcapi${version === 'v1' ? 1 : 2}/openapi.yaml`), 'utf8');
	const batonV1Text = batonText('v1');
	loaded = {v1, v2, ajv, batonV1Text, baton: {v1: batonOperations(batonV1Text), v2: batonOperations(batonText('v2'))}};
	return loaded;
}

/** swagger's `x-nullable: true` as JSON Schema: null is a value of that type too. */
function nullable(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(nullable);
	if (value === null || typeof value !== 'object') return value;
	const copy: Schema = {};
	for (const [key, child] of Object.entries(value)) copy[key] = nullable(child);
	if (copy['x-nullable'] === true && typeof copy.type === 'string') copy.type = [copy.type, 'null'];
	return copy;
}

const specOf = (version: Version) => specs()[version];

/** The spec operation for a request path, e.g. /api/v2/usergroups/abc/members → v2 /usergroups/{group_id}/members. */
function findOperation(method: string, requestPath: string): {version: Version; template: string; operation: Operation; baton?: BatonOperation} | undefined {
	const [version, rest] = requestPath.startsWith('/api/v2/')
		? (['v2', requestPath.slice('/api/v2'.length)] as const)
		: (['v1', requestPath.slice('/api'.length)] as const);
	const matches = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(rest);
	const batonFor = () => {
		for (const [template, operations] of Object.entries(specs().baton[version])) {
			if (matches(template) && operations[method.toLowerCase()]) return operations[method.toLowerCase()];
		}
		return undefined;
	};
	for (const [template, item] of Object.entries(specOf(version).paths)) {
		if (!matches(template)) continue;
		const operation = item[method.toLowerCase()] as Operation | undefined;
		if (operation) return {version, template, operation, baton: batonFor()};
	}
	return undefined;
}

function resolveParameter(spec: Spec, parameter: Schema): Schema {
	const ref = parameter.$ref as string | undefined;
	if (!ref) return parameter;
	return spec.parameters[ref.replace('#/parameters/', '')] ?? {};
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(version: Version, schema: Schema): ValidateFunction {
	const key = `${version}:${JSON.stringify(schema)}`;
	let validate = validators.get(key);
	if (!validate) {
		const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/definitions/', `"${version}#/definitions/`));
		validate = specs().ajv.compile(rewritten);
		validators.set(key, validate);
	}
	return validate;
}

/** Properties of `value` that `schema` does not declare (following $ref and allOf), as JSON paths. */
function undeclared(spec: Spec, schema: Schema | undefined, value: unknown, at: string): string[] {
	if (!schema || value === null || typeof value !== 'object') return [];
	const resolved = resolveSchema(spec, schema);
	if (Array.isArray(value)) {
		return value.flatMap((item, i) => undeclared(spec, resolved.items as Schema | undefined, item, `${at}[${i}]`));
	}
	const properties = collectProperties(spec, resolved);
	if (properties === undefined) return []; // free-form object (search filters, graph attributes)
	return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
		key in properties ? undeclared(spec, properties[key], child, `${at}.${key}`) : [`${at}.${key}`],
	);
}

function resolveSchema(spec: Spec, schema: Schema): Schema {
	const ref = schema.$ref as string | undefined;
	return ref ? resolveSchema(spec, spec.definitions[ref.replace('#/definitions/', '')] ?? {}) : schema;
}

function collectProperties(spec: Spec, schema: Schema): Record<string, Schema> | undefined {
	const own = schema.properties as Record<string, Schema> | undefined;
	const parts = ((schema.allOf as Schema[] | undefined) ?? []).map((part) => collectProperties(spec, resolveSchema(spec, part)));
	if (!own && parts.length === 0) return undefined;
	if (schema.additionalProperties === true && !own) return undefined;
	return Object.assign({}, ...parts.filter(Boolean), own);
}

export type Violation = {request: string; problem: string};

export function checkRequest(request: Pick<RecordedRequest, 'method' | 'path' | 'query' | 'body' | 'headers'>): Violation[] {
	const label = `${request.method} ${request.path}`;
	const problems: string[] = [];
	const found = findOperation(request.method, request.path);
	if (!found) return [{request: label, problem: 'no such operation in the spec'}];
	const spec = specOf(found.version);
	const parameters = (found.operation.parameters ?? []).map((p) => resolveParameter(spec, p));

	if (!request.headers['x-api-key']) problems.push('no x-api-key header');
	// Either copy: the SDK's drops some parameters the service takes (DELETE /systemusers/{id}'s
	// cascade_manager is only in baton's, with its documented meaning).
	const declaredQuery = new Set([...parameters.filter((p) => p.in === 'query').map((p) => p.name as string), ...(found.baton?.query ?? [])]);
	for (const name of Object.keys(request.query)) {
		if (!declaredQuery.has(name)) problems.push(`query parameter '${name}' is not declared`);
	}

	const bodyParameter = parameters.find((p) => p.in === 'body');
	if (request.body !== undefined && request.body !== null) {
		if (!bodyParameter) problems.push('sends a body the operation does not take');
		else {
			if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) problems.push('body without a JSON content type');
			const schema = bodyParameter.schema as Schema;
			const validate = validatorFor(found.version, schema);
			if (!validate(request.body)) {
				// The 2026 copy flattens activate's `email` to a string (ApiTransform.ps1); the original
				// description documents `{"email": false}` to suppress the email, so that form is allowed.
				const activateFalse =
					found.template === '/systemusers/{id}/state/activate' &&
					(request.body as {email?: unknown}).email === false &&
					/\{ "email": false \}/.test(specs().batonV1Text);
				if (!activateFalse) problems.push(`body: ${specs().ajv.errorsText(validate.errors)}`);
			}
			for (const extra of undeclared(spec, schema, request.body, '$')) problems.push(`body property ${extra} is not in the spec`);
		}
	} else if (bodyParameter && (bodyParameter.required === true || (bodyParameter.schema as Schema)?.required)) {
		problems.push('no body, but the operation requires one');
	}
	return problems.map((problem) => ({request: label, problem}));
}

export function checkRequests(requests: readonly RecordedRequest[]): Violation[] {
	return requests.flatMap((request) => checkRequest(request));
}

/** The schema a response with this status is declared with, in which spec version, or why there is none. */
type Declared = {declared: true; version: Version; schema?: Schema; where: string} | {declared: false};

/**
 * The SDK's response for the status, else baton's, else either's `default`. Baton's schemas are
 * named like the SDK's definitions (its `system` is the SDK's `JcSystem`, renamed by
 * ApiTransform.ps1); a name the version's SDK lacks is taken from the other version's (the v1
 * SDK has no `ErrorDetails`, the v2 one has it with the same `Error` base).
 */
function declaredResponse(found: NonNullable<ReturnType<typeof findOperation>>, status: string): Declared {
	const sdk = found.operation.responses ?? {};
	const pick = (key: string): Declared | undefined => {
		const own = sdk[key];
		if (own) return {declared: true, version: found.version, ...(own.schema ? {schema: own.schema} : {}), where: `SDK ${key}`};
		const baton = found.baton?.responses.get(key);
		if (!baton) return undefined;
		if (baton.schemaRef === undefined && baton.schema === undefined) return {declared: true, version: found.version, where: `baton ${key}`};
		if (baton.schema) return {declared: true, version: found.version, schema: sdkSchema(found.version, baton.schema), where: `baton ${key}`};
		const [version, name] = sdkDefinition(found.version, baton.schemaRef!);
		return {declared: true, version, schema: {$ref: `#/definitions/${name}`}, where: `baton ${key}`};
	};
	return pick(status) ?? pick('default') ?? {declared: false};
}

function sdkDefinition(version: Version, batonRef: string): [Version, string] {
	const raw = batonRef.replace('#/components/schemas/', '');
	const name = raw === 'system' ? 'JcSystem' : raw;
	if (specOf(version).definitions[name]) return [version, name];
	const other: Version = version === 'v1' ? 'v2' : 'v1';
	if (specOf(other).definitions[name]) return [other, name];
	throw new Error(`baton schema ${batonRef} has no SDK definition`);
}

/** An inline baton schema (an array of refs, a string) in SDK terms. */
function sdkSchema(version: Version, schema: Schema): Schema {
	return JSON.parse(
		JSON.stringify(schema).replace(/"#\/components\/schemas\/([^"]+)"/g, (_, name: string) => {
			const [, sdkName] = sdkDefinition(version, `#/components/schemas/${name}`);
			return JSON.stringify(`#/definitions/${sdkName}`);
		}),
	);
}

/**
 * What the spec says of an error status it declares without a body schema (B-V1's 401s say only
 * "Unauthorized"), and of one it does not declare at all: JumpCloud's errors are its `Error`
 * (B-V1/B-V2 components.schemas.Error); the sandbox's bodies are held to that.
 */
const errorSchema: Schema = {$ref: '#/definitions/Error'};

export type ResponseOptions = {
	/**
	 * Statuses the specs do not declare for an operation but the service is known to answer (the
	 * caller keeps the sources): given `'POST /api/v2/usergroups/{id}/members'` and 409, true.
	 * Their bodies are still held to `Error`.
	 */
	knownUndeclared?: (operation: string, status: number) => boolean;
};

/**
 * Answers JumpCloud gives that neither spec declares for the operation, each with its source.
 * Their bodies are still held to the spec's `Error`.
 */
export const knownUndeclaredStatuses: ReadonlyArray<{where: RegExp; status: number; source: string}> = [
	{where: /.*/, status: 401, source: 'the key is checked before anything else (PS-V1 info.description "Multi-Tenant Portal Headers"; B-V1 declares 401 on most routes)'},
	{where: /^GET \/api\/organizations(\/\{id\})?$/, status: 403, source: 'PS-V1 info.description "Multi-Tenant Portal Headers": 403 when x-org-id is sent on a route that does not take it'},
	{where: /.*/, status: 429, source: 'rate limiting (KB best-practices-jumpcloud-api lists 429 among its response codes)'},
	{where: /.*/, status: 500, source: 'KB best-practices-jumpcloud-api response codes'},
	{where: /.*/, status: 503, source: 'KB best-practices-jumpcloud-api response codes (502-504)'},
	{where: /^(GET|DELETE) \/api\/systemusers\/\{id\}$/, status: 404, source: 'TheJumpCloud/jc-cli internal/api/errors_test.go: 404 {"message":"User not found"} on /systemusers/{id}'},
	{where: /^GET \/api\/(systems|organizations)\/\{id\}$/, status: 404, source: 'an id that names nothing, as for users'},
	{
		where: /^POST \/api\/v2\/(usergroups\/\{id\}\/members|systems\/\{id\}\/associations)$/,
		status: 409,
		source: 'a graph edge that exists: TheJumpCloud/jc-cli internal/cmd/groups.go ("409 Conflict when member already exists"); TheJumpCloud/support Update-JCUsersFromCSV tests ({"message":"Already Exists"})',
	},
];

export const isKnownUndeclared = (operation: string, status: number) =>
	knownUndeclaredStatuses.some((known) => known.status === status && known.where.test(operation));

/** Statuses no spec declares and no source shows that the sandbox answers all the same: every one UNCONFIRMED. */
export const sandboxChoiceStatuses: ReadonlyArray<{where: RegExp; status: number; why: string}> = [
	{where: /^(GET|POST) \/api\/v2\/(usergroups|systems)\/\{id\}\/(members|associations)$/, status: 404, why: 'a group, system or user that is not there; removing an edge that is not there'},
	{where: /^GET \/api\/v2\/usergroups\/\{id\}$/, status: 404, why: 'a group that is not there'},
	{where: /^POST \/api\/v2\/usergroups$/, status: 409, why: 'a group name taken (jc-cli bulk_resources_test.go has it in a mock)'},
	{where: /^(GET|POST) \/api\/(search\/)?(systemusers|systems|organizations)$|^GET \/api\/v2\//, status: 400, why: 'a malformed filter, limit or body: the specs declare no 400 for lists'},
	{where: /^POST \/api\/v2\//, status: 400, why: 'a malformed graph operation'},
	{where: /.*/, status: 413, why: 'a body over 1 MB'},
];

/** A status the sandbox may answer: known from a source, or its own UNCONFIRMED choice. */
export const isSandboxAnswer = (operation: string, status: number) =>
	isKnownUndeclared(operation, status) || sandboxChoiceStatuses.some((choice) => choice.status === status && choice.where.test(operation));

/** The operation's template with ids as `{id}`, as `knownUndeclared` names it. */
export function operationKey(method: string, requestPath: string): string {
	return `${method} ${requestPath.replace(/[a-f0-9]{24}/g, '{id}')}`;
}

/** Problems of the answer the sandbox recorded for `request`; none when it was not answered. */
export function checkResponse(request: Pick<RecordedRequest, 'method' | 'path' | 'status' | 'response'>, options: ResponseOptions = {}): Violation[] {
	if (request.status === undefined) return [];
	const label = `${request.method} ${request.path} → ${request.status}`;
	const found = findOperation(request.method, request.path);
	if (!found) return [{request: label, problem: 'no such operation in the spec'}];
	const problems: string[] = [];
	let body: unknown;
	try {
		body = request.response ? JSON.parse(request.response) : undefined;
	} catch {
		return [{request: label, problem: `the body is not JSON: ${request.response!.slice(0, 80)}`}];
	}

	let declared = declaredResponse(found, String(request.status));
	if (!declared.declared) {
		if (!options.knownUndeclared?.(operationKey(request.method, request.path), request.status)) {
			problems.push(`status ${request.status} is not declared for ${request.method} ${found.template} in either spec`);
		}
		declared = {declared: true, version: found.version, where: 'undeclared'};
	}
	let schema = declared.schema;
	if (!schema && request.status >= 400) schema = errorSchema;
	if (!schema) {
		if (body !== undefined) problems.push(`answers a body where the spec declares none (${declared.where})`);
	} else if (body === undefined) {
		if (request.status < 400) problems.push(`answers no body where the spec declares one (${declared.where})`);
	} else {
		const validate = validatorFor(declared.version, schema);
		if (!validate(body)) problems.push(`body (${declared.where}): ${specs().ajv.errorsText(validate.errors)}`);
		for (const extra of undeclared(specOf(declared.version), schema, body, '$')) problems.push(`body property ${extra} is not in the spec (${declared.where})`);
	}
	return problems.map((problem) => ({request: label, problem}));
}

export function checkResponses(requests: readonly RecordedRequest[], options: ResponseOptions = {}): Violation[] {
	return requests.flatMap((request) => checkResponse(request, options));
}

/**
 * Whether the schema of the operation's answer with `status` declares `field` (dotted; arrays
 * are looked into, so `results._id` is the `_id` of each result). Undefined when no schema.
 */
export function responseDeclares(method: string, requestPath: string, status: number, field: string): boolean | undefined {
	const found = findOperation(method, requestPath);
	if (!found) return undefined;
	const declared = declaredResponse(found, String(status));
	if (!declared.declared || !declared.schema) return undefined;
	const spec = specOf(declared.version);
	let schema: Schema | undefined = declared.schema;
	for (const name of field.split('.')) {
		let resolved = resolveSchema(spec, schema);
		while (resolved.type === 'array' && resolved.items) resolved = resolveSchema(spec, resolved.items as Schema);
		const properties = collectProperties(spec, resolved);
		schema = properties?.[name];
		if (!schema) return false;
	}
	return true;
}

/* ---- a reader for baton's openapi.yaml (openapi-generator's block style; no YAML package here) ---- */

type Line = {indent: number; text: string};

/**
 * The operations of baton's spec: for each path and method, its query parameters (inline or by
 * `$ref` to components.parameters) and its responses' schemas.
 */
function batonOperations(text: string): Record<string, Record<string, BatonOperation>> {
	const document = readYaml(text) as {paths?: Record<string, Record<string, Schema>>; components?: {parameters?: Record<string, Schema>}};
	const sharedParameters = document.components?.parameters ?? {};
	const operations: Record<string, Record<string, BatonOperation>> = {};
	for (const [template, item] of Object.entries(document.paths ?? {})) {
		for (const [method, operation] of Object.entries(item)) {
			if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
			const query = new Set<string>();
			for (const raw of (operation.parameters as Schema[] | undefined) ?? []) {
				const ref = raw.$ref as string | undefined;
				const parameter = ref ? sharedParameters[ref.replace('#/components/parameters/', '')] : raw;
				if (parameter?.in === 'query' && typeof parameter.name === 'string') query.add(parameter.name);
			}
			const responses: BatonOperation['responses'] = new Map();
			for (const [status, response] of Object.entries((operation.responses as Record<string, Schema | null>) ?? {})) {
				const content = (response?.content ?? {}) as Record<string, {schema?: Schema}>;
				const schema = content['application/json']?.schema;
				const schemaRef = typeof schema?.$ref === 'string' ? schema.$ref : undefined;
				responses.set(status, {content: schema !== undefined, ...(schemaRef ? {schemaRef} : schema ? {schema} : {})});
			}
			(operations[template] ??= {})[method] = {query, responses};
		}
	}
	return operations;
}

/**
 * Block mappings and sequences by indentation. A scalar is one line; lines indented deeper under
 * it (block scalars, wrapped quoted strings) are taken as part of it and kept only as text.
 */
function readYaml(text: string): unknown {
	const lines: Line[] = [];
	for (const raw of text.split('\n')) {
		const trimmed = raw.trimEnd();
		const body = trimmed.trimStart();
		if (body === '' || body.startsWith('#')) continue;
		lines.push({indent: trimmed.length - body.length, text: body});
	}
	return node(lines, 0, lines[0]?.indent ?? 0)[0];
}

const isItem = (line: Line) => line.text === '-' || line.text.startsWith('- ');

function node(lines: Line[], at: number, indent: number): [unknown, number] {
	const line = lines[at];
	if (!line) return [null, at];
	return isItem(line) ? sequence(lines, at, indent) : mapping(lines, at, indent);
}

function splitKey(text: string): {key: string; rest: string} | undefined {
	const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'):(?:\s+(.*))?$/.exec(text);
	if (quoted) return {key: String(scalarValue(quoted[1]!)), rest: quoted[2] ?? ''};
	if (/^[[{'"]/.test(text)) return undefined;
	const spaced = text.indexOf(': ');
	if (spaced > 0) return {key: text.slice(0, spaced), rest: text.slice(spaced + 2).trim()};
	if (text.endsWith(':')) return {key: text.slice(0, -1), rest: ''};
	return undefined;
}

function mapping(lines: Line[], at: number, indent: number): [Record<string, unknown>, number] {
	const result: Record<string, unknown> = {};
	let i = at;
	while (i < lines.length && lines[i]!.indent === indent && !isItem(lines[i]!)) {
		const split = splitKey(lines[i]!.text);
		i++;
		if (!split) continue;
		if (split.rest === '') {
			const next = lines[i];
			if (next && (next.indent > indent || (next.indent === indent && isItem(next)))) {
				const [value, after] = node(lines, i, next.indent);
				result[split.key] = value;
				i = after;
			} else result[split.key] = null;
		} else {
			result[split.key] = scalarValue(split.rest);
			while (i < lines.length && lines[i]!.indent > indent) i++; // the rest of a long scalar
		}
	}
	return [result, i];
}

function sequence(lines: Line[], at: number, indent: number): [unknown[], number] {
	const result: unknown[] = [];
	let i = at;
	while (i < lines.length && lines[i]!.indent === indent && isItem(lines[i]!)) {
		const body = lines[i]!.text.slice(1).trimStart();
		if (body !== '' && splitKey(body)) {
			// `- key: value` opens a mapping whose keys line up two columns in.
			lines[i] = {indent: indent + 2, text: body};
			const [value, after] = mapping(lines, i, indent + 2);
			result.push(value);
			i = after;
		} else {
			result.push(scalarValue(body));
			i++;
			while (i < lines.length && lines[i]!.indent > indent) i++;
		}
	}
	return [result, i];
}

function scalarValue(text: string): unknown {
	if (text === '{}') return {};
	if (text === '[]') return [];
	if (text.startsWith("'") && text.endsWith("'") && text.length >= 2) return text.slice(1, -1).replaceAll("''", "'");
	if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) {
		try {
			return JSON.parse(text);
		} catch {
			return text.slice(1, -1);
		}
	}
	return text;
}
