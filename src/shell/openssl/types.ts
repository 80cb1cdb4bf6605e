import type { TlsProbe } from '../../domain/pki/probeTls.ts';
import type { VirtualFs } from '../types.ts';

/** Where an `openssl` binary runs: its version and how it reaches the network. */
export interface OpensslHost {
  /** The `openssl version` line, e.g. `OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)`. */
  version: string;
  /** What a TLS client finds at host:port from where this binary runs (the simulator decides). */
  probe(host: string, port: number, alpn: readonly string[]): TlsProbe;
  /** The simulated time in ms (certificate validity checks). */
  now(): number;
  /**
   * The hex thread id OpenSSL prints at the start of each error line (it differs per process), e.g.
   * `40E7B1D39B7F0000`.
   */
  threadId(): string;
}

/** What one `openssl` subcommand sees. */
export interface OpensslContext {
  host: OpensslHost;
  args: string[];
  stdin: string;
  stdinIsTerminal: boolean;
  fs: VirtualFs;
  out(text: string): void;
  err(text: string): void;
}
