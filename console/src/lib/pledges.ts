// Pledge registrations (质押登记) the operating center files for the parties of a deal (docs/API.md, "Pledge financing").

/** The server's rule for a CNIPA pledge registration number: 6 to 40 letters, digits or hyphens (after trimming). */
export const registrationNumberPattern = /^[A-Za-z0-9-]{6,40}$/;

export const isRegistrationNumber = (value: string) => registrationNumberPattern.test(value.trim());

/**
 * The day the deal was approved (China time, as the server's market day), from its history; the registration may not be
 * dated before it (422 registered_before_approval) nor after today (400 date_in_future).
 */
export function approvedOn(history: { action: string; at: string }[]): string | null {
  const approved = [...history].reverse().find((e) => e.action === 'approved');
  if (!approved) return null;
  const beijing = new Date(new Date(approved.at).getTime() + 8 * 3600_000);
  return beijing.toISOString().slice(0, 10);
}

/** Days the deal has waited on the center since its approval (0 on the day itself); null without an approval. */
export function daysWaiting(history: { action: string; at: string }[], today: string): number | null {
  const since = approvedOn(history);
  if (!since) return null;
  return Math.round((Date.parse(today) - Date.parse(since)) / 86_400_000);
}
