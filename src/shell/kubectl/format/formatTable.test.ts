import { describe, expect, it } from 'vitest';
import { formatTable } from './formatTable.ts';

/** The expected output as kubectl prints it: one string per line, each ending in '\n'. */
function printed(...lines: string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

describe('formatTable', () => {
  it('prints `kubectl get services -n frontend` as in cli-output.md', () => {
    const rows = [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['frontend', 'ClusterIP', '34.118.236.212', '<none>', '80/TCP', '27m'],
      ['frontend-external', 'LoadBalancer', '34.118.233.103', '35.202.118.74', '80:31562/TCP', '27m'],
    ];
    expect(formatTable(rows)).toBe(
      printed(
        'NAME                TYPE           CLUSTER-IP       EXTERNAL-IP     PORT(S)        AGE',
        'frontend            ClusterIP      34.118.236.212   <none>          80/TCP         27m',
        'frontend-external   LoadBalancer   34.118.233.103   35.202.118.74   80:31562/TCP   27m',
      ),
    );
  });

  it('narrows EXTERNAL-IP while the load balancer is <pending>', () => {
    const rows = [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['frontend', 'ClusterIP', '34.118.236.212', '<none>', '80/TCP', '41s'],
      ['frontend-external', 'LoadBalancer', '34.118.233.103', '<pending>', '80:31562/TCP', '41s'],
    ];
    expect(formatTable(rows)).toBe(
      printed(
        'NAME                TYPE           CLUSTER-IP       EXTERNAL-IP   PORT(S)        AGE',
        'frontend            ClusterIP      34.118.236.212   <none>        80/TCP         41s',
        'frontend-external   LoadBalancer   34.118.233.103   <pending>     80:31562/TCP   41s',
      ),
    );
  });

  it('prints the istio-ingressgateway row with its long PORT(S) cell', () => {
    const rows = [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['istio-ingressgateway', 'LoadBalancer', '34.118.227.14', '34.136.92.187', '15021:30954/TCP,80:32286/TCP,443:31622/TCP', '31m'],
    ];
    expect(formatTable(rows)).toBe(
      printed(
        'NAME                   TYPE           CLUSTER-IP      EXTERNAL-IP     PORT(S)                                      AGE',
        'istio-ingressgateway   LoadBalancer   34.118.227.14   34.136.92.187   15021:30954/TCP,80:32286/TCP,443:31622/TCP   31m',
      ),
    );
  });

  it('prints the asm-ingressgateway service', () => {
    const rows = [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['asm-ingressgateway', 'LoadBalancer', '34.118.227.14', '34.136.92.187', '80:30471/TCP', '31m'],
    ];
    expect(formatTable(rows)).toBe(
      printed(
        'NAME                 TYPE           CLUSTER-IP      EXTERNAL-IP     PORT(S)        AGE',
        'asm-ingressgateway   LoadBalancer   34.118.227.14   34.136.92.187   80:30471/TCP   31m',
      ),
    );
  });

  it('prints `kubectl get peerauthentication --all-namespaces`', () => {
    const namespaces = ['ad', 'cart', 'checkout', 'currency', 'email', 'frontend', 'loadgenerator', 'payment', 'product-catalog', 'recommendation', 'shipping'];
    const rows = [['NAMESPACE', 'NAME', 'MODE', 'AGE'], ...namespaces.map((ns) => [ns, 'namespace-policy', 'STRICT', '17m'])];
    expect(formatTable(rows)).toBe(
      printed(
        'NAMESPACE         NAME               MODE     AGE',
        'ad                namespace-policy   STRICT   17m',
        'cart              namespace-policy   STRICT   17m',
        'checkout          namespace-policy   STRICT   17m',
        'currency          namespace-policy   STRICT   17m',
        'email             namespace-policy   STRICT   17m',
        'frontend          namespace-policy   STRICT   17m',
        'loadgenerator     namespace-policy   STRICT   17m',
        'payment           namespace-policy   STRICT   17m',
        'product-catalog   namespace-policy   STRICT   17m',
        'recommendation    namespace-policy   STRICT   17m',
        'shipping          namespace-policy   STRICT   17m',
      ),
    );
  });

  it('pads short columns to the minimum width of 6 plus nothing more', () => {
    expect(formatTable([['NAMESPACE', 'NAME', 'MODE', 'AGE'], ['frontend', 'frontend', 'STRICT', '12s']])).toBe(
      printed('NAMESPACE   NAME       MODE     AGE', 'frontend    frontend   STRICT   12s'),
    );
    expect(formatTable([['NAMESPACE', 'NAME', 'MODE', 'AGE'], ['istio-system', 'mesh-wide', 'STRICT', '9s']])).toBe(
      printed('NAMESPACE      NAME        MODE     AGE', 'istio-system   mesh-wide   STRICT   9s'),
    );
  });

  it('prints `kubectl get dr -n frontend`', () => {
    expect(formatTable([['NAME', 'HOST', 'AGE'], ['frontend', 'frontend.demo.svc.cluster.local', '8s']])).toBe(
      printed('NAME       HOST                              AGE', 'frontend   frontend.demo.svc.cluster.local   8s'),
    );
  });

  it('prints nil and empty cells as nothing, padded like any other cell', () => {
    expect(formatTable([['NAME', 'GATEWAYS', 'HOSTS', 'AGE'], ['a', null, undefined, '1s'], ['b', '', '["x"]', '']])).toBe(
      printed('NAME   GATEWAYS   HOSTS   AGE', 'a                         1s', 'b                 ["x"]   '),
    );
  });

  it('never pads the last cell, so a one-column table is the text itself', () => {
    expect(formatTable([['NAME'], ['a-long-name']])).toBe(printed('NAME', 'a-long-name'));
  });

  it('counts width in code points', () => {
    expect(formatTable([['ÄÖÜ', 'x'], ['abc', 'y']])).toBe(printed('ÄÖÜ   x', 'abc   y'));
  });

  it('aligns consecutive rows that share a column, remembering widths as kubectl\'s tabwriter does', () => {
    // The last cell of a row belongs to no column: 'bbbbbbbbb' does not widen column 1.
    // The one-cell row 'x' ends the block, but RememberWidths keeps column 0 at 10 after it.
    expect(formatTable([['a', 'b', 'c'], ['aaaaaaa', 'bbbbbbbbb'], ['x'], ['yyy', 'z']])).toBe(
      printed('a         b     c', 'aaaaaaa   bbbbbbbbb', 'x', 'yyy       z'),
    );
  });

  it('lets a tab inside a cell split it, as kubectl does', () => {
    expect(formatTable([['a\tb', 'c'], ['d', 'e', 'f']])).toBe(printed('a     b     c', 'd     e     f'));
  });

  it('prints nothing for no rows', () => {
    expect(formatTable([])).toBe('');
  });
});
