import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CollectionDef } from '../catalog/catalog';
import type { CollectionInfo, CollectionsResponse } from '../contract/api';
import type { FeatureStore } from '../store/feature-store';
import { COLLECTION_PARAMS, type CollectionParams, querySchema, requireCollection } from './common';
import { baseUrl, collectionLinks, JSON_TYPE } from './links';

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const WORLD: number[] = [-180, -90, 180, 90];

async function describe(store: FeatureStore, c: CollectionDef, request: FastifyRequest, self: boolean) {
  const extent = await store.collectionExtent(c.id);
  const info: CollectionInfo = {
    id: c.id,
    title: c.title.vi,
    description: `${c.description.vi} / ${c.description.en}`,
    itemType: 'feature',
    crs: [CRS84],
    extent: { spatial: { bbox: [extent ?? WORLD], crs: CRS84 } },
    links: collectionLinks(baseUrl(request), c.id, self),
  };
  return info;
}

/** GET /api/collections and GET /api/collections/{collectionId}. */
export function registerCollectionRoutes(app: FastifyInstance): void {
  app.get(
    '/api/collections',
    { schema: { summary: 'Feature collections', tags: ['Data'], querystring: querySchema() } },
    async (request): Promise<CollectionsResponse> => ({
      collections: await Promise.all(
        app.catalog.collections.map((c) => describe(app.store, c, request, false)),
      ),
      links: [
        { href: `${baseUrl(request)}/api/collections`, rel: 'self', type: JSON_TYPE, title: 'Collections' },
      ],
    }),
  );
  app.get<{ Params: CollectionParams }>(
    '/api/collections/:collectionId',
    {
      schema: {
        summary: 'One collection',
        tags: ['Data'],
        params: COLLECTION_PARAMS,
        querystring: querySchema(),
      },
    },
    async (request): Promise<CollectionInfo> => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      return describe(app.store, collection, request, true);
    },
  );
}
