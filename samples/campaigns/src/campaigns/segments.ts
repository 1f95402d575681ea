/**
 * Customer segments for the monthly mailing and the ad audiences, built by the growth team
 * from order history. Each segment is a rule over the customer's past orders.
 */
export interface Customer {
  id: string;
  email: string;
  orderedCategories: string[];
  newsletter: boolean;
}

export interface Segment {
  id: string;
  label: string;
  matches(customer: Customer): boolean;
}

export const segments: Segment[] = [
  {
    id: 'vitamin-fans',
    label: 'Vitamin buyers',
    matches: (c) => c.orderedCategories.includes('Vitamine'),
  },
  {
    id: 'mundgeruch',
    label: 'Interesse: Mundgeruch',
    matches: (c) => c.orderedCategories.includes('Mundgeruch'),
  },
  {
    id: 'diabetics',
    label: 'Diabetes care buyers',
    matches: (c) => c.orderedCategories.includes('Diabetes'),
  },
];

/** The segments a customer belongs to (for the mailing tool's tags). */
export function segmentsOf(customer: Customer): string[] {
  return segments.filter((s) => s.matches(customer)).map((s) => s.id);
}
