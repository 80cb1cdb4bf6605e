import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import type { World } from '../../domain/world.ts';
import { createGcloud } from './gcloud.ts';
import { argvOf, runHandler, servicesFor } from '../testing/runHandler.ts';

function run(world: World, line: string | string[], input: { stdin?: string; tty?: boolean } = {}) {
  const { stdout, stderr, exitCode } = runHandler(createGcloud(servicesFor(world)), argvOf(line), input);
  return { stdout, stderr, exitCode };
}

const noCredentials = () => createDefaultWorld({ credentials: false });
const FETCHING = 'Fetching cluster endpoint and auth data.\n';

describe('gcloud container clusters get-credentials', () => {
  it('writes the kubeconfig entry for the tutorial command with project and zone (argv as the shell joins continuations)', () => {
    const world = noCredentials();
    const r = run(world, ['gcloud', 'container', 'clusters', 'get-credentials', 'boutique', '--project=mtls-playground', '--zone=us-central1-c']);
    expect(r).toEqual({ stdout: '', stderr: `${FETCHING}kubeconfig entry generated for boutique.\n`, exitCode: 0 });
    expect(world.credentials).toBe(true);
  });

  it('defaults the project to the Cloud Shell configuration and accepts --location and -z', () => {
    for (const flag of ['--location us-central1-c', '-z us-central1-c', '--zone us-central1-c']) {
      const world = noCredentials();
      expect(run(world, `gcloud container clusters get-credentials boutique ${flag}`).exitCode).toBe(0);
      expect(world.credentials).toBe(true);
    }
  });

  it('answers a wrong name with the 404 and no cluster of that name', () => {
    const world = noCredentials();
    expect(run(world, 'gcloud container clusters get-credentials shop --zone=us-central1-c')).toEqual({
      stdout: '',
      stderr: `${FETCHING}ERROR: (gcloud.container.clusters.get-credentials) ResponseError: code=404, message=Not found: projects/mtls-playground/zones/us-central1-c/clusters/shop.\nNo cluster named 'shop' in mtls-playground.\n`,
      exitCode: 1,
    });
    expect(world.credentials).toBe(false);
  });

  it('answers a wrong zone with the 404 and the zone it found the cluster in', () => {
    expect(run(noCredentials(), 'gcloud container clusters get-credentials boutique --zone=us-central1-a').stderr).toBe(
      `${FETCHING}ERROR: (gcloud.container.clusters.get-credentials) ResponseError: code=404, message=Not found: projects/mtls-playground/zones/us-central1-a/clusters/boutique.\nCould not find [boutique] in [us-central1-a].\nDid you mean [boutique] in [us-central1-c]?\n`,
    );
  });

  it('names a region as locations/ in the regional form', () => {
    expect(run(noCredentials(), 'gcloud container clusters get-credentials boutique --region=us-central1').stderr).toBe(
      `${FETCHING}ERROR: (gcloud.container.clusters.get-credentials) ResponseError: code=404, message=Not found: projects/mtls-playground/locations/us-central1/clusters/boutique.\nCould not find [boutique] in [us-central1].\nDid you mean [boutique] in [us-central1-c]?\n`,
    );
  });

  it('keeps placeholder names typed literally in the 404', () => {
    expect(run(noCredentials(), 'gcloud container clusters get-credentials CLUSTER_NAME --zone=us-central1-c').stderr).toBe(
      `${FETCHING}ERROR: (gcloud.container.clusters.get-credentials) ResponseError: code=404, message=Not found: projects/mtls-playground/zones/us-central1-c/clusters/CLUSTER_NAME.\nNo cluster named 'CLUSTER_NAME' in mtls-playground.\n`,
    );
  });

  it('fails the project lookup (403) for a literal PROJECT_ID, before looking at the cluster', () => {
    const r = run(noCredentials(), 'gcloud container clusters get-credentials CLUSTER_NAME --project=PROJECT_ID --zone=CLUSTER_LOCATION');
    expect(r.stderr).toBe(`${FETCHING}ERROR: (gcloud.container.clusters.get-credentials) ResponseError: code=403, message=Project lookup error: permission denied on resource 'projects/PROJECT_ID' (or it may not exist).\n`);
    expect(r.exitCode).toBe(1);
  });

  it('rejects a location that is no GCP location with 400', () => {
    expect(run(noCredentials(), 'gcloud container clusters get-credentials boutique --zone=CLUSTER_LOCATION').stderr).toBe(
      `${FETCHING}ERROR: (gcloud.container.clusters.get-credentials) ResponseError: code=400, message=Location "CLUSTER_LOCATION" does not exist.\n`,
    );
  });

  it('prints the usage error when NAME is missing (exit 2)', () => {
    expect(run(noCredentials(), 'gcloud container clusters get-credentials --zone=us-central1-c')).toEqual({
      stdout: '',
      stderr: [
        'ERROR: (gcloud.container.clusters.get-credentials) argument NAME: Must be specified.',
        'Usage: gcloud container clusters get-credentials NAME [optional flags]',
        '  optional flags may be  --dns-endpoint | --help | --internal-ip | --location |',
        '                         --region | --zone | -z',
        '',
        'For detailed information on this command and its flags, run:',
        '  gcloud container clusters get-credentials --help',
        '',
      ].join('\n'),
      exitCode: 2,
    });
  });

  it('asks for a location when none is given', () => {
    expect(run(noCredentials(), 'gcloud container clusters get-credentials boutique').stderr).toBe(
      'ERROR: (gcloud.container.clusters.get-credentials) One of [--location, --region, --zone] must be supplied: Please specify location..\n',
    );
  });

  it('suggests the flag that was meant', () => {
    const r = run(noCredentials(), 'gcloud container clusters get-credentials boutique --zon us-central1-c');
    expect(r.stderr).toBe("ERROR: (gcloud.container.clusters.get-credentials) unrecognized arguments: --zon (did you mean '--zone'?)\n\nTo search the help text of gcloud commands, run:\n  gcloud help -- SEARCH_TERMS\n");
    expect(r.exitCode).toBe(2);
  });

  it('says a flag needs its value', () => {
    expect(run(noCredentials(), 'gcloud container clusters get-credentials boutique --zone').stderr).toMatch(/^ERROR: \(gcloud\.container\.clusters\.get-credentials\) argument --zone -z: expected one argument\nUsage: /);
  });
});

