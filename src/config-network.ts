import net from 'node:net';
import { ConfigError } from './config-error.js';

/**
 * TRUST_PROXY: the load balancers' addresses or CIDRs, comma separated. `true` (trust any
 * hop) is refused: it lets every client choose its own address by sending X-Forwarded-For
 * and so dodge the per-address login throttle.
 */
export function parseTrustProxy(raw: string | undefined): string[] | false {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true' || value === '*') {
    throw new ConfigError(
      'TRUST_PROXY=true is not accepted: list the load balancer addresses or CIDRs instead, e.g. TRUST_PROXY=10.0.0.5,10.0.1.0/24 (any other sender could fake X-Forwarded-For).',
    );
  }
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const [addr, bits, extra] = entry.split('/');
    const family = net.isIP(addr ?? '');
    const prefixOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || extra !== undefined || (bits !== undefined && Number(bits) === 0)) {
      throw new ConfigError(`TRUST_PROXY: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.5 or 10.0.1.0/24; /0 is not accepted).`);
    }
  }
  return entries;
}
