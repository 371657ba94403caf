import type { FastifyRequest } from 'fastify';
import type { BatchInfo as BatchWire } from '../contract/batches';
import type { BatchInfo } from '../store/batch-store';
import { baseUrl } from './links';

/** A stored batch in its wire shape, with its links (self, revert, the batch it undoes / that undid it). */
export function batchView(request: FastifyRequest, b: BatchInfo): BatchWire {
  const base = `${baseUrl(request)}/api/batches`;
  return {
    id: b.id,
    kind: b.kind,
    collection: b.collection,
    user: b.username,
    at: b.at,
    fileName: b.fileName,
    counts: b.counts,
    details: b.details,
    reverts: b.reverts,
    revertedBy: b.revertedBy,
    links: [
      { href: `${base}/${b.id}`, rel: 'self', type: 'application/json', title: 'This batch' },
      { href: `${base}/${b.id}/revert`, rel: 'revert', type: 'application/json', title: 'Undo it (POST)' },
      ...(b.reverts
        ? [
            {
              href: `${base}/${b.reverts}`,
              rel: 'reverts',
              type: 'application/json',
              title: 'The batch it undoes',
            },
          ]
        : []),
      ...(b.revertedBy
        ? [
            {
              href: `${base}/${b.revertedBy}`,
              rel: 'reverted-by',
              type: 'application/json',
              title: 'The batch that undid it',
            },
          ]
        : []),
    ],
  };
}
