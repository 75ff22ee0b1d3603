import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HubConfigSchema } from '../../../electron/core/config';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('### Exposing a hub beyond this machine'), readme.indexOf('## Sources'));

describe('README "Exposing a hub beyond this machine"', () => {
  it('shows the checked proxy configs verbatim (npm run check:proxy runs docs/proxy/*)', () => {
    expect(section).toContain(readFileSync('docs/proxy/Caddyfile', 'utf8'));
    expect(section).toContain(readFileSync('docs/proxy/earshot.nginx.conf', 'utf8'));
  });

  it('names only config keys that exist, with a value the config accepts', () => {
    const example = /```json\n(.*)\n```/.exec(section)?.[1] ?? '';
    const parsed = HubConfigSchema.safeParse(JSON.parse(example));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.server).toEqual({
      host: '127.0.0.1',
      port: 4870,
      publicHosts: ['https://earshot.example.com'],
    });
  });
});
