// Every query parameter a route reads is declared in the OpenAPI document, on that route.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApiDocument, schemas } from '../../server/index.js';

type Parameter = { name: string; in: string; required?: boolean; schema?: unknown; description?: string };
const paths = openApiDocument()['paths'] as Record<string, Record<string, { parameters?: Parameter[] }>>;
const queryOf = (method: string, path: string): string[] => (paths[path]?.[method]?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);

describe('the OpenAPI document', () => {
  it('declares the query parameters of each route that reads any', () => {
    expect(queryOf('post', '/v1/evaluate/batch')).toEqual(Object.keys(schemas.ndjsonQuerySchema.properties));
    expect(queryOf('post', '/v1/tickets/import')).toEqual(Object.keys(schemas.importQuerySchema.properties));
    expect(queryOf('get', '/v1/units/{unit}/scores')).toEqual(['period']);
    expect(queryOf('get', '/v1/auth/setup')).toEqual(['token']);
    expect(queryOf('get', '/v1/audit').sort()).toEqual(['action', 'before', 'from', 'limit', 'period', 'property', 'to', 'user']);
    expect(queryOf('get', '/v1/notifications').sort()).toEqual(['before', 'limit', 'status']);
    expect(queryOf('get', '/v1/tickets').sort()).toEqual(['cursor', 'dueBefore', 'limit', 'property', 'state', 'unit']);
    expect(queryOf('get', '/v1/units/{unit}/ledger').sort()).toEqual(['cursor', 'from', 'level', 'limit', 'period', 'property', 'to']);
  });

  it('declares every name a route reads from req.query', () => {
    const dir = fileURLToPath(new URL('../../server/routes', import.meta.url));
    const read = new Set(readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/req\.query\[['"](\w+)['"]\]/g)].map((m) => m[1] as string)));
    const declared = new Set(Object.values(paths).flatMap((ops) => Object.values(ops).flatMap((op) => (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name))));
    expect(read.size).toBeGreaterThan(0);
    expect([...read].filter((name) => !declared.has(name))).toEqual([]);
  });

  it('gives each query parameter a schema and a description, and keeps path parameters', () => {
    for (const ops of Object.values(paths)) for (const op of Object.values(ops)) for (const p of op.parameters ?? []) if (p.in === 'query') expect(p.schema !== undefined && (p.description ?? '') !== '').toBe(true);
    expect(paths['/v1/units/{unit}/scores']?.['get']?.parameters?.find((p) => p.in === 'path')?.name).toBe('unit');
  });
});
