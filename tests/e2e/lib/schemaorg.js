// The schema.org vocabulary, in the shape @adobe/structured-data-validator
// reads (schema.org's `schemaorg-all-https.jsonld`: an `@graph` of
// `rdfs:Class`es with `rdfs:subClassOf` and `rdf:Property`s with
// `schema:domainIncludes`).
//
// No registry package ships that file, and the suite fetches nothing from
// the internet, so it is built from the same vocabulary as RDF: the
// N-Quads of schema.org that @zazuko/rdf-vocabularies ships
// (ontologies/schema.nq). Only the triples the validator reads are kept.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const VOCABULARY_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../node_modules/@zazuko/rdf-vocabularies/ontologies/schema.nq',
);

const SCHEMA = 'http://schema.org/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const RDF_PROPERTY = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#Property';
const QUAD = /^<([^>]+)> <([^>]+)> <([^>]+)>/;

/** `http://schema.org/Occupation` → `schema:Occupation`; others as they are. */
function compact(iri) {
  return iri.startsWith(SCHEMA) ? `schema:${iri.slice(SCHEMA.length)}` : iri;
}

/** The vocabulary as a JSON-LD document: `{ '@graph': [...] }`. */
export function schemaOrgJson(file = VOCABULARY_FILE) {
  const nodes = new Map();
  const node = (iri) => {
    if (!nodes.has(iri)) nodes.set(iri, { '@id': compact(iri), types: [], parents: [], domains: [] });
    return nodes.get(iri);
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = QUAD.exec(line);
    if (!match) continue; // literals (labels, comments) are not needed
    const [, subject, predicate, object] = match;
    if (!subject.startsWith(SCHEMA)) continue;
    if (predicate === RDF_TYPE) {
      if (object === `${RDFS}Class`) node(subject).types.push('rdfs:Class');
      else if (object === RDF_PROPERTY) node(subject).types.push('rdf:Property');
      else node(subject).types.push(compact(object));
    } else if (predicate === `${RDFS}subClassOf`) {
      node(subject).parents.push({ '@id': compact(object) });
    } else if (predicate === `${SCHEMA}domainIncludes`) {
      node(subject).domains.push({ '@id': compact(object) });
    }
  }
  const graph = [...nodes.values()].map(({ types, parents, domains, ...rest }) => ({
    ...rest,
    // As in schema.org's own file: one type as a string, several as a list
    // (data types such as Text are both `schema:DataType` and a class).
    '@type': types.length === 1 ? types[0] : types,
    ...(parents.length ? { 'rdfs:subClassOf': parents.length === 1 ? parents[0] : parents } : {}),
    ...(domains.length ? { 'schema:domainIncludes': domains.length === 1 ? domains[0] : domains } : {}),
  }));
  return { '@context': { schema: SCHEMA }, '@graph': graph };
}
