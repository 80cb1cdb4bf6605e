/**
 * `curl --help` as curl 8.10+ prints it with no subject (tool_help.c: the "important" category,
 * then the category notes); the category list is wrapped at 80 columns as on a terminal.
 */
export function curlHelp(): string {
  return [
    'Usage: curl [options...] <url>',
    ' -d, --data <data>           HTTP POST data',
    ' -f, --fail                  Fail fast with no output on HTTP errors',
    ' -h, --help <subject>        Get help for commands',
    ' -o, --output <file>         Write to file instead of stdout',
    ' -O, --remote-name           Write output to file named as remote file',
    ' -i, --show-headers          Show response headers in output',
    ' -s, --silent                Silent mode',
    ' -T, --upload-file <file>    Transfer local FILE to destination',
    ' -u, --user <user:password>  Server user and password',
    ' -A, --user-agent <name>     Send User-Agent <name> to server',
    ' -v, --verbose               Make the operation more talkative',
    ' -V, --version               Show version number and quit',
    '',
    'This is not the full help; this menu is split into categories.',
    'Use "--help category" to get an overview of all categories, which are:',
    'auth, connection, curl, deprecated, dns, file, ftp, global, http, imap, ldap, ',
    'output, pop3, post, proxy, scp, sftp, smtp, ssh, telnet, tftp, timeout, tls, ',
    'upload, verbose.',
    'Use "--help all" to list all options',
    'Use "--help [option]" to view documentation for a given option',
    '',
  ].join('\n');
}

const RELEASE_DATES: Record<string, string> = { '8.11.1': '2024-12-11', '8.11.0': '2024-11-06' };

/**
 * `curl -V` of the curlimages/curl image (Alpine, musl). The library versions are those Alpine
 * 3.21 shipped with curl 8.11.1 (released 2024-12-11); for another version only the numbers change.
 */
export function curlVersionText(version: string): string {
  const releaseDate = RELEASE_DATES[version];
  return [
    `curl ${version} (x86_64-pc-linux-musl) libcurl/${version} OpenSSL/3.3.2 zlib/1.3.1 brotli/1.1.0 zstd/1.5.6 c-ares/1.34.3 libidn2/2.3.7 libpsl/0.21.5 libssh2/1.11.1 nghttp2/1.64.0`,
    ...(releaseDate ? [`Release-Date: ${releaseDate}`] : []),
    'Protocols: dict file ftp ftps gopher gophers http https imap imaps ipfs ipns mqtt pop3 pop3s rtsp scp sftp smb smbs smtp smtps telnet tftp ws wss',
    'Features: alt-svc AsynchDNS brotli HSTS HTTP2 HTTPS-proxy IDN IPv6 Largefile libz NTLM PSL SSL threadsafe TLS-SRP UnixSockets zstd',
    '',
  ].join('\n');
}
