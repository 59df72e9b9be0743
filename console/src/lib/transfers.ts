// Who must act on a transfer in each open state (docs/API.md, Transfers): the console's board says it per card.
export type Actor = 'consenting_parties' | 'center' | 'buyer' | 'none';

export function whoMustAct(status: string): Actor {
  switch (status) {
    case 'awaiting_consents': return 'consenting_parties';
    case 'awaiting_export_clearance': return 'center';
    case 'awaiting_payment': return 'buyer';
    case 'awaiting_recordation': return 'center';
    default: return 'none';
  }
}

export const boardColumns = ['awaiting_consents', 'awaiting_export_clearance', 'awaiting_payment', 'awaiting_recordation', 'completed', 'closed'] as const;

/** The board's column of a status: cancelled and expired transfers share "closed". */
export const columnOf = (status: string) => (status === 'cancelled' || status === 'expired' ? 'closed' : status);

export const isOpen = (status: string) => whoMustAct(status) !== 'none';
