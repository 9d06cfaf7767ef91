import { describe, expect, it } from 'vitest';
import { parseHostInput } from '../../../shared/target';

const ok = (host: string, port: number | null) => ({ ok: true, value: { host, port } });

describe('parseHostInput (the Host field)', () => {
  it('takes a bare name or address with no port', () => {
    expect(parseHostInput('localhost')).toEqual(ok('localhost', null));
    expect(parseHostInput(' 10.0.0.2 ')).toEqual(ok('10.0.0.2', null));
    expect(parseHostInput('::1')).toEqual(ok('::1', null));
    expect(parseHostInput('[fe80::1%eth0]')).toEqual(ok('fe80::1%eth0', null));
  });
  it('splits host:port and [v6]:port', () => {
    expect(parseHostInput('localhost:8080')).toEqual(ok('localhost', 8080));
    expect(parseHostInput('[::1]:22')).toEqual(ok('::1', 22));
    expect(parseHostInput('[fe80::1%eth0]:2222')).toEqual(ok('fe80::1%eth0', 2222));
  });
  it('reads a pasted URL: host, written port, else the scheme default', () => {
    expect(parseHostInput('http://example.com:8080/x')).toEqual(ok('example.com', 8080));
    expect(parseHostInput('https://example.com/path?q=1#f')).toEqual(ok('example.com', 443));
    expect(parseHostInput('http://example.com')).toEqual(ok('example.com', 80));
    expect(parseHostInput('ssh://admin@server.lan')).toEqual(ok('server.lan', 22));
    expect(parseHostInput('HTTP://[::1]:8443/')).toEqual(ok('::1', 8443));
    expect(parseHostInput('ftp://files.example.com/')).toEqual(ok('files.example.com', null));
  });
  it('refuses what is not a host or port', () => {
    expect(parseHostInput('').ok).toBe(false);
    expect(parseHostInput('http://').ok).toBe(false);
    expect(parseHostInput('bad host').ok).toBe(false);
    expect(parseHostInput('host:99999').ok).toBe(false);
    expect(parseHostInput('host:').ok).toBe(false);
    expect(parseHostInput('[::1').ok).toBe(false);
    expect(parseHostInput('a;rm -rf /').ok).toBe(false);
  });
});
