// Who is mentioned with whom: entities of the selected documents as nodes, pairs mentioned in the
// same document as edges weighted by how many documents they share.
import type { DocumentSelection, Store } from '@echotrace/core';

export interface NetworkNode {
  id: string;
  /** The entity's preferred name (Russian, else English, else any), or its id when not in the KB. */
  label: string;
  type: string;
  documents: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  /** Documents mentioning both. */
  weight: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface NetworkRequest {
  selection: DocumentSelection;
  /** Edges shared by fewer documents are left out (default 1: every pair). */
  minWeight?: number;
  /** Keep nodes without any edge left (default: only connected nodes). */
  isolated?: boolean;
}

export async function network(store: Store, request: NetworkRequest): Promise<Network> {
  const minDocuments = request.minWeight ?? 1;
  const [graph, entities] = await Promise.all([
    store.analysis.cooccurrence(request.selection, { minDocuments }),
    store.entities.list(),
  ]);
  const names = new Map(
    entities.map((e) => [e.id, e.names.ru ?? e.names.en ?? Object.values(e.names)[0] ?? e.id]),
  );
  const connected = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
  return {
    nodes: graph.nodes
      .filter((n) => request.isolated || connected.has(n.entityId))
      .map((n) => ({
        id: n.entityId,
        label: names.get(n.entityId) ?? n.entityId,
        type: n.type,
        documents: n.documents,
      })),
    edges: graph.edges.map((e) => ({ source: e.source, target: e.target, weight: e.documents })),
  };
}
