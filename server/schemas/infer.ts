// TypeScript types read off the JSON Schemas, so a schema is the one source of both
// validation and types. Covers the subset the server's schemas use: objects with
// `properties`/`required`, arrays, scalars, `enum`, `const`, `anyOf`/`oneOf`, type lists,
// and `$ref` to the engine's ticket and evaluation-result schemas (typed by the engine).
import type { EvaluationResult, Ticket } from '../../engine/index.js';

export const TICKET_REF = 'https://beacon.example/schemas/ticket.json';
export const EVALUATION_RESULT_REF = 'https://beacon.example/schemas/evaluation-result.json';

type Refs = { [TICKET_REF]: Ticket; [EVALUATION_RESULT_REF]: EvaluationResult };

type Scalar<T> = T extends 'string' ? string : T extends 'number' | 'integer' ? number : T extends 'boolean' ? boolean : T extends 'null' ? null : unknown;
type Each<S> = S extends unknown ? Infer<S> : never;
type Required<S> = S extends { required: readonly (infer R)[] } ? R : never;
type Simplify<T> = { -readonly [K in keyof T]: T[K] } & {};
type InferObject<S> = S extends { properties: infer P }
  ? Simplify<{ [K in keyof P as K extends Required<S> ? K : never]-?: Infer<P[K]> } & { [K in keyof P as K extends Required<S> ? never : K]?: Infer<P[K]> }>
  : Record<string, unknown>;

export type Infer<S> = S extends { $ref: infer R extends keyof Refs }
  ? Refs[R]
  : S extends { const: infer C }
    ? C
    : S extends { enum: readonly (infer E)[] }
      ? E
      : S extends { anyOf: readonly (infer A)[] }
        ? Each<A>
        : S extends { oneOf: readonly (infer A)[] }
          ? Each<A>
          : S extends { type: 'object' }
            ? InferObject<S>
            : S extends { type: 'array'; items: infer I }
              ? Infer<I>[]
              : S extends { type: readonly (infer T)[] }
                ? Scalar<T>
                : S extends { type: infer T }
                  ? Scalar<T>
                  : unknown;
