import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CatalogCollection } from '../../../geodata/rules/catalog';
import type { CollectionDef } from '../catalog/catalog';
import { CollectionInfo, CollectionsResponse } from '../contract/collections';
import { CRS84_URI, supportedCrsUris } from '../crs/registry';
import { temporalProperty } from '../params/temporal';
import type { FeatureStore } from '../store/feature-store';
import { COLLECTION_PARAMS, querySchema, requireCollection } from './common';
import { baseUrl, collectionLinks, JSON_TYPE } from './links';
import { readResponses } from './responses';

const WORLD: number[] = [-180, -90, 180, 90];

/** The OGC description of a collection plus our client's catalog members (titles, hints, editable). */
async function describe(
  store: FeatureStore,
  c: CollectionDef,
  request: FastifyRequest,
): Promise<CollectionInfo> {
  const extent = await store.collectionExtent(c.id);
  const temporal = temporalProperty(c);
  return {
    id: c.id,
    title: c.title.vi,
    description: `${c.description.vi} / ${c.description.en}`,
    itemType: 'feature',
    crs: supportedCrsUris(),
    storageCrs: CRS84_URI,
    ...(temporal ? { temporalProperty: temporal } : {}),
    extent: { spatial: { bbox: [extent ?? WORLD], crs: CRS84_URI } },
    links: collectionLinks(baseUrl(request), c.id),
    ...clientMembers(c),
  };
}

/** The members of a collection's description that our client reads (the catalog's own entry). */
export function clientMembers(c: CatalogCollection) {
  return {
    localized: { title: c.title, description: c.description },
    geometryTypes: c.geometryTypes,
    label: c.label,
    search: c.search,
    queryables: c.queryables,
    editable: c.editable,
    display: c.display,
    site: c.site,
    nearby: c.nearby,
  };
}

/**
 * GET /api/collections and GET /api/collections/{collectionId}. The extents depend on the data, so
 * both are revision-cached (ETag, 304, cached bytes).
 */
export function registerCollectionRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/collections',
    {
      config: { revisionCache: true },
      schema: {
        summary: 'Feature collections',
        tags: ['Data'],
        querystring: querySchema(),
        response: readResponses(CollectionsResponse),
      },
    },
    async (request) => ({
      collections: await Promise.all(app.catalog.collections.map((c) => describe(app.store, c, request))),
      links: [
        { href: `${baseUrl(request)}/api/collections`, rel: 'self', type: JSON_TYPE, title: 'Collections' },
      ],
    }),
  );
  app.get(
    '/api/collections/:collectionId',
    {
      config: { revisionCache: true },
      schema: {
        summary: 'One collection',
        tags: ['Data'],
        params: COLLECTION_PARAMS,
        querystring: querySchema(),
        response: readResponses(CollectionInfo, [404]),
      },
    },
    async (request) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      return describe(app.store, collection, request);
    },
  );
}