describe('gcloud container clusters list and delete', () => {
  it('lists the one RUNNING cluster', () => {
    expect(run(createDefaultWorld(), 'gcloud container clusters list')).toEqual({
      stdout: 'NAME      LOCATION       MASTER_VERSION      MASTER_IP     MACHINE_TYPE   NODE_VERSION        NUM_NODES  STATUS\nboutique  us-central1-c  1.33.4-gke.1245000  34.41.183.27  e2-standard-4  1.33.4-gke.1245000  3          RUNNING\n',
      stderr: '',
      exitCode: 0,
    });
    expect(run(createDefaultWorld(), ['gcloud', 'container', 'clusters', 'list', '--format=value(name,location)']).stdout).toBe('boutique\tus-central1-c\n');
    expect(run(createDefaultWorld(), 'gcloud container clusters list --zone us-east1-b')).toEqual({ stdout: '', stderr: 'Listed 0 items.\n', exitCode: 0 });
  });

  it('never deletes the cluster: the prompt aborts, piped input is unattended, --quiet is refused', () => {
    const world = createDefaultWorld();
    expect(run(world, 'gcloud container clusters delete boutique --zone us-central1-c')).toEqual({
      stdout: '',
      stderr: 'The following clusters will be deleted.\n - [boutique] in [us-central1-c]\n\nDo you want to continue (Y/n)?  \nERROR: (gcloud.container.clusters.delete) Aborted by user.\n',
      exitCode: 1,
    });
    expect(run(world, 'gcloud container clusters delete boutique --zone us-central1-c', { stdin: 'y\n', tty: false }).stderr).toBe(
      'ERROR: (gcloud.container.clusters.delete) This prompt could not be answered because you are not in an interactive session.  You can re-run the command with the --quiet flag to accept default answers for all prompts.\n',
    );
    expect(run(world, 'gcloud container clusters delete boutique --zone us-central1-c --quiet').stderr).toBe(
      'ERROR: (gcloud.container.clusters.delete) Some requests did not succeed:\n - ResponseError: code=403, message=Required "container.clusters.delete" permission(s) for "projects/mtls-playground/zones/us-central1-c/clusters/boutique".\n',
    );
    expect(world.credentials).toBe(true);
    expect(world.list('Pod').length).toBeGreaterThan(0);
  });
});

describe('gcloud config, version and errors', () => {
  it('prints the project, the active configuration going to stderr', () => {
    expect(run(createDefaultWorld(), 'gcloud config get-value project')).toEqual({
      stdout: 'mtls-playground\n',
      stderr: 'Your active configuration is: [cloudshell-20261]\n',
      exitCode: 0,
    });
    expect(run(createDefaultWorld(), 'gcloud config get-value compute/zone')).toEqual({ stdout: '', stderr: 'Your active configuration is: [cloudshell-20261]\n(unset)\n', exitCode: 0 });
  });

  it('lists the configuration', () => {
    const r = run(createDefaultWorld(), 'gcloud config list');
    expect(r.stdout).toContain('[core]\naccount = learner@example.com\ndisable_usage_reporting = True\nproject = mtls-playground\n');
    expect(r.stderr).toBe('\nYour active configuration is: [cloudshell-20261]\n');
  });

  it('prints the SDK version for --version and version', () => {
    const a = run(createDefaultWorld(), 'gcloud --version');
    expect(a.stdout).toMatch(/^Google Cloud SDK \d+\.\d+\.\d+\n/);
    expect(a.stdout).toContain('\nkubectl 1.33.5\n');
    expect(run(createDefaultWorld(), 'gcloud version').stdout).toBe(a.stdout);
  });

  it('rejects an unknown group with a suggestion', () => {
    expect(run(createDefaultWorld(), 'gcloud contaner clusters list')).toEqual({
      stdout: '',
      stderr: "ERROR: (gcloud) Invalid choice: 'contaner'.\nMaybe you meant:\n  gcloud container\n\nTo search the help text of gcloud commands, run:\n  gcloud help -- SEARCH_TERMS\n",
      exitCode: 2,
    });
    expect(run(createDefaultWorld(), 'gcloud container clusters get-credential boutique').stderr).toContain("Invalid choice: 'get-credential'.\nMaybe you meant:\n  gcloud container clusters get-credentials\n");
  });

  it('rejects an unknown word without suggestions', () => {
    expect(run(createDefaultWorld(), 'gcloud foo').stderr).toBe("ERROR: (gcloud) Invalid choice: 'foo'.\n\nTo search the help text of gcloud commands, run:\n  gcloud help -- SEARCH_TERMS\n");
  });

  it('expects a command name under a group', () => {
    const r = run(createDefaultWorld(), 'gcloud container clusters');
    expect(r.stderr).toMatch(/^ERROR: \(gcloud\.container\.clusters\) Command name argument expected\.\n/);
    expect(r.stderr).toContain('      get-credentials         Fetch credentials for a running cluster.\n');
    expect(r.exitCode).toBe(2);
  });
});
