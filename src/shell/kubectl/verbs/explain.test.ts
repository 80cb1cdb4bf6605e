/**
 * kubectl explain, as kubectl 1.33 renders the API server's OpenAPI v3 schema. Sources:
 * - kubernetes/kubectl v0.33.13 pkg/explain/v2/templates/plaintext.tmpl (the GROUP/KIND/VERSION
 *   header; `FIELD: name <type>` then two newlines; DESCRIPTION wrapped at 76 and indented 4, the
 *   field's description before its type's; `fieldDetail`: name, a tab, `<type>`, ` -required-`,
 *   `enum:` with four values then `, ....`, the description wrapped at 78 - indent; `typeGuess`:
 *   `Object`, `[]X`, `map[string]X`, a $ref's last name; `extractEnum`'s long `ENUM:` view; the
 *   `field "<last>" does not exist` error thrown after the header), pkg/explain/v2/funcs.go
 *   (`wrap` = go-wordwrap v1.0.1 WrapString, `indent`), pkg/cmd/explain/explain.go (`Validate`),
 *   pkg/explain/explain.go (`SplitAndParseResourceRequestWithMatchingPrefix`).
 * - kubernetes/kube-openapi pkg/generators/enum.go (`Possible enum values:` lines, sorted).
 * - Descriptions: kubernetes/api v0.33.13 and istio/istio 1.26.4 crd-all.gen.yaml (explainDocs.ts).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';
import { createKubectl } from '../kubectl.ts';
import { wordWrap } from '../printers/wordWrap.ts';

function explain(...argv: string[]): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(createDefaultWorld())), ['kubectl', 'explain', ...argv]);
  return { stdout, stderr, code: exitCode };
}

const PA_HEADER = 'GROUP:      security.istio.io\nKIND:       PeerAuthentication\nVERSION:    v1\n\n';
const MODE_DESCRIPTION = 'Defines the mTLS mode used for peer authentication.\n\nValid Options: DISABLE, PERMISSIVE, STRICT';

describe('kubectl explain: Istio kinds from their CRD schema', () => {
  it('explains peerauthentication.spec.mtls with the enum of its field', () => {
    expect(explain('peerauthentication.spec.mtls')).toEqual({
      stdout: `${PA_HEADER}FIELD: mtls <Object>\n\n\nDESCRIPTION:\n    Mutual TLS settings for workload.\n    \nFIELDS:\n` +
        '  mode\t<string>\n  enum: UNSET, DISABLE, PERMISSIVE, STRICT\n' +
        '    Defines the mTLS mode used for peer authentication.\n    \n    Valid Options: DISABLE, PERMISSIVE, STRICT\n\n\n',
      stderr: '',
      code: 0,
    });
  });

  it('explains authorizationpolicy.spec with the CRD\'s descriptions, and <no description> where the CRD has none', () => {
    const { stdout } = explain('authorizationpolicy.spec');
    expect(stdout).toContain('DESCRIPTION:\n    Configuration for access control on workloads. See more details at:\n    https://istio.io/docs/reference/config/security/authorization-policy.html\n');
    expect(stdout).toContain('  action\t<string>\n  enum: ALLOW, DENY, AUDIT, CUSTOM\n    Optional.\n    \n    Valid Options: ALLOW, DENY, AUDIT, CUSTOM\n');
    expect(stdout).toContain('  provider\t<Object>\n    Specifies detailed configuration of the CUSTOM action.\n');
    // 1.26.4's CRD gives targetRef no description.
    expect(stdout).toContain('  targetRef\t<Object>\n    <no description>\n');
    expect(explain('ap.spec.rules.from.source').stdout).toContain('  principals\t<[]string>\n    Optional.\n');
    // Fields of later Istio versions do not exist here.
    expect(explain('ap.spec.rules.from.source.trustDomains')).toMatchObject({ stderr: 'error: field "trustDomains" does not exist\n', code: 1 });
  });

  it('explains ServiceEntry and Sidecar fields with their CRD descriptions', () => {
    expect(explain('serviceentry.spec.resolution').stdout).toContain('ENUM:\n    NONE\n    STATIC\n    DNS\n    DNS_ROUND_ROBIN\n\nDESCRIPTION:\n    Service resolution mode for the hosts.\n');
    expect(explain('sidecar.spec.outboundTrafficPolicy').stdout).toContain('DESCRIPTION:\n    Set the default behavior of the sidecar for handling outbound traffic from\n    the application.\n');
  });

  it('lists every enum value of a leaf field, in the CRD\'s order', () => {
    expect(explain('pa.spec.mtls.mode').stdout).toBe(
      `${PA_HEADER}FIELD: mode <string>\nENUM:\n    UNSET\n    DISABLE\n    PERMISSIVE\n    STRICT\n\n` +
      `DESCRIPTION:\n    ${MODE_DESCRIPTION.replace(/\n/g, '\n    ')}\n    \n\n`,
    );
  });

  it('describes the kind itself as <empty> (the CRD schema has no top-level description)', () => {
    const out = explain('peerauthentications').stdout;
    expect(out.startsWith(`${PA_HEADER}DESCRIPTION:\n    <empty>\nFIELDS:\n  apiVersion\t<string>\n`)).toBe(true);
    expect(out).toContain('  metadata\t<ObjectMeta>\n    Standard object\'s metadata. More info:\n');
    expect(out).toContain('  spec\t<Object>\n    Peer authentication configuration for workloads. See more details at:\n    https://istio.io/docs/reference/config/security/peer_authentication.html\n\n');
    expect(out.endsWith('  status\t<Object>\n    <no description>\n\n\n')).toBe(true);
  });

  it('follows lists and maps, and accepts the group as a prefix', () => {
    expect(explain('dr.spec.subsets.name').stdout).toMatch(/^GROUP: {6}networking\.istio\.io\nKIND: {7}DestinationRule\nVERSION: {4}v1\n\nFIELD: name <string>\n\n\nDESCRIPTION:\n {4}Name of the subset\./);
    expect(explain('destinationrule.spec.trafficPolicy.tls').stdout).toContain('  mode\t<string>\n  enum: DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL\n');
    expect(explain('peerauthentications.security.istio.io.spec.portLevelMtls').stdout).toContain('FIELD: portLevelMtls <map[string]Object>\n');
  });

  it('prints only names and types with --recursive', () => {
    expect(explain('pa.spec', '--recursive').stdout).toBe(
      `${PA_HEADER}FIELD: spec <Object>\n\n\nDESCRIPTION:\n    Peer authentication configuration for workloads. See more details at:\n    https://istio.io/docs/reference/config/security/peer_authentication.html\n    \nFIELDS:\n` +
      '  mtls\t<Object>\n    mode\t<string>\n    enum: UNSET, DISABLE, PERMISSIVE, STRICT\n' +
      '  portLevelMtls\t<map[string]Object>\n    mode\t<string>\n    enum: UNSET, DISABLE, PERMISSIVE, STRICT\n' +
      '  selector\t<Object>\n    matchLabels\t<map[string]string>\n\n',
    );
  });
});

describe('kubectl explain: built-in kinds', () => {
  it('explains pods with the kind\'s description and its fields', () => {
    const out = explain('pods').stdout;
    expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n')).toBe(true);
    expect(out).toContain('  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n');
    expect(out).toContain('  status\t<PodStatus>\n');
  });

  it('shows the field\'s description, then its type\'s, and the fields with -required-', () => {
    const out = explain('pod.spec').stdout;
    expect(out).toContain('FIELD: spec <PodSpec>\n\n\nDESCRIPTION:\n    Specification of the desired behavior of the pod. More info:\n    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status\n    PodSpec is a description of a pod.\n    \nFIELDS:\n');
    expect(out).toContain('  containers\t<[]Container> -required-\n    List of containers belonging to the pod.');
    expect(out).toContain('  dnsPolicy\t<string>\n  enum: ClusterFirst, ClusterFirstWithHostNet, Default, None\n');
  });

  it('appends the enum values kube-openapi generates to an enum field\'s description', () => {
    expect(explain('pod.spec.restartPolicy').stdout).toBe(
      'KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\nDESCRIPTION:\n' +
      '    Restart policy for all containers within the pod. One of Always, OnFailure,\n    Never. In some contexts, only a subset of those values may be permitted.\n    Default to Always. More info:\n' +
      '    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy\n    \n    Possible enum values:\n     - `"Always"`\n     - `"Never"`\n     - `"OnFailure"`\n    \n\n',
    );
    expect(explain('svc.spec.type').stdout).toContain('     - `"ClusterIP"` means a service will only be accessible inside the cluster,\n    via the cluster IP.\n');
  });

  it('explains Deployment, Namespace and Service fields', () => {
    expect(explain('deployment.spec.replicas').stdout).toMatch(/^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n {4}Number of desired pods\./);
    expect(explain('ns.spec.finalizers').stdout).toContain('FIELD: finalizers <[]string>\n');
    expect(explain('service.spec.ports.targetPort').stdout).toContain('FIELD: targetPort <IntOrString>\n');
  });

  it('says plainly where the simulator does not know the fields a real schema has', () => {
    const result = explain('pod.status');
    expect(result.stdout).toContain('FIELD: status <PodStatus>\n');
    expect(result.stdout).not.toContain('FIELDS:');
    expect(result.stderr).toBe("mtls-playground: the simulator's schema does not list the fields under pod.status; a real cluster's kubectl explain shows them\n");
  });
});

describe('kubectl explain: errors', () => {
  it('stops after the header at a field that does not exist, naming the last segment', () => {
    expect(explain('pods.spec.nope.deeper')).toEqual({ stdout: 'KIND:       Pod\nVERSION:    v1\n\n', stderr: 'error: field "deeper" does not exist\n', code: 1 });
  });

  it('keeps explain.go\'s argument errors and the RESTMapper\'s', () => {
    expect(explain()).toEqual({ stdout: '', stderr: 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n', code: 1 });
    expect(explain('pods', 'svc').stderr).toBe('error: We accept only this format: explain RESOURCE\n');
    expect(explain('widgets').stderr).toBe('error: the server doesn\'t have a resource type "widgets"\n');
    expect(explain('pa', '--api-version=security.istio.io/v9').stderr).toBe('error: couldn\'t find resource for "security.istio.io/v9, Resource=peerauthentications"\n');
    expect(explain('pa', '--api-version=security.istio.io/v1beta1').stdout.startsWith('GROUP:      security.istio.io\nKIND:       PeerAuthentication\nVERSION:    v1beta1\n')).toBe(true);
  });
});

describe('wordWrap (go-wordwrap v1.0.1 WrapString)', () => {
  it('breaks before the word that passes the limit and keeps runs of spaces and newlines', () => {
    expect(wordWrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wordWrap('aa  bb', 10)).toBe('aa  bb');
    expect(wordWrap('a\n\nb', 5)).toBe('a\n\nb');
    expect(wordWrap('averyveryverylongword x', 5)).toBe('averyveryverylongword\nx');
  });
});
