import { describe, expect, it } from 'vitest';
import { agentCommands } from './agent-command.ts';

describe('the command shown for a new host', () => {
  it('gives the control plane address and the token for a POSIX shell and for PowerShell', () => {
    const c = agentCommands('http://192.168.1.10:3000', 'tok_EN-123', "Bob's PC");
    expect(c.linux).toBe(
      `ARK_AGENT_TOKEN='tok_EN-123' npm run agent -- --control-plane http://192.168.1.10:3000 --data-dir "$HOME/ark-agent" --name 'Bob'\\''s PC'`,
    );
    expect(c.windows).toBe(
      `$env:ARK_AGENT_TOKEN='tok_EN-123'; npm run agent -- --control-plane http://192.168.1.10:3000 --data-dir "$env:USERPROFILE\\ark-agent" --name 'Bob''s PC'`,
    );
    expect(c.loopback).toBe(false);
  });

  it('says when the browser address is this PC only', () => {
    expect(agentCommands('http://127.0.0.1:3000', 't', 'x').loopback).toBe(true);
    expect(agentCommands('https://localhost:3000', 't', 'x').loopback).toBe(true);
    expect(agentCommands('https://ark.lan', 't', 'x').loopback).toBe(false);
  });
});
