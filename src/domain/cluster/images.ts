/**
 * What executables an image ships, which decides what `kubectl exec` and `kubectl debug` can run.
 * The Online Boutique images are distroless or slim runtimes without curl; curlimages/curl,
 * istio/base and the proxy image have curl.
 */
const SHELL_TOOLS = ['sh', 'echo', 'cat', 'ls', 'sleep', 'env', 'true', 'false', 'pwd', 'grep', 'head', 'tail', 'wc', 'mkdir', 'rm', 'touch'];
/** The text tools: busybox has them as applets (Alpine-based images), Debian and Ubuntu in coreutils, sed, mawk, findutils. */
const TEXT_TOOLS = ['sed', 'awk', 'sort', 'uniq', 'cut', 'tr', 'xargs', 'base64'];

export function imageBinaries(image: string): ReadonlySet<string> {
  let binaries = byImage.get(image);
  if (binaries === undefined) byImage.set(image, (binaries = readBinaries(image)));
  return binaries;
}

/** By image reference: every `kubectl exec` asks, and a cluster runs a handful of images. */
const byImage = new Map<string, ReadonlySet<string>>();

function readBinaries(image: string): Set<string> {
  const name = image.split('@')[0]?.replace(/:[^/]*$/, '') ?? image;
  if (/(^|\/)curlimages\/curl$/.test(name) || name === 'curlimages/curl') return new Set(['curl', ...SHELL_TOOLS, ...TEXT_TOOLS, 'wget', 'nslookup']);
  if (/(^|\/)istio\/base$/.test(name) || name.endsWith('/istio/base')) return new Set(['curl', 'bash', ...SHELL_TOOLS, 'openssl', 'nslookup', 'iptables']);
  if (/proxyv2$/.test(name)) return new Set(['curl', 'bash', ...SHELL_TOOLS, 'pilot-agent', 'envoy', 'openssl']);
  if (/(^|\/)(busybox|alpine)$/.test(name)) return new Set([...SHELL_TOOLS, ...TEXT_TOOLS, 'less', 'more', 'watch', 'wget', 'nslookup']);
  if (/(^|\/)(ubuntu|debian|nicolaka\/netshoot|nginx)$/.test(name)) return new Set(['bash', ...SHELL_TOOLS, ...TEXT_TOOLS, ...(name.endsWith('netshoot') ? ['curl', 'openssl', 'nslookup', 'tcpdump', 'jq', 'less', 'watch'] : [])]);
  // microservices-demo: Go and .NET services are distroless (nothing); Python, Node and Java ones have a shell.
  if (/microservices-demo\/(emailservice|recommendationservice|currencyservice|paymentservice|adservice|loadgenerator)$/.test(name)) return new Set(SHELL_TOOLS);
  return new Set();
}
