import { describe, expect, it } from 'vitest';
import { familyOf, parsePpid, programName, type ProcNode } from './proc-tree.ts';

const node = (pid: number, ppid: number, pgrp: number, state = 'S'): ProcNode => ({ pid, ppid, pgrp, state });

describe('the process tree below a runner', () => {
  it('takes descendants and group members, never zombies or strangers', () => {
    const nodes = [
      node(1, 0, 1),
      node(100, 1, 100), // the runner (a detached group leader)
      node(101, 100, 100), // wine steam.exe
      node(102, 101, 100), // the server
      node(103, 1, 100), // double-forked away from the tree, still in the group
      node(104, 102, 104), // a child that made its own group
      node(105, 100, 100, 'Z'),
      node(200, 1, 200), // another program
    ];
    expect(familyOf(nodes, 100).map((n) => n.pid)).toEqual([100, 101, 102, 103, 104]);
  });

  it('reads ppid after a command name with spaces and parentheses, and names programs by either separator', () => {
    expect(parsePpid('42 (a) b (c) S 7 42 42 0 -1')).toBe(7);
    expect(programName('Z:\\srv\\ark\\ShooterGame\\Binaries\\Win64\\ArkAscendedServer.exe')).toBe(
      'ArkAscendedServer.exe',
    );
    expect(programName('/usr/bin/python3')).toBe('python3');
  });
});
