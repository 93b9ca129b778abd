import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Ajv, type ValidateFunction} from 'ajv';
import addFormatsModule from 'ajv-formats';
import type {RecordedRequest} from '../../source/sandbox/index.js';

/**
 * Checks requests the client sent against JumpCloud's official specs in ../shared/jumpcloud:
 * the operation exists, query parameters are declared, and the body validates against the
 * operation's schema with no property the schema does not declare.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const specFolder = path.resolve(root, '../shared/jumpcloud');
export const specsPresent = existsSync(path.join(specFolder, 'JumpCloud.SDK.V1.json'));
export const skipReason = `contract tests skipped: ${specFolder} is absent (JumpCloud's specs live in ../shared)`;

type Schema = Record<string, unknown>;
type Spec = {paths: Record<string, Record<string, unknown>>; definitions: Record<string, Schema>; parameters: Record<string, Schema>};
type Operation = {parameters?: Schema[]};

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let loaded: {v1: Spec; v2: Spec; ajv: Ajv; batonV1: string} | undefined;
function specs() {
	if (loaded) return loaded;
	const read = (name: string) => JSON.parse(readFileSync(path.join(specFolder, name), 'utf8')) as Spec;
	const v1 = read('JumpCloud.SDK.V1.json');
	const v2 = read('JumpCloud.SDK.V2.json');
	// Swagger 2.0 schemas are JSON Schema with extensions (x-nullable, x-ms-enum): not strict.
	const ajv = new Ajv({strict: false, allErrors: true, validateSchema: false});
	addFormats(ajv);
	ajv.addFormat('byte', true);
	ajv.addSchema({definitions: v1.definitions}, 'v1');
	ajv.addSchema({definitions: v2.definitions}, 'v2');
	const batonV1 = readFileSync(path.join(specFolder, 'baton-jumpcloud/jcapi1/openapi.yaml'), 'utf8');
	loaded = {v1, v2, ajv, batonV1};
	return loaded;
}

/** The spec operation for a request path, e.g. /api/v2/usergroups/abc/members → v2 /usergroups/{group_id}/members. */
function findOperation(method: string, requestPath: string): {version: 'v1' | 'v2'; template: string; operation: Operation} | undefined {
	const {v1, v2} = specs();
	const [version, spec, rest] = requestPath.startsWith('/api/v2/')
		? (['v2', v2, requestPath.slice('/api/v2'.length)] as const)
		: (['v1', v1, requestPath.slice('/api'.length)] as const);
	for (const [template, item] of Object.entries(spec.paths)) {
		const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
		if (!pattern.test(rest)) continue;
		const operation = item[method.toLowerCase()] as Operation | undefined;
		if (operation) return {version, template, operation};
	}
	return undefined;
}

function resolveParameter(spec: Spec, parameter: Schema): Schema {
	const ref = parameter.$ref as string | undefined;
	if (!ref) return parameter;
	return spec.parameters[ref.replace('#/parameters/', '')] ?? {};
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(version: 'v1' | 'v2', schema: Schema): ValidateFunction {
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
	if (properties === undefined) return []; // free-form object (search filters)
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
	const {v1, v2, batonV1} = specs();
	const spec = found.version === 'v1' ? v1 : v2;
	const parameters = (found.operation.parameters ?? []).map((p) => resolveParameter(spec, p));

	if (!request.headers['x-api-key']) problems.push('no x-api-key header');
	const declaredQuery = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name as string));
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
					/\{ "email": false \}/.test(batonV1);
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
