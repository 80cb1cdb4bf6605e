import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../domain/cluster/defaultWorld.ts';
import { MemoryFs } from './bash/memoryFs.ts';
import { complete } from './complete.ts';

const world = createDefaultWorld();
const fs = new MemoryFs();
fs.writeFile('mtls-namespace.yaml', 'x');
const tab = (line: string) => complete(world, fs, line);

describe('complete', () => {
  it('completes a command name and adds a space when there is one match', () => {
    expect(tab('kubec')).toMatchObject({ options: ['kubectl'], insert: 'tl ' });
  });

  it('completes kubectl verbs, resource types and object names', () => {
    expect(tab('kubectl ge').insert).toBe('t ');
    expect(tab('kubectl get peer').options).toEqual(['peerauthentications']);
    expect(tab('kubectl get pods -n default te').options).toEqual(['testcurl']);
    expect(tab('kubectl exec -n frontend fr').options).toEqual([world.list('Pod', 'frontend')[0]?.metadata.name]);
  });

  it('completes namespaces after -n and files after -f', () => {
    expect(tab('kubectl get pa -n product-').options).toEqual(['product-catalog']);
    expect(tab('kubectl apply -f mtls').insert).toBe('-namespace.yaml ');
  });

  it('completes a verb\'s flags from the command table', () => {
    expect(tab('kubectl get pods --all-').options).toEqual(['--all-namespaces']);
    expect(tab('kubectl exec testcurl --conta').options).toEqual(['--container']);
  });

  it('offers several options with their common prefix, and completes after a pipe or do', () => {
    const r = tab('kubectl get pods -n p');
    expect(r.options).toEqual(['payment', 'product-catalog']);
    expect(r.insert).toBe('');
    expect(tab('for ns in a; do kubectl app').insert).toBe('ly ');
    expect(tab('cat x | kub').insert).toBe('ectl ');
  });
});
