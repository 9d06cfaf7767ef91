import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FirewallData } from '../../../shared/probe-data';
import {
  manualCommands,
  neededManualCommands,
  nextManualCommand,
  parsePasted,
  splitTranscript,
} from '../../../electron/engine/manual';

const fx = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'firewall', name), 'utf8');

const firewallReq = {
  probe: 'firewall' as const,
  vantage: 'server' as const,
  target: { host: '10.234.0.2', port: 5 },
  address: '10.234.0.2',
  clientAddress: '10.234.0.1',
  timeoutMs: 1000,
};

describe('manual mode: commands a probe asks for', () => {
  it('a fallback is listed only when the first choice is skipped', async () => {
    const req = { probe: 'listeners' as const, vantage: 'server' as const, timeoutMs: 1000 };
    expect((await neededManualCommands(req)).map((c) => c.argv)).toEqual([['ss', '-Hltnp']]);
    const next = await nextManualCommand(req, new Map(), new Set(['ss -Hltnp']));
    expect(next?.argv).toEqual(['netstat', '-ltnp']);
    expect((await manualCommands(req)).map((c) => c.argv[0])).toEqual(['ss', 'netstat']);
  });

  it('the firewall needs every ruleset source, marked as needing root', async () => {
    const cmds = await neededManualCommands(firewallReq);
    const lines = cmds.map((c) => c.argv.join(' '));
    expect(lines).toEqual(
      expect.arrayContaining(['iptables-save -c', 'nft -j list ruleset', 'ufw status verbose']),
    );
    expect(cmds.find((c) => c.argv[0] === 'iptables-save')?.privileged).toBe(true);
  });

  it('a named service is asked of every manager (SysV, runit, supervisor), not only SysV', async () => {
    const req = {
      probe: 'service' as const,
      vantage: 'server' as const,
      service: 'web',
      timeoutMs: 1000,
    };
    const programs = (await neededManualCommands(req)).map((c) => c.argv[0]);
    expect(programs).toEqual(
      expect.arrayContaining(['systemctl', 'service', 'sv', 'supervisorctl']),
    );
  });
});

describe('manual mode: a pasted transcript', () => {
  it('splits at the probe’s own commands behind any prompt, never at output comments', async () => {
    const commands = await manualCommands(firewallReq);
    const ipt = fx('debian-nft-inet-iptables-save.txt');
    const text = `root@srv:~# iptables-save -c\n${ipt}\n$ sudo nft -j list ruleset\n{"nftables": []}\n`;
    const parts = splitTranscript(text, commands);
    expect(parts).not.toBeNull();
    expect(parts?.get('iptables-save -c')?.trim()).toBe(ipt.trim());
    expect(parts?.get('nft -j list ruleset')?.trim()).toBe('{"nftables": []}');
  });

  it('plain output without a header answers the first command alone', () => {
    expect(splitTranscript('LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n', [])).toBeNull();
  });

  it('without the inbound interface an `iifname` rule cannot be decided: unknown, named', async () => {
    const stdout = ['$ nft -j list ruleset', fx('debian-nft-inet-nft-json.txt')].join('\n');
    const e = await parsePasted({ probe: 'firewall', stdout, request: firewallReq });
    const v = (e.data as FirewallData).verdict;
    expect(v?.verdict).toBe('unknown');
    expect(v?.undecidable).toMatchObject({ chain: 'input', position: 3 });
  });

  it('reaches the nft rule that only `nft -j` shows (real Debian output)', async () => {
    const stdout = [
      '$ iptables-save -c',
      fx('debian-nft-inet-iptables-save.txt'),
      '$ nft -j list ruleset',
      fx('debian-nft-inet-nft-json.txt'),
      '$ nft -a list ruleset',
      fx('debian-nft-inet-nft-text.txt'),
      // The inbound interface decides `iifname "lo" accept` before the rule that rejects.
      '$ ip -j route get 10.234.0.1 from 10.234.0.2',
      fx('debian-route-get-inbound.txt'),
    ].join('\n');
    const e = await parsePasted({ probe: 'firewall', stdout, request: firewallReq });
    const v = (e.data as FirewallData).verdict;
    expect(v?.verdict).toBe('reject');
    expect(v?.rule?.source).toBe('nftables');
    expect(v?.rule?.text).toMatch(/tcp dport 5 reject/);
  });
});
