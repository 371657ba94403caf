import type { FastifyReply } from 'fastify';
import type { CollectionDef } from '../catalog/catalog';
import { type ExportQuery, exportItems } from '../export/export';
import type { ExportFormat } from '../export/formats';
import type { FeatureStore } from '../store/feature-store';

/** Sends a collection's matching features as a download (the items route's `f=csv|xlsx|kml`). */
export async function sendExport(
  reply: FastifyReply,
  store: FeatureStore,
  collection: CollectionDef,
  query: ExportQuery,
  format: ExportFormat,
): Promise<FastifyReply> {
  const { body, type, fileName } = await exportItems(store, collection, query, format);
  return reply.type(type).header('content-disposition', `attachment; filename="${fileName}"`).send(body);
}
