import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { FeedRepository } from './feed-repository';

const feed = (repo: FeedRepository) => repo.search<Patient>({ resourceType: 'Patient', sortRules: [{ code: '_lastUpdated' }] });

describe('FeedRepository change feed', () => {
  it('serves each resource once, at its latest version, with that version as its kept text, and never a deleted one', async () => {
    const repo = new FeedRepository();
    const a = await repo.createResource<Patient>({ resourceType: 'Patient', name: [{ family: 'Alpha' }] });
    const b = await repo.createResource<Patient>({ resourceType: 'Patient', name: [{ family: 'Beta' }] });
    const c = await repo.createResource<Patient>({ resourceType: 'Patient', name: [{ family: 'Gamma' }] });
    await repo.updateResource<Patient>({ ...a, name: [{ family: 'Alpha-Changed' }] });
    await repo.deleteResource('Patient', b.id);

    const served = (await feed(repo)).entry!.map((e) => e.resource!);
    expect(served.map((p) => p.name?.[0]?.family)).toEqual(['Gamma', 'Alpha-Changed']);
    for (const resource of served) expect(JSON.parse(repo.jsonOf(resource))).toEqual(resource);
    expect(repo.countOf('Patient')).toBe(2);

    // A copy that is then changed is serialized as it is, not as the stored version's text.
    const copy = { ...served[0]!, gender: 'female' as const };
    expect(JSON.parse(repo.jsonOf(copy))).toEqual(copy);
    expect(c.id).toBe(served[0]!.id);
  });
});
