import fs from 'node:fs';
import { seedStore } from './rest-bench-seed.ts';
const dir = '/work/main/dist/restperf/store';
fs.rmSync(dir, { recursive: true, force: true }); fs.mkdirSync(dir, { recursive: true });
const s = seedStore(dir, { instances: 20, jobs: 100000, logLines: 1000000 });
fs.writeFileSync(`${dir}/ids.json`, JSON.stringify(s.instanceIds));
console.log('seeded', s.seconds);
