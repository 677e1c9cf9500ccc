/**
 * What an adversarial test tried and what held, printed as a table so `npm run test:adversarial`
 * says what was checked and the next change can be checked the same way. A row that did not hold
 * keeps a few examples of what went wrong; tests assert `failures()` is empty.
 */
export class Tally {
  private readonly rows = new Map<string, { tried: number; held: number; examples: string[] }>();

  constructor(private readonly title: string) {}

  /** Records one attempt of `kind`; `problem` is null when it held. */
  add(kind: string, problem: string | null): void {
    const row = this.rows.get(kind) ?? { tried: 0, held: 0, examples: [] };
    row.tried += 1;
    if (problem === null) row.held += 1;
    else if (row.examples.length < 5) row.examples.push(problem);
    this.rows.set(kind, row);
  }

  /** Every example of what did not hold, prefixed with its kind. */
  failures(): string[] {
    return [...this.rows].flatMap(([kind, row]) => row.examples.map((e) => `${kind}: ${e}`));
  }

  print(): void {
    const table = [...this.rows].map(([kind, row]) => ({ tried: kind, count: row.tried, held: row.held }));
    const total = table.reduce((n, r) => n + r.count, 0);
    const held = table.reduce((n, r) => n + r.held, 0);
    console.log(`\n[adversarial] ${this.title}: ${held}/${total} held`);
    console.table(table);
  }
}
