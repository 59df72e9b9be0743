// Problems (application/problem+json) name offending fields by JSON path: "amount.amount",
// "categories[0].tiers[2].ratePerUnit". Forms name fields as paths of keys and indexes.
export interface Problem { status: number; code?: string; title?: string; detail?: string; errors?: Record<string, string[]> }

export class ProblemError extends Error {
  constructor(public problem: Problem) { super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`); }
}

/** "categories[0].tiers[2].ratePerUnit" → ["categories", 0, "tiers", 2, "ratePerUnit"]. */
export function jsonPathToName(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.replace(/^\$\.?/, '').split('.')) {
    const re = /([^[\]]+)|\[(\d+)\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(part))) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  }
  return out;
}

/**
 * Field errors for a form: a problem about one field shows its `detail` (the server's own words) there;
 * one about several (validation_failed) shows each field's messages. What no field shows is returned as `rest`.
 */
export function fieldErrors(problem: Problem, formFields: string[]) {
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  let shown = false;
  const entries = Object.entries(problem.errors ?? {});
  for (const [path, messages] of entries) {
    const name = jsonPathToName(path);
    const key = name.join('.');
    const match = formFields.find((f) => f === key || key.startsWith(f + '.'));
    if (!match) continue;
    fields.push({ name: match.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: entries.length === 1 && problem.detail ? [problem.detail] : messages });
    shown = true;
  }
  return { fields, rest: shown ? null : problem.detail ?? problem.title ?? `HTTP ${problem.status}` };
}
