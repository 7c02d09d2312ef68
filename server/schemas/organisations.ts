// Organisations: GET /v1/organisations, POST /v1/organisations, PATCH /v1/properties/{id},
// PUT /v1/properties/{id}/units.
import type { Infer } from './infer.js';

const ID = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'Lower-case letters, digits, - and _; the id policies name (`property jinxiu-garden`)' } as const;
const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const HOUSEHOLDS = { type: 'integer', minimum: 0, description: 'Households of the property, for household-share conditions' } as const;
const ZONE = { type: 'string', minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' } as const;
const UNIT = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200, description: 'As tickets name it, e.g. jinxiu-garden/engineering' }, name: NAME },
  additionalProperties: false,
} as const;

export const organisationSchema = {
  $id: 'https://beacon.example/schemas/organisation.json',
  title: 'Organisation',
  type: 'object',
  required: ['id', 'kind', 'name', 'parentId', 'createdAt'],
  properties: {
    id: { type: 'string' },
    kind: { enum: ['group', 'branch', 'property'] },
    name: { type: 'string' },
    parentId: { type: ['string', 'null'], description: 'The group of a branch, the branch of a property; null for a group' },
    createdAt: { type: 'string' },
    households: HOUSEHOLDS,
    timeZone: { type: 'string' },
    units: { type: 'array', items: { type: 'object', required: ['id', 'propertyId', 'name'], properties: { id: { type: 'string' }, propertyId: { type: 'string' }, name: { type: 'string' } } } },
  },
} as const;

export const organisationListSchema = {
  $id: 'https://beacon.example/schemas/organisation-list.json',
  title: 'OrganisationList',
  type: 'object',
  required: ['organisations'],
  properties: { organisations: { type: 'array', items: { $ref: organisationSchema.$id } } },
  additionalProperties: false,
} as const;

export const newOrganisationRequestSchema = {
  $id: 'https://beacon.example/schemas/new-organisation-request.json',
  title: 'NewOrganisationRequest',
  type: 'object',
  required: ['kind', 'id', 'name'],
  properties: {
    kind: { enum: ['group', 'branch', 'property'] },
    id: ID,
    name: NAME,
    parentId: { type: 'string', description: 'Required for a branch (its group) and a property (its branch)' },
    households: { ...HOUSEHOLDS, description: 'Required for a property' },
    timeZone: { ...ZONE, description: 'Required for a property' },
    units: { type: 'array', items: UNIT, maxItems: 200 },
  },
  additionalProperties: false,
} as const;

export const propertyChangesSchema = {
  $id: 'https://beacon.example/schemas/property-changes.json',
  title: 'PropertyChanges',
  type: 'object',
  minProperties: 1,
  properties: { name: NAME, households: HOUSEHOLDS, timeZone: ZONE },
  additionalProperties: false,
} as const;

export const unitsRequestSchema = {
  $id: 'https://beacon.example/schemas/units-request.json',
  title: 'UnitsRequest',
  type: 'object',
  required: ['units'],
  properties: { units: { type: 'array', items: UNIT, maxItems: 200 } },
  additionalProperties: false,
} as const;

export type NewOrganisationRequest = Infer<typeof newOrganisationRequestSchema>;
export type PropertyChangesRequest = Infer<typeof propertyChangesSchema>;
export type UnitsRequest = Infer<typeof unitsRequestSchema>;
