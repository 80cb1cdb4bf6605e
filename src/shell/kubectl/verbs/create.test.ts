import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import type { World } from '../../../domain/world.ts';
import { argvOf, runHandler, servicesFor } from '../../testing/runHandler.ts';
import { createKubectl } from '../kubectl.ts';

function kubectl(world: World, line: string) {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), argvOf(line));
  return { stdout, stderr, exitCode };
}

// KCTL:pkg/cmd/create/create_serviceaccount.go and create_namespace.go (kubectl 1.33).
describe('kubectl create serviceaccount', () => {
  it('creates the account in the namespace -n names, under the alias sa too', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'kubectl create serviceaccount shop -n frontend')).toEqual({ stdout: 'serviceaccount/shop created\n', stderr: '', exitCode: 0 });
    expect(kubectl(world, 'kubectl create sa reports')).toEqual({ stdout: 'serviceaccount/reports created\n', stderr: '', exitCode: 0 });
    expect(world.get('ServiceAccount', 'frontend', 'shop')?.metadata.namespace).toBe('frontend');
    expect(world.get('ServiceAccount', 'default', 'reports')).toBeDefined();
    expect(kubectl(world, 'kubectl get sa -n frontend').stdout).toBe(
      'NAME       SECRETS   AGE\n' +
      'default    0         27m\n' +
      'frontend   0         27m\n' +
      'shop       0         0s\n',
    );
  });

  it('prints the object it would send with --dry-run=client, the namespace only when -n was given', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'kubectl create sa shop -n frontend --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: shop\n  namespace: frontend\n',
    );
    expect(kubectl(world, 'kubectl create sa shop --dry-run=client -o yaml').stdout).toBe('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: shop\n');
    expect(kubectl(world, 'kubectl create sa shop -n frontend --dry-run=client').stdout).toBe('serviceaccount/shop created (dry run)\n');
    expect(kubectl(world, 'kubectl create sa shop -n frontend --dry-run=server').stdout).toBe('serviceaccount/shop created (server dry run)\n');
    expect(world.get('ServiceAccount', 'frontend', 'shop')).toBeUndefined();
  });

  it('wraps the server refusal as create_serviceaccount.go does (the status is lost, so `error:`)', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'kubectl create sa frontend -n frontend')).toEqual({ stdout: '', stderr: 'error: failed to create serviceaccount: serviceaccounts "frontend" already exists\n', exitCode: 1 });
    expect(kubectl(world, 'kubectl create sa shop -n nowhere').stderr).toBe('error: failed to create serviceaccount: namespaces "nowhere" not found\n');
    expect(kubectl(world, 'kubectl create sa Shop').stderr).toMatch(/^error: failed to create serviceaccount: ServiceAccount "Shop" is invalid: metadata\.name: Invalid value: "Shop": a lowercase RFC 1123 subdomain/);
    expect(kubectl(world, 'kubectl create sa').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create serviceaccount -h' for help and examples\n");
  });
});

describe('kubectl create namespace', () => {
  it('honours --dry-run=client instead of creating the namespace', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'kubectl create ns shop --dry-run=client -o yaml').stdout).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: shop\nspec: {}\nstatus: {}\n');
    expect(world.hasNamespace('shop')).toBe(false);
    expect(kubectl(world, 'kubectl create ns shop')).toEqual({ stdout: 'namespace/shop created\n', stderr: '', exitCode: 0 });
    expect(kubectl(world, 'kubectl create ns shop').stderr).toBe('Error from server (AlreadyExists): namespaces "shop" already exists\n');
    expect(world.get('ServiceAccount', 'shop', 'default')).toBeDefined();
  });
});
